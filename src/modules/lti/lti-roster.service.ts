import { Injectable } from '@nestjs/common';
import { InvalidInputError } from '../../platform/errors/domain-errors';
import type { Caller } from '../auth/permissions';
import { ClassroomsService } from '../classrooms/classrooms.service';
import { ltiPerson } from './lti-roles';
import { EmailInOtherOrganizationError, LtiRepository, toPlatformRegistration } from './lti.repository';
import { fetchRoster, mapRoles } from './protocol';
import { LtiKeysService } from './lti-keys.service';

export interface RosterSync {
  /** Members the platform listed. */
  members: number;
  /** Accounts created for people who had never launched. */
  created: number;
  /** Active members now in the classroom with their mapped role. */
  enrolled: number;
  /** Inactive members, and members whose email belongs to another organization: left alone. */
  skipped: number;
}

/** Names and Role Provisioning: brings a classroom's members in line with its LMS course roster. */
@Injectable()
export class LtiRosterService {
  constructor(
    private readonly repository: LtiRepository,
    private readonly classrooms: ClassroomsService,
    private readonly keys: LtiKeysService,
  ) {}

  /**
   * Fetches the roster of the course the classroom came from and provisions and enrols its
   * active members with their mapped roles, as their launches would. Nobody is removed.
   */
  async sync(caller: Caller, classroomId: string): Promise<RosterSync> {
    await this.classrooms.getAsStaff(caller, classroomId, 'manage');
    const context = await this.repository.findContextOfClassroom(caller.organizationId, classroomId);
    if (!context) throw new InvalidInputError(`classroom ${classroomId} was not made by an LMS launch: there is no course roster to sync`);
    if (!context.membershipsUrl) throw new InvalidInputError(`the LMS course of classroom ${classroomId} did not offer its roster (no Names and Role Provisioning claim in its launches)`);
    const roster = await fetchRoster(await this.keys.serviceTokens(), toPlatformRegistration(context.registration), context.membershipsUrl);
    const counts: RosterSync = { members: roster.members.length, created: 0, enrolled: 0, skipped: 0 };
    for (const member of roster.members) {
      if (member.status !== 'Active') {
        counts.skipped += 1;
        continue;
      }
      const person = ltiPerson(context.registration.issuer, member.userId, member.email, mapRoles(member.roles));
      try {
        const done = await this.repository.provision(context.registration, person, { contextId: context.contextId, name: context.contextId, course: null });
        counts.enrolled += 1;
        if (done.created) counts.created += 1;
      } catch (error) {
        if (!(error instanceof EmailInOtherOrganizationError)) throw error;
        counts.skipped += 1;
      }
    }
    return counts;
  }
}
