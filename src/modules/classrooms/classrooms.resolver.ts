import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentCaller, Requires } from '../auth/auth.decorators';
import type { Caller } from '../auth/permissions';
import { toClassroom, toClassroomMember } from './classroom.mapper';
import { ClassroomsService } from './classrooms.service';
import { AddClassroomMemberInput, CreateClassroomInput } from './dto/classroom.input';
import { Classroom, ClassroomMember } from './models/classroom.model';

@Resolver(() => Classroom)
export class ClassroomsResolver {
  constructor(private readonly service: ClassroomsService) {}

  @Requires('teach')
  @Mutation(() => Classroom, { description: 'A new classroom (section) with a join code; a person creating it becomes its instructor.' })
  async createClassroom(@CurrentCaller() caller: Caller, @Args('input') input: CreateClassroomInput): Promise<Classroom> {
    return toClassroom(await this.service.create(caller, input.name, input.course), 'manage');
  }

  @Requires('read')
  @Query(() => Classroom)
  async classroom(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string): Promise<Classroom> {
    const { classroom, access } = await this.service.get(caller, id);
    return toClassroom(classroom, access);
  }

  @Requires('read')
  @Query(() => [Classroom], { description: "Staff: every classroom of the organization; others: the ones they belong to." })
  async classrooms(@CurrentCaller() caller: Caller): Promise<Classroom[]> {
    return (await this.service.list(caller)).map(({ classroom, access }) => toClassroom(classroom, access));
  }

  @Requires('read')
  @Mutation(() => Classroom, { description: 'Joins the classroom with this join code as a student (case, spaces and dashes do not matter).' })
  async joinClassroom(@CurrentCaller() caller: Caller, @Args('code') code: string): Promise<Classroom> {
    const { classroom, access } = await this.service.join(caller, code);
    return toClassroom(classroom, access);
  }

  @Requires('read')
  @Mutation(() => Classroom, { description: 'A new join code; the old one stops working (instructors).' })
  async rotateJoinCode(@CurrentCaller() caller: Caller, @Args('classroomId', { type: () => ID }) id: string): Promise<Classroom> {
    return toClassroom(await this.service.rotateJoinCode(caller, id), 'manage');
  }

  @Requires('read')
  @Mutation(() => Classroom, { description: 'Stops joining by code until rotateJoinCode makes a new one (instructors).' })
  async disableJoinCode(@CurrentCaller() caller: Caller, @Args('classroomId', { type: () => ID }) id: string): Promise<Classroom> {
    return toClassroom(await this.service.disableJoinCode(caller, id), 'manage');
  }

  @Requires('read')
  @Mutation(() => ClassroomMember, { description: "Adds a member of the organization to the classroom, or changes their role (instructors; integrations with the teach scope)." })
  async addClassroomMember(@CurrentCaller() caller: Caller, @Args('classroomId', { type: () => ID }) id: string, @Args('input') input: AddClassroomMemberInput): Promise<ClassroomMember> {
    return toClassroomMember(await this.service.addMember(caller, id, input, input.role));
  }

  @Requires('read')
  @Mutation(() => Boolean, { description: 'Removes a member; their submissions stay.' })
  removeClassroomMember(@CurrentCaller() caller: Caller, @Args('classroomId', { type: () => ID }) id: string, @Args('userId', { type: () => ID }) userId: string): Promise<boolean> {
    return this.service.removeMember(caller, id, userId);
  }

  @Requires('read')
  @Query(() => [ClassroomMember], { description: 'Instructors, assistants and students (staff of the classroom).' })
  async classroomMembers(@CurrentCaller() caller: Caller, @Args('classroomId', { type: () => ID }) id: string): Promise<ClassroomMember[]> {
    return (await this.service.members(caller, id)).map(toClassroomMember);
  }

  @Requires('read')
  @Mutation(() => Classroom, { description: 'Assigns a lab to the classroom; current: true also shows it in the live session.' })
  async assignLab(
    @CurrentCaller() caller: Caller,
    @Args('classroomId', { type: () => ID }) id: string,
    @Args('labId', { type: () => ID }) labId: string,
    @Args('current', { nullable: true }) current?: boolean,
  ): Promise<Classroom> {
    return toClassroom(await this.service.assignLab(caller, id, labId, current ?? false), 'manage');
  }
}
