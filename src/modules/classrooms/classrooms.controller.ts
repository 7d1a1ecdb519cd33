import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Requires } from '../auth/auth.decorators';
import type { Caller } from '../auth/permissions';
import { toClassroom, toClassroomMember } from './classroom.mapper';
import { ClassroomsService } from './classrooms.service';
import { AddClassroomMemberInput, AssignLabBody, CreateClassroomInput, JoinClassroomBody } from './dto/classroom.input';
import { Classroom, ClassroomMember } from './models/classroom.model';

@ApiTags('classrooms')
@Controller('classrooms')
export class ClassroomsController {
  constructor(private readonly classrooms: ClassroomsService) {}

  @Post()
  @Requires('teach')
  async create(@CurrentCaller() caller: Caller, @Body() body: CreateClassroomInput): Promise<Classroom> {
    return toClassroom(await this.classrooms.create(caller, body.name, body.course), 'manage');
  }

  @Get()
  @Requires('read')
  async list(@CurrentCaller() caller: Caller): Promise<Classroom[]> {
    return (await this.classrooms.list(caller)).map(({ classroom, access }) => toClassroom(classroom, access));
  }

  @Post('join')
  @HttpCode(HttpStatus.OK)
  @Requires('read')
  async join(@CurrentCaller() caller: Caller, @Body() body: JoinClassroomBody): Promise<Classroom> {
    const { classroom, access } = await this.classrooms.join(caller, body.code);
    return toClassroom(classroom, access);
  }

  @Get(':id')
  @Requires('read')
  async get(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<Classroom> {
    const { classroom, access } = await this.classrooms.get(caller, id);
    return toClassroom(classroom, access);
  }

  @Post(':id/join-code')
  @HttpCode(HttpStatus.OK)
  @Requires('read')
  async rotate(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<Classroom> {
    return toClassroom(await this.classrooms.rotateJoinCode(caller, id), 'manage');
  }

  @Delete(':id/join-code')
  @Requires('read')
  async disable(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<Classroom> {
    return toClassroom(await this.classrooms.disableJoinCode(caller, id), 'manage');
  }

  @Get(':id/members')
  @Requires('read')
  async members(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<ClassroomMember[]> {
    return (await this.classrooms.members(caller, id)).map(toClassroomMember);
  }

  @Post(':id/members')
  @Requires('read')
  async addMember(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: AddClassroomMemberInput): Promise<ClassroomMember> {
    return toClassroomMember(await this.classrooms.addMember(caller, id, body, body.role));
  }

  @Delete(':id/members/:userId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Requires('read')
  async removeMember(@CurrentCaller() caller: Caller, @Param('id') id: string, @Param('userId') userId: string): Promise<void> {
    await this.classrooms.removeMember(caller, id, userId);
  }

  @Post(':id/labs')
  @HttpCode(HttpStatus.OK)
  @Requires('read')
  async assignLab(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: AssignLabBody): Promise<Classroom> {
    return toClassroom(await this.classrooms.assignLab(caller, id, body.labId, body.current ?? false), 'manage');
  }
}
