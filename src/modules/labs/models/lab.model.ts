import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Scenario } from '../../scenarios/models/scenario.model';

@ObjectType({ description: "A lab's deadlines and limits (absent: no such rule)." })
export class LabRules {
  @Field(() => Date, { nullable: true, description: 'Submissions before this are refused.' })
  @ApiPropertyOptional({ type: Date })
  opensAt?: Date;

  @Field(() => Date, { nullable: true, description: 'Submissions after this are late; hidden checks are shown after it.' })
  @ApiPropertyOptional({ type: Date })
  dueAt?: Date;

  @Field(() => Date, { nullable: true, description: 'Late submissions are accepted until this, then refused.' })
  @ApiPropertyOptional({ type: Date })
  lateUntil?: Date;

  @Field(() => Float, { nullable: true, description: 'The share of the points a late submission keeps, in percent.' })
  @ApiPropertyOptional()
  latePercent?: number;

  @Field(() => Int, { nullable: true, description: 'Graded submissions allowed; not-gradable ones do not count.' })
  @ApiPropertyOptional()
  maxAttempts?: number;

  @Field(() => Int, { nullable: true, description: 'Seconds a student waits between submissions.' })
  @ApiPropertyOptional()
  minSecondsBetween?: number;
}

@ObjectType({ description: 'A check as the caller may see it (hidden checks show only their id and points to students).' })
export class LabCheckInfo {
  @Field()
  @ApiProperty()
  id: string;

  @Field({ description: 'exists, endpoints, trace, dns, reach, command or all.' })
  @ApiProperty()
  kind: string;

  @Field(() => Float)
  @ApiProperty()
  points: number;

  @Field()
  @ApiProperty()
  message: string;

  @Field()
  @ApiProperty()
  hidden: boolean;
}

@ObjectType()
export class LabParameterValue {
  @Field()
  @ApiProperty()
  name: string;

  @Field({ description: 'The value drawn for the caller (students), as text.' })
  @ApiProperty()
  value: string;
}

@ObjectType({ description: 'An assignment: instructions, a starter scenario, checks with points and rules. Students see their own variant.' })
export class Lab {
  @Field(() => ID)
  @ApiProperty()
  id: string;

  @Field({ description: "metadata.name of the lab file." })
  @ApiProperty()
  name: string;

  @Field()
  @ApiProperty()
  title: string;

  @Field({ description: 'Markdown; for a student, with their parameters filled in.' })
  @ApiProperty()
  instructions: string;

  @Field({ description: 'The starter manifests; for a student, with their parameters filled in.' })
  @ApiProperty()
  starter: string;

  @Field(() => Int, { description: 'The latest version of the lab file.' })
  @ApiProperty()
  version: number;

  @Field(() => LabRules)
  @ApiProperty({ type: LabRules })
  rules: LabRules;

  @Field(() => [LabCheckInfo])
  @ApiProperty({ type: [LabCheckInfo] })
  checks: LabCheckInfo[];

  @Field(() => Float)
  @ApiProperty()
  maxScore: number;

  @Field(() => [LabParameterValue], { description: "A student's own parameter values; for staff, the declared names with an empty value." })
  @ApiProperty({ type: [LabParameterValue] })
  parameters: LabParameterValue[];

  @Field(() => [ID])
  @ApiProperty({ type: [String] })
  classroomIds: string[];

  @Field()
  @ApiProperty()
  createdAt: Date;
}

@ObjectType({ description: "A student's own copy of the lab's starter scenario." })
export class LabWorkspace {
  @Field(() => Lab)
  lab: Lab;

  @Field(() => Scenario)
  scenario: Scenario;
}
