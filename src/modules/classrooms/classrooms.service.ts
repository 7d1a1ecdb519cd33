import { Injectable } from '@nestjs/common';
import { ClassroomRole } from '../../generated/prisma/client';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../../platform/errors/domain-errors';
import { RunEvents } from '../../platform/events/run-events';
import { isUuid } from '../../platform/util/uuid';
import type { Caller } from '../auth/permissions';
import { ClassroomsRepository } from './classrooms.repository';
import { generateJoinCode, normalizeJoinCode } from './join-code';

export type ClassroomRecord = NonNullable<Awaited<ReturnType<ClassroomsRepository['find']>>>;

/**
 * What the caller may do in a classroom: `manage` (org staff with the teach permission, or the
 * classroom's instructors), `view` (its assistants: everything, read-only), `student` (their own
 * work), or nothing.
 */
export type ClassroomAccess = 'manage' | 'view' | 'student';

export const classroomTopic = (id: string) => `classroom:${id}`;

/** Join codes are unique; a clash with a random new one is retried this often. */
const JOIN_CODE_TRIES = 5;

@Injectable()
export class ClassroomsService {
  constructor(
    private readonly repository: ClassroomsRepository,
    private readonly events: RunEvents,
  ) {}

  async create(caller: Caller, name: string, course?: string | null): Promise<ClassroomRecord> {
    return this.withFreshJoinCode((joinCode) => this.repository.create(caller.organizationId, { name: name.trim(), course: course?.trim() || null, joinCode }, caller.userId));
  }

  /** A classroom the caller may see, with what they may do there; NOT_FOUND otherwise. */
  async get(caller: Caller, id: string): Promise<{ classroom: ClassroomRecord; access: ClassroomAccess }> {
    const classroom = isUuid(id) ? await this.repository.find(caller.organizationId, id) : null;
    const access = classroom ? await this.accessOf(caller, classroom.id) : null;
    if (!classroom || !access) throw new NotFoundError('Classroom', id);
    return { classroom, access };
  }

  /** Staff see every classroom of their organization; people those they belong to; other API keys none. */
  async list(caller: Caller): Promise<{ classroom: ClassroomRecord; access: ClassroomAccess }[]> {
    const staff = caller.permissions.has('teach');
    if (!staff && !caller.userId) return [];
    const classrooms = await this.repository.list(caller.organizationId, staff ? undefined : caller.userId!);
    return Promise.all(classrooms.map(async (classroom) => ({ classroom, access: (await this.accessOf(caller, classroom.id)) ?? 'student' })));
  }

  async accessOf(caller: Caller, classroomId: string): Promise<ClassroomAccess | null> {
    if (caller.permissions.has('teach')) return 'manage';
    if (!caller.userId) return null;
    const member = await this.repository.membership(classroomId, caller.userId);
    return member ? ({ instructor: 'manage', assistant: 'view', student: 'student' } as const)[member.role] : null;
  }

  /** Like get, but FORBIDDEN unless the caller may see (`view`) or change (`manage`) everything in it. */
  async getAsStaff(caller: Caller, id: string, needs: 'view' | 'manage' = 'view'): Promise<ClassroomRecord> {
    const { classroom, access } = await this.get(caller, id);
    if (access === 'student' || (needs === 'manage' && access !== 'manage')) {
      throw new ForbiddenError('teach', `not allowed: only the classroom's instructors${needs === 'view' ? ' and assistants' : ''} may do this`);
    }
    return classroom;
  }

  /**
   * Joins the classroom whose code the student typed. A person belongs to one organization,
   * so a code of another organization's classroom is refused: sign up with the code instead.
   */
  async join(caller: Caller, code: string): Promise<{ classroom: ClassroomRecord; access: ClassroomAccess }> {
    if (!caller.userId) throw new ForbiddenError('read', 'not allowed: only people join classrooms (an API key adds members with addClassroomMember)');
    const classroom = await this.findByJoinCode(code, 'code');
    if (classroom.organizationId !== caller.organizationId) {
      throw new ForbiddenError('read', "not allowed: this join code belongs to another organization's classroom; sign up with the join code to get an account there");
    }
    await this.enrol(classroom.id, caller.userId);
    return { classroom, access: (await this.accessOf(caller, classroom.id)) ?? 'student' };
  }

