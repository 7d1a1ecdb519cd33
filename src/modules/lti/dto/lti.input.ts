import { Field, InputType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsNotEmpty, IsOptional, IsString, IsUrl, MaxLength } from 'class-validator';

const url = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

@InputType({ description: 'An LMS registered by hand: the values its LTI 1.3 tool configuration shows.' })
export class CreateLtiRegistrationInput {
  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @ApiProperty()
  name: string;

  @Field({ description: "The platform's issuer (iss), e.g. https://canvas.instructure.com." })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  @ApiProperty()
  issuer: string;

  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  @ApiProperty()
  clientId: string;

  @Field()
  @IsUrl(url)
  @ApiProperty()
  authorizationUrl: string;

  @Field()
  @IsUrl(url)
  @ApiProperty()
  tokenUrl: string;

  @Field()
  @IsUrl(url)
  @ApiProperty()
  jwksUrl: string;

  @Field(() => [String])
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @ApiProperty({ type: [String] })
  deploymentIds: string[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @ApiPropertyOptional()
  tokenAudience?: string;
}
