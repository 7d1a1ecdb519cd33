import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';

export enum ClassroomRoleName {
  instructor = 'instructor',
  assistant = 'assistant',
  student = 'student',
}
registerEnumType(ClassroomRoleName, { name: 'ClassroomRole', description: 'instructor: manages the classroom; assistant: sees all of it; student: their own work.' });

@ObjectType({ description: 'A section of a course: members, assigned labs and a join code.' })
export class Classroom {
  @Field(() => ID)
  @ApiProperty()
  id: string;

  @Field()
  @ApiProperty()
  name: string;

  @Field(() => String, { nullable: true, description: 'The course it is a section of.' })
  @ApiProperty({ nullable: true, type: String })
  course: string | null;

  @Field(() => String, { nullable: true, description: "What students type to join; null when joining by code is disabled, and for students." })
  @ApiProperty({ nullable: true, type: String })
  joinCode: string | null;

  @Field(() => ID, { nullable: true, description: 'The lab the live session shows.' })
  @ApiProperty({ nullable: true, type: String })
  currentLabId: string | null;

  @Field(() => [ID], { description: 'Labs assigned to the classroom, oldest first.' })
  @ApiProperty({ type: [String] })
  labIds: string[];

  @Field(() => String, { description: 'What the caller does here: manage, view (assistants) or student.' })
  @ApiProperty()
  access: string;

  @Field()
  @ApiProperty()
  createdAt: Date;
}

@ObjectType()
export class ClassroomMember {
  @Field(() => ID)
  @ApiProperty()
  userId: string;

  @Field()
  @ApiProperty()
  email: string;

  @Field(() => ClassroomRoleName)
  @ApiProperty({ enum: ClassroomRoleName })
  role: ClassroomRoleName;

  @Field()
  @ApiProperty()
  joinedAt: Date;
}
