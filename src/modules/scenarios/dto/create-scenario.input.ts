import { ApiProperty } from '@nestjs/swagger';
import { Field, InputType } from '@nestjs/graphql';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

@InputType()
export class CreateScenarioInput {
  @Field({ description: 'A name for people; need not be unique.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @ApiProperty()
  name: string;

  @Field({ description: 'Kubernetes manifests: multi-document YAML, JSON, or a kind: List.' })
  @IsString()
  @ApiProperty()
  manifests: string;
}

@InputType()
export class EditScenarioInput {
  @Field({ description: 'The new manifests; they become the next version.' })
  @IsString()
  @ApiProperty()
  manifests: string;
}

@InputType()
export class ImportScenarioInput {
  @Field({ description: 'A name for people; need not be unique.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @ApiProperty()
  name: string;

  @Field({ description: 'What `kubectl get ... -o yaml` (or -o json) printed: a kind: List or single objects.' })
  @IsString()
  @ApiProperty()
  kubectlOutput: string;
}
