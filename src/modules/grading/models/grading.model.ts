import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export enum SubmissionStatus {
  queued = 'queued',
  grading = 'grading',
  graded = 'graded',
  not_gradable = 'not_gradable',
  failed = 'failed',
}
registerEnumType(SubmissionStatus, {
  name: 'SubmissionStatus',
  description: 'queued, grading, graded; not_gradable: the manifests cannot be simulated (errors say why; no attempt used); failed: grading itself failed.',
});

@ObjectType({ description: "One check's result as the caller may see it." })
export class CheckResultView {
  @Field()
  @ApiProperty()
  id: string;

  @Field(() => Boolean, { nullable: true, description: 'Null for a hidden check before the due date (students).' })
  @ApiPropertyOptional({ type: Boolean, nullable: true })
  passed: boolean | null;

  @Field(() => Float, { nullable: true, description: 'Points earned; null when hidden.' })
  @ApiPropertyOptional({ type: Number, nullable: true })
  points: number | null;

  @Field(() => Float)
  @ApiProperty()
  maxPoints: number;

  @Field({ description: "The check's message, then what the engine saw when it failed (the rule that dropped the packet, the name tried last...); \"hidden\" for hidden checks." })
  @ApiProperty()
  feedback: string;

  @Field(() => [String], { description: 'Hints revealed by repeated failures of this check.' })
  @ApiProperty({ type: [String] })
  hints: string[];
}

@ObjectType({ description: 'One grading of a submission (the first, or a regrade).' })
export class GradeInfo {
  @Field(() => SubmissionStatus)
  @ApiProperty({ enum: SubmissionStatus })
  status: SubmissionStatus;

  @Field(() => Float, { nullable: true, description: 'Points counted (after the late rule).' })
  @ApiPropertyOptional({ type: Number, nullable: true })
  score: number | null;

  @Field(() => Float, { nullable: true, description: 'Points earned before the late rule.' })
  @ApiPropertyOptional({ type: Number, nullable: true })
  rawScore: number | null;

  @Field(() => Float, { nullable: true })
  @ApiPropertyOptional({ type: Number, nullable: true })
  maxScore: number | null;

  @Field()
  @ApiProperty()
  late: boolean;

  @Field(() => Int, { nullable: true, description: 'The lab version graded against.' })
  @ApiPropertyOptional({ type: Number, nullable: true })
  labVersion: number | null;

  @Field(() => [CheckResultView])
  @ApiProperty({ type: [CheckResultView] })
  checks: CheckResultView[];

  @Field(() => [String], { description: 'Why it is not gradable (located YAML errors) or failed.' })
  @ApiProperty({ type: [String] })
  errors: string[];

  @Field(() => ID, { nullable: true })
  @ApiPropertyOptional({ type: String, nullable: true })
  regradeId: string | null;

  @Field()
  @ApiProperty()
  queuedAt: Date;

  @Field(() => Date, { nullable: true })
  @ApiPropertyOptional({ type: Date, nullable: true })
  gradedAt: Date | null;
}

@ObjectType({ description: "A student's hand-in for a lab: the manifests as submitted and the grade that counts (with every grading in grades)." })
export class Submission extends GradeInfo {
  @Field(() => ID)
  @ApiProperty()
  id: string;

  @Field(() => ID)
  @ApiProperty()
  labId: string;

  @Field(() => ID)
  @ApiProperty()
  studentId: string;

  @Field({ description: "The student's email." })
  @ApiProperty()
  student: string;

  @Field(() => ID, { nullable: true })
  @ApiPropertyOptional({ type: String, nullable: true })
  classroomId: string | null;

  @Field()
  @ApiProperty()
  submittedAt: Date;

  @Field(() => Int, { nullable: true, description: 'Which graded attempt this is (1, 2, ...); null when not gradable.' })
  @ApiPropertyOptional({ type: Number, nullable: true })
  attempt: number | null;

  @Field({ description: 'The manifests as submitted.' })
  @ApiProperty()
  manifests: string;

  @Field(() => [GradeInfo], { description: 'Every grading, oldest first: regrades add to it, nothing is overwritten.' })
  @ApiProperty({ type: [GradeInfo] })
  grades: GradeInfo[];
}

/** A row about one student: their id and email. */
@ObjectType({ isAbstract: true })
export class StudentRow {
  @Field(() => ID)
  @ApiProperty()
  studentId: string;

  @Field({ description: "The student's email." })
  @ApiProperty()
  student: string;
}

@ObjectType()
export class GradebookRow extends StudentRow {
  @Field()
  @ApiProperty()
  classroom: string;

