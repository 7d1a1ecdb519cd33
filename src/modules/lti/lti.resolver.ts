import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentCaller, Requires } from '../auth/auth.decorators';
import type { Caller } from '../auth/permissions';
import { CreateLtiRegistrationInput } from './dto/lti.input';
import { LtiAdminService } from './lti-admin.service';
import { LtiPassbackService } from './lti-passback.service';
import { LtiRosterService } from './lti-roster.service';
import { toLtiPassback, toLtiRefusedLaunch, toLtiRegistration, toLtiToolKey } from './lti.mapper';
import { LtiPassback, LtiRefusedLaunch, LtiRegistration, LtiRosterSync, LtiToolConfiguration, LtiToolKey } from './models/lti.model';

@Resolver()
export class LtiResolver {
  constructor(
    private readonly admin: LtiAdminService,
    private readonly passbacks: LtiPassbackService,
    private readonly rosters: LtiRosterService,
  ) {}

  @Requires('admin')
  @Query(() => LtiToolConfiguration, { description: 'The URLs to register kube-netlab in an LMS, with this organization’s dynamic registration URL.' })
  ltiToolConfiguration(@CurrentCaller() caller: Caller): Promise<LtiToolConfiguration> {
    return this.admin.toolConfiguration(caller);
  }

  @Requires('admin')
  @Query(() => [LtiRegistration])
  async ltiRegistrations(@CurrentCaller() caller: Caller): Promise<LtiRegistration[]> {
    return (await this.admin.listRegistrations(caller)).map(toLtiRegistration);
  }

  @Requires('admin')
  @Mutation(() => LtiRegistration, { description: 'Registers an LMS by hand (the same issuer and client id again updates it and adds deployments).' })
  async createLtiRegistration(@CurrentCaller() caller: Caller, @Args('input') input: CreateLtiRegistrationInput): Promise<LtiRegistration> {
    return toLtiRegistration(await this.admin.createRegistration(caller, input));
  }

  @Requires('admin')
  @Mutation(() => Boolean, { description: 'Deletes a registration with its links and passbacks; its users and classrooms stay.' })
  deleteLtiRegistration(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.admin.deleteRegistration(caller, id);
  }

  @Requires('admin')
  @Query(() => [LtiRefusedLaunch], { description: 'Launches refused with their reason, newest first.' })
  async ltiRefusedLaunches(@CurrentCaller() caller: Caller, @Args('limit', { type: () => Int, defaultValue: 100 }) limit: number): Promise<LtiRefusedLaunch[]> {
    return (await this.admin.refusedLaunches(caller, limit)).map(toLtiRefusedLaunch);
  }

  @Requires('admin')
  @Query(() => [LtiToolKey], { description: "The tool's signing keys, newest first." })
  async ltiToolKeys(): Promise<LtiToolKey[]> {
    const { keys, signingKid } = await this.admin.toolKeys();
    return keys.map((k) => toLtiToolKey(k, signingKid));
  }

  @Requires('admin')
  @Mutation(() => [LtiToolKey], { description: 'Adds a key that signs from now on; the others stay published until retired.' })
  async rotateLtiToolKey(): Promise<LtiToolKey[]> {
    const { keys, signingKid } = await this.admin.rotateToolKey();
    return keys.map((k) => toLtiToolKey(k, signingKid));
  }

  @Requires('admin')
  @Mutation(() => [LtiToolKey], { description: 'Takes a key out of /lti/jwks (not the one that signs now).' })
  async retireLtiToolKey(@Args('kid') kid: string): Promise<LtiToolKey[]> {
    const { keys, signingKid } = await this.admin.retireToolKey(kid);
    return keys.map((k) => toLtiToolKey(k, signingKid));
  }

  @Requires('teach')
  @Query(() => [LtiPassback], { description: "A lab's scores sent (or on their way) to LMS gradebooks, oldest first." })
  async ltiPassbacks(@CurrentCaller() caller: Caller, @Args('labId', { type: () => ID }) labId: string): Promise<LtiPassback[]> {
    return (await this.passbacks.list(caller, labId)).map(toLtiPassback);
  }

  @Requires('teach')
  @Mutation(() => Boolean, { description: 'Sends a failed passback again.' })
  retryLtiPassback(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.passbacks.retry(caller, id);
  }

  @Requires('teach')
  @Mutation(() => LtiRosterSync, { description: "Provisions and enrols the LMS course's roster (Names and Role Provisioning) in the classroom it made." })
  syncLtiRoster(@CurrentCaller() caller: Caller, @Args('classroomId', { type: () => ID }) classroomId: string): Promise<LtiRosterSync> {
    return this.rosters.sync(caller, classroomId);
  }
}
