import { Injectable, Logger } from '@nestjs/common';
import type { Role } from '../../generated/prisma/client';
import { AppConfig } from '../../platform/config/app-config';
import { isUuid } from '../../platform/util/uuid';
import { permissionsOfRole, type Caller } from '../auth/permissions';
import { TokenService } from '../auth/token.service';
import { toLab } from '../labs/lab.mapper';
import { LabsService } from '../labs/labs.service';
import { LtiKeysService } from './lti-keys.service';
import { labPickerPage, landingPage, messagePage, type Landing } from './lti-pages';
import { signTicket, TICKET, verifyTicket } from './lti-tickets';
import { refusalStatus } from './lti-http';
import { ltiPerson } from './lti-roles';
import { EmailInOtherOrganizationError, LtiRepository, type RegistrationRecord } from './lti.repository';
import {
  buildDeepLinkingResponse,
  MESSAGE_TYPE,
  registerWithPlatform,
  registrationDonePage,
  renderLaunchCheckPage,
  renderLoginPage,
  newWindowLoginUrl,
  startLogin,
  stateBinding,
  toolEndpoints,
  validateLaunch,
  type LtiLaunch,
} from './protocol';
import { verifyState } from './protocol/state';

/** What an LTI endpoint answers: HTML for the browser in the LMS frame, the same as JSON for `Accept: application/json`. */
export interface LtiAnswer {
  status: number;
  html?: string;
  json?: unknown;
  /** A 302 to this URL. */
  redirect?: string;
  cookies?: string[];
}

/** How long the lab picker may stay open, and the dynamic registration URL valid. */
const PICKER_TTL_SECONDS = 3600;
const REGISTER_URL_TTL_SECONDS = 7 * 24 * 3600;
const CONTINUE_TTL_SECONDS = 120;

/**
 * The browser side of LTI: login initiation, the launch (validation, browser binding,
 * just-in-time provisioning, landing), the deep linking lab picker and its answer, and
 * dynamic registration. Every refusal is logged (a row and a log line) with its reason,
 * and creates nothing.
 */
@Injectable()
export class LtiLaunchService {
  private readonly logger = new Logger(LtiLaunchService.name);
  readonly endpoints: ReturnType<typeof toolEndpoints>;
  private readonly publicUrl: string;

  constructor(
    private readonly repository: LtiRepository,
    private readonly keys: LtiKeysService,
    private readonly labs: LabsService,
    private readonly tokens: TokenService,
    config: AppConfig,
  ) {
    this.publicUrl = config.publicUrl;
    this.endpoints = toolEndpoints(config.publicUrl);
  }

  /** OIDC login initiation: a 302 to the platform with the binding cookie, or the platform-storage page. */
  async login(params: Record<string, unknown>): Promise<LtiAnswer> {
    const start = await startLogin(params, { registrations: this.repository, keys: await this.keys.keySet(), clock: Date.now, launchUrl: this.endpoints.launch });
    if (!start.ok) return this.refuse(start);
    const cookies = [`${start.binding.key}=${start.binding.value}; Path=/; Max-Age=600; HttpOnly; Secure; SameSite=None`];
    if (!start.storage) return { status: 302, redirect: start.redirectUrl, cookies };
    const retry = Object.fromEntries(Object.entries(params).filter((e): e is [string, string] => typeof e[1] === 'string'));
    return { status: 200, html: renderLoginPage(start, newWindowLoginUrl(this.endpoints.login, retry)), cookies };
  }

  /** The launch POST: validated, bound to the browser that logged in, then provisioned and landed. */
  async launch(form: Record<string, unknown>, cookies: Record<string, string>): Promise<LtiAnswer> {
    const keys = await this.keys.keySet();
    const result = await validateLaunch(form.id_token, form.state, { registrations: this.repository, keys, platformKeys: this.keys.platformKeys, nonces: { consume: (n, e) => this.repository.consumeNonce(n, e) }, clock: Date.now });
    if (!result.ok) {
      const state = typeof form.state === 'string' ? await verifyState(form.state, keys, Date.now) : undefined;
      return this.refuse(result, typeof state === 'object' ? state.registrationId : undefined);
    }
    const registration = (await this.repository.findRegistration(result.registration.id))!;
    const binding = stateBinding(result.state);
    if (cookies[binding.key] !== binding.value) {
      if (!result.state.storageTarget) return this.refuse({ reason: 'no_browser_binding', message: 'this browser did not start the login (the state cookie is missing): launch again from the LMS' }, registration);
      // Cookies are blocked in the frame: continue once the platform's storage holds the binding.
      const ticket = await signTicket(keys, TICKET.launchContinue, { reg: registration.id, launch: result.launch as unknown as Record<string, unknown>, jti: result.state.jti }, CONTINUE_TTL_SECONDS);
      return { status: 200, html: renderLaunchCheckPage(result.state, `${this.endpoints.launch}/continue?ticket=${encodeURIComponent(ticket)}`) };
    }
    // The binding has done its job: drop the cookie, or each launch would leave one more until they fill the Cookie header.
    const answer = await this.proceed(registration, result.launch);
    return { ...answer, cookies: [`${binding.key}=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=None`] };
  }

