import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Min, ValidateNested } from 'class-validator';
import { ProbesInput } from './probes.input';

/** REST body of POST /api/scenarios/:id/simulations (all optional). */
export class RunSimulationBody {
  @IsOptional()
  @IsInt()
  @Min(1)
  @ApiPropertyOptional()
  versionNumber?: number;

  @IsOptional()
  @ValidateNested()
  @Type(() => ProbesInput)
  @ApiPropertyOptional({ type: () => ProbesInput })
  probes?: ProbesInput;

  /** interactive (default for people) or batch (default for API keys, see README). */
  @IsOptional()
  @IsIn(['interactive', 'batch'])
  @ApiPropertyOptional({ enum: ['interactive', 'batch'] })
  priority?: 'interactive' | 'batch';
}
