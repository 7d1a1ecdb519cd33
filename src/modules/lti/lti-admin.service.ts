import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../../platform/errors/domain-errors';
import { isUuid } from '../../platform/util/uuid';
import type { Caller } from '../auth/permissions';
import type { CreateLtiRegistrationInput } from './dto/lti.input';
import { LtiKeysService } from './lti-keys.service';
import { LtiLaunchService } from './lti-launch.service';
import { LtiRepository } from './lti.repository';

/** What an organization's administrator manages: registrations, refused launches, the tool's keys and URLs. */
@Injectable()
export class LtiAdminService {
  constructor(
    private readonly repository: LtiRepository,
    private readonly keys: LtiKeysService,
    private readonly launches: LtiLaunchService,
  ) {}

  createRegistration(caller: Caller, input: CreateLtiRegistrationInput) {
    const { name, issuer, clientId, authorizationUrl, tokenUrl, jwksUrl, deploymentIds, tokenAudience } = input;
    return this.repository.saveRegistration(caller.organizationId, { name: name.trim(), issuer, clientId, authorizationUrl, tokenUrl, jwksUrl, deploymentIds, tokenAudience: tokenAudience ?? null });
  }

  listRegistrations(caller: Caller) {
    return this.repository.listRegistrations(caller.organizationId);
  }

  /** Deletes a registration with its links and passbacks; its users and classrooms stay. */
  async deleteRegistration(caller: Caller, id: string): Promise<boolean> {
    if (!isUuid(id) || !(await this.repository.deleteRegistration(caller.organizationId, id))) throw new NotFoundError('LtiRegistration', id);
    return true;
  }

  refusedLaunches(caller: Caller, limit = 100) {
    return this.repository.listRefusals(caller.organizationId, Math.min(Math.max(limit, 1), 1000));
  }

  /** The tool's keys (newest first) and the kid that signs now. */
  async toolKeys() {
    const [stored, set] = await Promise.all([this.keys.list(), this.keys.keySet()]);
    return { keys: stored, signingKid: set.signingKid };
  }

  async rotateToolKey() {
    await this.keys.rotate();
    return this.toolKeys();
  }

  async retireToolKey(kid: string) {
    await this.keys.retire(kid);
    return this.toolKeys();
  }

  /** The URLs to give an LMS, and this organization's dynamic registration URL. */
  async toolConfiguration(caller: Caller) {
    const { login, launch, jwks, deepLink } = this.launches.endpoints;
    const registration = await this.launches.registrationUrl(caller.organizationId);
    return { loginUrl: login, launchUrl: launch, jwksUrl: jwks, deepLinkUrl: deepLink, registrationUrl: registration.url, registrationUrlExpiresAt: registration.expiresAt };
  }
}