  /** The launch after a platform-storage check (see `launch`); the ticket is single use. */
  async continueLaunch(ticket: unknown): Promise<LtiAnswer> {
    const payload = await verifyTicket(await this.keys.keySet(), TICKET.launchContinue, ticket);
    if (typeof payload === 'string') return this.refuse({ reason: 'bad_state', message: payload });
    const registration = await this.repository.findRegistration(String(payload.reg));
    if (!registration) return this.refuse({ reason: 'unknown_registration', message: 'the registration of this launch was deleted' });
    if (!(await this.repository.consumeNonce(`continue:${String(payload.jti)}`, new Date(payload.exp! * 1000)))) {
      return this.refuse({ reason: 'nonce_replayed', message: 'this launch was already continued' }, registration);
    }
    return this.proceed(registration, payload.launch as unknown as LtiLaunch);
  }

  private async proceed(registration: RegistrationRecord, launch: LtiLaunch): Promise<LtiAnswer> {
    const sub = launch.user.id;
    if (!sub) return this.refuse({ reason: 'anonymous_launch', message: 'the launch names no user (anonymous launch); kube-netlab needs one to keep their work' }, registration);
    const labId = launch.custom.lab_id;
    if (labId !== undefined && !(isUuid(labId) && (await this.repository.labInOrganization(registration.organizationId, labId)))) {
      return this.refuse({ reason: 'unknown_lab', message: `custom parameter lab_id=${labId} names no lab of this organization: pick the lab again with deep linking` }, registration);
    }
    const deepLinking = launch.messageType === MESSAGE_TYPE.deepLinkingRequest;
    if (deepLinking && launch.user.role !== 'instructor') {
      return this.refuse({ reason: 'not_instructor', message: 'only instructors add kube-netlab labs to a course' }, registration);
    }

    const context = launch.context && {
      contextId: launch.context.id,
      name: launch.context.title ?? launch.context.label ?? launch.context.id,
      course: launch.context.label ?? null,
      membershipsUrl: launch.nrps?.contextMembershipsUrl,
      lineItemsUrl: launch.ags?.lineItemsUrl,
    };
    const resourceLink = launch.resourceLink && { resourceLinkId: launch.resourceLink.id, title: launch.resourceLink.title, labId, lineItemUrl: launch.ags?.lineItemUrl };
    let provisioned;
    try {
      provisioned = await this.repository.provision(registration, ltiPerson(launch.issuer, sub, launch.user.email, launch.user.role), context, resourceLink);
    } catch (error) {
      if (error instanceof EmailInOtherOrganizationError) return this.refuse({ reason: 'email_in_other_organization', message: error.message }, registration);
      throw error;
    }
    const caller = callerOf(registration.organizationId, provisioned.userId, provisioned.role);
    const token = this.tokens.issue(provisioned.userId);
    this.logger.log(`LTI ${launch.messageType} by ${launch.user.role} ${sub} of ${registration.issuer}: user ${provisioned.userId}${provisioned.created ? ' (new)' : ''}, classroom ${provisioned.classroomId ?? '-'}, lab ${provisioned.labId ?? '-'}`);

    if (deepLinking) {
      const labs = (await this.labs.list(caller)).map(toLab);
      const request = await signTicket(await this.keys.keySet(), TICKET.deepLink, { reg: registration.id, sub: provisioned.userId, launch: launch as unknown as Record<string, unknown> }, PICKER_TTL_SECONDS);
      const choices = labs.map((lab) => ({ id: lab.id, title: lab.title, maxScore: lab.maxScore }));
      return { status: 200, html: labPickerPage(this.endpoints.deepLink, request, choices, token), json: { token, userId: provisioned.userId, request, labs: choices } };
    }

    const lab = provisioned.labId ? toLab(await this.labs.get(caller, provisioned.labId)) : null;
    const landing: Landing = {
      token,
      expiresIn: this.tokens.ttlSeconds,
      userId: provisioned.userId,
      role: launch.user.role,
      classroomId: provisioned.classroomId,
      lab: lab && { id: lab.id, title: lab.title, instructions: lab.instructions, maxScore: lab.maxScore },
    };
    return { status: 200, html: landingPage(landing), json: landing };
  }