  @Field(() => Float, { nullable: true, description: 'The score that counts: the best, after the late rule; null before a graded submission.' })
  @ApiPropertyOptional({ type: Number, nullable: true })
  score: number | null;

  @Field(() => Float, { nullable: true, description: 'The newest graded submission’s score.' })
  @ApiPropertyOptional({ type: Number, nullable: true })
  latest: number | null;

  @Field(() => Int)
  @ApiProperty()
  attempts: number;

  @Field({ description: 'Whether the best score came from a late submission.' })
  @ApiProperty()
  late: boolean;

  @Field(() => Int, { description: 'Submissions still being graded.' })
  @ApiProperty()
  pending: number;

  @Field(() => Date, { nullable: true })
  @ApiPropertyOptional({ type: Date, nullable: true })
  lastSubmittedAt: Date | null;
}

@ObjectType({ description: "A lab's grades: one row per student of its classrooms." })
export class Gradebook {
  @Field(() => ID)
  @ApiProperty()
  labId: string;

  @Field()
  @ApiProperty()
  title: string;

  @Field(() => Float)
  @ApiProperty()
  maxScore: number;

  @Field(() => [GradebookRow])
  @ApiProperty({ type: [GradebookRow] })
  rows: GradebookRow[];
}

@ObjectType()
export class RegradeRow extends StudentRow {
  @Field(() => Float, { nullable: true, description: 'Best score before the regrade.' })
  @ApiPropertyOptional({ type: Number, nullable: true })
  oldScore: number | null;

  @Field(() => Float, { nullable: true, description: 'Best score under the regrade (null until graded).' })
  @ApiPropertyOptional({ type: Number, nullable: true })
  newScore: number | null;

  @Field(() => Int)
  @ApiProperty()
  pending: number;
}

@ObjectType({ description: "Every submission of a lab graded again against one version; each student's old and new score." })
export class Regrade {
  @Field(() => ID)
  @ApiProperty()
  id: string;

  @Field(() => ID)
  @ApiProperty()
  labId: string;

  @Field(() => Int, { description: 'The lab version graded against.' })
  @ApiProperty()
  version: number;

  @Field()
  @ApiProperty()
  createdAt: Date;

  @Field(() => Int)
  @ApiProperty()
  total: number;

  @Field(() => Int)
  @ApiProperty()
  done: number;

  @Field()
  @ApiProperty()
  finished: boolean;

  @Field(() => [RegradeRow])
  @ApiProperty({ type: [RegradeRow] })
  rows: RegradeRow[];
}

@ObjectType()
export class LiveCheck {
  @Field()
  @ApiProperty()
  id: string;

  @Field()
  @ApiProperty()
  message: string;

  @Field(() => Float)
  @ApiProperty()
  points: number;

  @Field(() => Int, { description: 'Students whose newest graded submission passes it.' })
  @ApiProperty()
  passing: number;

  @Field(() => Int)
  @ApiProperty()
  failing: number;

  @Field(() => Int, { description: 'Students without a graded submission yet.' })
  @ApiProperty()
  notStarted: number;
}

@ObjectType()
export class LiveStudentCheck {
  @Field()
  @ApiProperty()
  id: string;

  @Field({ description: 'not_started, failing or passing.' })
  @ApiProperty()
  state: string;
}

@ObjectType()
export class LiveStudent extends StudentRow {
  @Field(() => Int)
  @ApiProperty()
  submissions: number;

  @Field(() => Float, { nullable: true, description: 'The newest graded score.' })
  @ApiPropertyOptional({ type: Number, nullable: true })
  score: number | null;

  @Field(() => Float, { nullable: true })
  @ApiPropertyOptional({ type: Number, nullable: true })
  best: number | null;

  @Field({ description: 'A submission is being graded.' })
  @ApiProperty()
  pending: boolean;

  @Field(() => [LiveStudentCheck])
  @ApiProperty({ type: [LiveStudentCheck] })
  checks: LiveStudentCheck[];
}

@ObjectType({ description: "The instructor's view of a classroom working on a lab: every student, every check, and the class-wide counts." })
export class LiveSession {
  @Field(() => ID)
  @ApiProperty()
  classroomId: string;

  @Field(() => ID)
  @ApiProperty()
  labId: string;

  @Field()
  @ApiProperty()
  title: string;

  @Field(() => [LiveStudent])
  @ApiProperty({ type: [LiveStudent] })
  students: LiveStudent[];

  @Field(() => [LiveCheck])
  @ApiProperty({ type: [LiveCheck] })
  checks: LiveCheck[];

  @Field()
  @ApiProperty()
  updatedAt: Date;
}