  /** The classroom a join code opens (also for sign-up with a code, before there is a caller). */
  async findByJoinCode(code: string, field = 'joinCode'): Promise<ClassroomRecord> {
    const classroom = await this.repository.findByJoinCode(normalizeJoinCode(code));
    if (!classroom) throw new InvalidInputError('no classroom has this join code (it may have been rotated or disabled; ask your instructor)', [], { field });
    return classroom;
  }

  async enrol(classroomId: string, userId: string): Promise<void> {
    await this.repository.joinAsStudent(classroomId, userId);
    this.events.publish({ topic: classroomTopic(classroomId), status: 'joined' });
  }

  async rotateJoinCode(caller: Caller, id: string): Promise<ClassroomRecord> {
    await this.getAsStaff(caller, id, 'manage');
    return this.withFreshJoinCode((joinCode) => this.repository.update(id, { joinCode }));
  }

  async disableJoinCode(caller: Caller, id: string): Promise<ClassroomRecord> {
    await this.getAsStaff(caller, id, 'manage');
    return this.repository.update(id, { joinCode: null });
  }

  /** Adds (or changes the role of) a member of the organization, by user id or email: how integrations enrol people. */
  async addMember(caller: Caller, id: string, who: { userId?: string; email?: string }, role: ClassroomRole) {
    await this.getAsStaff(caller, id, 'manage');
    if (!who.userId === !who.email) throw new InvalidInputError('name the member by exactly one of userId and email');
    const user = who.userId && !isUuid(who.userId) ? null : await this.repository.findUser(caller.organizationId, { id: who.userId, email: who.email?.trim().toLowerCase() });
    if (!user) throw new NotFoundError('User', who.userId ?? who.email!);
    const member = await this.repository.upsertMember(id, user.id, role);
    this.events.publish({ topic: classroomTopic(id), status: 'member' });
    return member;
  }

  async removeMember(caller: Caller, id: string, userId: string): Promise<boolean> {
    await this.getAsStaff(caller, id, 'manage');
    return isUuid(userId) && this.repository.removeMember(id, userId);
  }

  async members(caller: Caller, id: string) {
    await this.getAsStaff(caller, id);
    return this.repository.members(id);
  }

  /** Assigns a lab to the classroom; with `current`, the live session shows it. */
  async assignLab(caller: Caller, id: string, labId: string, current = false): Promise<ClassroomRecord> {
    await this.getAsStaff(caller, id, 'manage');
    if (!isUuid(labId) || !(await this.repository.labExists(caller.organizationId, labId))) throw new NotFoundError('Lab', labId);
    await this.repository.assignLab(id, labId);
    const classroom = current ? await this.repository.update(id, { currentLabId: labId }) : (await this.repository.find(caller.organizationId, id))!;
    this.events.publish({ topic: classroomTopic(id), status: 'lab' });
    return classroom;
  }

  /**
   * The classrooms through which the caller takes a lab, with their role in each (one query).
   * Empty when the lab is not assigned to any classroom of theirs.
   */
  async membershipsForLab(caller: Caller, labId: string): Promise<{ classroomId: string; role: ClassroomRole }[]> {
    return caller.userId ? this.repository.membershipsWithLab(labId, caller.userId) : [];
  }

  private async withFreshJoinCode(write: (joinCode: string) => Promise<ClassroomRecord>): Promise<ClassroomRecord> {
    for (let i = 0; ; i += 1) {
      try {
        return await write(generateJoinCode());
      } catch (error) {
        const clash = (error as { code?: string }).code === 'P2002';
        if (!clash) throw error;
        if (i + 1 >= JOIN_CODE_TRIES) throw new ConflictError('could not find a free join code; try again');
      }
    }
  }
}
