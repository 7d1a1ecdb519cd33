import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, IsUUID } from 'class-validator';

export class SubmitLabBody {
  @IsOptional()
  @IsString()
  @ApiPropertyOptional({ description: 'The manifests handed in; or give scenarioId (default: the caller’s lab workspace).' })
  manifests?: string;

  @IsOptional()
  @IsUUID()
  @ApiPropertyOptional({ description: "One of the caller's scenarios: its latest version is handed in." })
  scenarioId?: string;

  @IsOptional()
  @IsUUID()
  @ApiPropertyOptional({ description: 'The classroom the submission counts in (default: the first of the caller’s with this lab).' })
  classroomId?: string;

  @IsOptional()
  @IsBoolean()
  @ApiPropertyOptional({ description: 'Wait for the grade (up to GRADE_WAIT_MS) before answering; default true.' })
  wait?: boolean;
}
