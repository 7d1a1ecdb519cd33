import { Field, ID, InputType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsEnum, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { ClassroomRoleName } from '../models/classroom.model';

@InputType()
export class CreateClassroomInput {
  @Field({ description: 'The section, e.g. "Tuesday 10:00".' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @ApiProperty()
  name: string;

  @Field(() => String, { nullable: true, description: 'The course the section belongs to.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @ApiPropertyOptional()
  course?: string;
}

@InputType()
export class AddClassroomMemberInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  @ApiPropertyOptional()
  userId?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail()
  @ApiPropertyOptional()
  email?: string;

  @Field(() => ClassroomRoleName)
  @IsEnum(ClassroomRoleName)
  @ApiProperty({ enum: ClassroomRoleName })
  role: ClassroomRoleName;
}

export class JoinClassroomBody {
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  @ApiProperty({ description: 'The join code the instructor gave.' })
  code: string;
}

export class AssignLabBody {
  @IsUUID()
  @ApiProperty()
  labId: string;

  @IsOptional()
  @IsBoolean()
  @ApiPropertyOptional({ description: 'Also make it the lab the live session shows.' })
  current?: boolean;
}
