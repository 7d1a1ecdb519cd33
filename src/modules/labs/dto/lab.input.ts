import { Field, ID, InputType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID } from 'class-validator';

@InputType()
export class CreateLabInput {
  @Field({ description: 'The lab file (YAML, kind: Lab): what exportLab prints. See the README for the format.' })
  @IsString()
  @ApiProperty({ description: 'The lab file (YAML, kind: Lab).' })
  source: string;

  @Field(() => ID, { nullable: true, description: 'Assign the new lab to this classroom.' })
  @IsOptional()
  @IsUUID()
  @ApiPropertyOptional()
  classroomId?: string;
}

@InputType()
export class UpdateLabInput {
  @Field({ description: 'The edited lab file; it becomes the next version.' })
  @IsString()
  @ApiProperty()
  source: string;
}
