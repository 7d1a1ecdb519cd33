import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Field, InputType } from '@nestjs/graphql';
import { ArrayNotEmpty, IsArray, IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { PERMISSIONS, ROLES, type Permission, type Role } from '../permissions';
import { ApiKeyScope, OrganizationRole } from '../models/auth.model';

const PASSWORD_MIN = 8;
// scrypt's cost does not grow with length, but nothing needs more than this.
const PASSWORD_MAX = 1024;

@InputType()
export class SignInInput {
  @Field()
  @IsEmail()
  @MaxLength(254)
  @ApiProperty()
  email: string;

  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(PASSWORD_MAX)
  @ApiProperty()
  password: string;
}

@InputType()
export class SignUpInput {
  @Field()
  @IsEmail()
  @MaxLength(254)
  @ApiProperty()
  email: string;

  @Field({ description: `At least ${PASSWORD_MIN} characters.` })
  @IsString()
  @MinLength(PASSWORD_MIN)
  @MaxLength(PASSWORD_MAX)
  @ApiProperty()
  password: string;

  @Field(() => String, { nullable: true, description: 'A new organization (an institution or a course platform); the caller becomes its owner. Give this or joinCode.' })
  @ValidateIf((input: SignUpInput) => input.joinCode === undefined || input.organizationName !== undefined)
  @IsString()
  @Matches(/\S/, { message: 'organizationName must not be blank' })
  @MaxLength(200)
  @ApiPropertyOptional()
  organizationName?: string;

  @Field(() => String, { nullable: true, description: "A classroom's join code: the account is made a student of that classroom's organization and joins it." })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @ApiPropertyOptional()
  joinCode?: string;
}

@InputType()
export class AddMemberInput {
  @Field()
  @IsEmail()
  @MaxLength(254)
  @ApiProperty()
  email: string;

  @Field({ description: `A first password for the new member, at least ${PASSWORD_MIN} characters.` })
  @IsString()
  @MinLength(PASSWORD_MIN)
  @MaxLength(PASSWORD_MAX)
  @ApiProperty()
  password: string;

  @Field(() => OrganizationRole)
  @IsIn(ROLES)
  @ApiProperty({ type: String })
  role: Role;
}

@InputType()
export class CreateApiKeyInput {
  @Field({ description: 'What the key is for, e.g. the grader that uses it.' })
  @IsString()
  @Matches(/\S/, { message: 'name must not be blank' })
  @MaxLength(200)
  @ApiProperty()
  name: string;

  @Field(() => [ApiKeyScope])
  @IsArray()
  @ArrayNotEmpty()
  @IsIn(PERMISSIONS, { each: true })
  @ApiProperty({ type: [String] })
  scopes: Permission[];
}