  /** The picker's choice: the signed LtiDeepLinkingResponse, auto-posted back to the LMS. */
  async deepLink(form: Record<string, unknown>): Promise<LtiAnswer> {
    const keys = await this.keys.keySet();
    const payload = await verifyTicket(keys, TICKET.deepLink, form.request);
    if (typeof payload === 'string') return this.refuse({ reason: 'bad_request', message: payload });
    const registration = await this.repository.findRegistration(String(payload.reg));
    if (!registration) return this.refuse({ reason: 'unknown_registration', message: 'the registration of this deep linking request was deleted' });
    const labId = form.lab_id;
    if (typeof labId !== 'string' || !isUuid(labId) || !(await this.repository.labInOrganization(registration.organizationId, labId))) {
      return this.refuse({ reason: 'unknown_lab', message: `lab_id ${String(labId)} names no lab of this organization` }, registration);
    }
    const lab = toLab(await this.labs.get(callerOf(registration.organizationId, null, 'instructor'), labId));
    const launch = payload.launch as unknown as LtiLaunch;
    const response = await buildDeepLinkingResponse(
      launch,
      [{ title: lab.title, url: this.endpoints.launch, custom: { lab_id: lab.id }, lineItem: { scoreMaximum: lab.maxScore, label: lab.title, resourceId: lab.id } }],
      { keys, clock: Date.now },
      { msg: `Added ${lab.title}` },
    );
    if (!response.ok) return this.refuse(response, registration);
    return { status: 200, html: response.html, json: { returnUrl: response.returnUrl, jwt: response.jwt } };
  }

  /** The URL an LMS administrator gives their LMS to register kube-netlab for `organizationId`. */
  async registrationUrl(organizationId: string): Promise<{ url: string; expiresAt: Date }> {
    const ticket = await signTicket(await this.keys.keySet(), TICKET.register, { org: organizationId }, REGISTER_URL_TTL_SECONDS);
    return { url: `${this.endpoints.register}?kn=${encodeURIComponent(ticket)}`, expiresAt: new Date(Date.now() + REGISTER_URL_TTL_SECONDS * 1000) };
  }

  /** Dynamic registration, opened by the LMS with the organization's registration URL. */
  async register(query: Record<string, unknown>): Promise<LtiAnswer> {
    const payload = await verifyTicket(await this.keys.keySet(), TICKET.register, query.kn);
    if (typeof payload === 'string') return this.refuse({ reason: 'bad_request', message: `${payload}: ask kube-netlab for the organization's registration URL (ltiToolConfiguration)` });
    const organizationId = String(payload.org);
    const result = await registerWithPlatform(query, { baseUrl: this.publicUrl, name: 'kube-netlab', description: 'Kubernetes networking labs' }, this.keys.http);
    if (!result.ok) return this.refuse(result, { organizationId });
    const saved = await this.repository.saveRegistration(organizationId, {
      name: result.productFamilyCode ? `${result.productFamilyCode} at ${new URL(result.issuer).host}` : new URL(result.issuer).host,
      issuer: result.issuer,
      clientId: result.clientId,
      authorizationUrl: result.authorizationUrl,
      tokenUrl: result.tokenUrl,
      jwksUrl: result.jwksUrl,
      deploymentIds: result.deploymentId ? [result.deploymentId] : [],
      productFamilyCode: result.productFamilyCode ?? null,
    });
    this.logger.log(`LTI registration ${saved.id}: ${saved.issuer} client ${saved.clientId} for organization ${organizationId}`);
    return { status: 200, html: registrationDonePage('kube-netlab'), json: { registrationId: saved.id, issuer: saved.issuer, clientId: saved.clientId, deploymentIds: saved.deploymentIds } };
  }

  /** Logs a refusal (row and log line) and answers it. */
  private async refuse(refusal: { reason: string; message: string }, where?: string | { id?: string; organizationId: string }): Promise<LtiAnswer> {
    const registration = typeof where === 'string' ? await this.repository.findRegistration(where) : where;
    this.logger.warn(`LTI refused (${refusal.reason}): ${refusal.message}`);
    await this.repository.logRefusal({ reason: refusal.reason, message: refusal.message, registrationId: registration?.id, organizationId: registration?.organizationId });
    return { status: refusalStatus(refusal.reason), html: messagePage('kube-netlab could not open this', refusal.message, refusal.reason), json: { error: { reason: refusal.reason, message: refusal.message } } };
  }
}

/** The caller a provisioned user is when the launch acts for them. */
function callerOf(organizationId: string, userId: string | null, role: Role): Caller {
  return { organizationId, userId, apiKeyId: null, role, permissions: permissionsOfRole(role) };
}
