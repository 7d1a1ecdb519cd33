import { Injectable } from '@nestjs/common';
import { GradeStatus, LtiPassbackStatus, Prisma, Role } from '../../generated/prisma/client';
import { ConflictError } from '../../platform/errors/domain-errors';
import { PrismaService } from '../../platform/prisma/prisma.service';
import type { LtiPerson } from './lti-roles';
import type { PlatformRegistration, RegistrationStore, StoredToolKey } from './protocol';

export type RegistrationRecord = NonNullable<Awaited<ReturnType<LtiRepository['findRegistration']>>>;
export type PassbackWork = NonNullable<Awaited<ReturnType<LtiRepository['findPassbackForWork']>>>;

/**
 * What a password hash column holds for people who sign in through their LMS only: not
 * in the scrypt format, so no password ever matches it (see auth/password.ts).
 */
export const NO_PASSWORD = 'lti$no-password';

/** A launch's course: found or made into a classroom. */
export interface LtiContextInput {
  contextId: string;
  name: string;
  course: string | null;
  membershipsUrl?: string;
  lineItemsUrl?: string;
}

/** A launch's placement: bound to `labId` when the launch names one, else to the lab it had. */
export interface LtiResourceLinkInput {
  resourceLinkId: string;
  title?: string;
  labId?: string;
  /** The AGS `lineitem` the platform gave the link (e.g. the column deep linking asked for): scores go there. */
  lineItemUrl?: string;
}

export interface Provisioned {
  userId: string;
  /** The user's organization role (after any promotion). */
  role: Role;
  created: boolean;
  classroomId: string | null;
  /** The lab the resource link opens; null when the link has none yet. */
  labId: string | null;
}

/** The person's email belongs to a user of another organization. */
export class EmailInOtherOrganizationError extends ConflictError {}

const OPEN_GRADE: GradeStatus[] = [GradeStatus.queued, GradeStatus.grading];

/** The only file of the LTI feature that touches Prisma; also the protocol's RegistrationStore. */
@Injectable()
export class LtiRepository implements RegistrationStore {
  constructor(private readonly prisma: PrismaService) {}

  // --- registrations ---------------------------------------------------------------------

  async findByIssuer(issuer: string, clientId?: string): Promise<PlatformRegistration[]> {
    const rows = await this.prisma.ltiRegistration.findMany({ where: { issuer, ...(clientId !== undefined ? { clientId } : {}) } });
    return rows.map(toPlatformRegistration);
  }

  async findById(id: string): Promise<PlatformRegistration | null> {
    const row = await this.findRegistration(id);
    return row && toPlatformRegistration(row);
  }

  findRegistration(id: string) {
    return this.prisma.ltiRegistration.findUnique({ where: { id } });
  }

  listRegistrations(organizationId: string) {
    return this.prisma.ltiRegistration.findMany({ where: { organizationId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  }

  /**
   * Stores a registration; the same issuer and client id again (a repeated dynamic
   * registration) updates the row of the same organization and adds the deployment.
   */
  async saveRegistration(organizationId: string, data: Omit<Prisma.LtiRegistrationUncheckedCreateInput, 'organizationId' | 'id' | 'createdAt'>) {
    return this.prisma.$transaction(async (tx) => {
      const existing = await tx.ltiRegistration.findUnique({ where: { issuer_clientId: { issuer: data.issuer, clientId: data.clientId } } });
      if (!existing) return tx.ltiRegistration.create({ data: { ...data, organizationId } });
      if (existing.organizationId !== organizationId) throw new ConflictError(`issuer ${data.issuer} with client_id ${data.clientId} is registered by another organization`);
      const deploymentIds = [...new Set([...existing.deploymentIds, ...((data.deploymentIds as string[] | undefined) ?? [])])];
      return tx.ltiRegistration.update({ where: { id: existing.id }, data: { ...data, deploymentIds } });
    });
  }

  async deleteRegistration(organizationId: string, id: string): Promise<boolean> {
    const { count } = await this.prisma.ltiRegistration.deleteMany({ where: { id, organizationId } });
    return count > 0;
  }

  // --- the tool's keys and used nonces ----------------------------------------------------

  async toolKeys(): Promise<StoredToolKey[]> {
    const rows = await this.prisma.ltiToolKey.findMany({ orderBy: { createdAt: 'desc' } });
    return rows.map((row) => ({ ...row, publicJwk: row.publicJwk as StoredToolKey['publicJwk'] }));
  }

  /** Stores `make()`'s key when there is no active key, under a lock: API and workers starting together make one. */
  async ensureToolKey(make: () => Promise<StoredToolKey>): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('lti_tool_keys'))`;
      if ((await tx.ltiToolKey.count({ where: { retiredAt: null } })) > 0) return;
      await tx.ltiToolKey.create({ data: toolKeyRow(await make()) });
    });
  }

  async addToolKey(key: StoredToolKey): Promise<void> {
    await this.prisma.ltiToolKey.create({ data: toolKeyRow(key) });
  }

  async retireToolKey(kid: string, at: Date): Promise<boolean> {
    const { count } = await this.prisma.ltiToolKey.updateMany({ where: { kid, retiredAt: null }, data: { retiredAt: at } });
    return count > 0;
  }

  /** True the first time: a unique row per nonce (INSERT ... ON CONFLICT DO NOTHING); expired rows are swept first. */
  async consumeNonce(nonce: string, expiresAt: Date): Promise<boolean> {
    await this.prisma.$executeRaw`DELETE FROM lti_nonces WHERE expires_at < now()`;
    const inserted = await this.prisma.$executeRaw`INSERT INTO lti_nonces (nonce, expires_at) VALUES (${nonce}, ${expiresAt}) ON CONFLICT (nonce) DO NOTHING`;
    return inserted === 1;
  }

  // --- refused launches -------------------------------------------------------------------

  async logRefusal(refusal: { reason: string; message: string; registrationId?: string; organizationId?: string }): Promise<void> {
    await this.prisma.ltiRefusedLaunch.create({ data: refusal });
  }

  listRefusals(organizationId: string, take: number) {
    return this.prisma.ltiRefusedLaunch.findMany({ where: { organizationId }, orderBy: { createdAt: 'desc' }, take });
  }

  // --- provisioning -----------------------------------------------------------------------

  /**
   * Just-in-time provisioning, all or nothing: the user (found by their link, else by email
   * in the organization, else created without a password), their link, the classroom of the
   * context (created on first launch) with their role in it, and the resource link's lab
   * (assigned to the classroom). Serialized per registration and context, so concurrent
   * first launches of one course make one classroom.
   */
  provision(registration: RegistrationRecord, person: LtiPerson, context?: LtiContextInput, resourceLink?: LtiResourceLinkInput): Promise<Provisioned> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`lti:${registration.id}:${context?.contextId ?? ''}`}))`;
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`lti-user:${registration.id}:${person.sub}`}))`;
      const { userId, role, created } = await this.provisionUser(tx, registration, person);

      let classroomId: string | null = null;
      let contextRowId: string | null = null;
      if (context) {
        const found = await tx.ltiContext.findUnique({ where: { registrationId_contextId: { registrationId: registration.id, contextId: context.contextId } } });
        const urls = { ...(context.membershipsUrl ? { membershipsUrl: context.membershipsUrl } : {}), ...(context.lineItemsUrl ? { lineItemsUrl: context.lineItemsUrl } : {}) };
        const row = found
          ? await tx.ltiContext.update({ where: { id: found.id }, data: urls })
          : await tx.ltiContext.create({
              data: {
                registrationId: registration.id,
                contextId: context.contextId,
                classroomId: (await tx.classroom.create({ data: { organizationId: registration.organizationId, name: context.name, course: context.course, joinCode: null } })).id,
                ...urls,
              },
            });
        classroomId = row.classroomId;
        contextRowId = row.id;
        await tx.classroomMember.upsert({
          where: { classroomId_userId: { classroomId, userId } },
          create: { classroomId, userId, role: person.classroomRole },
          update: { role: person.classroomRole },
        });
      }

      let labId: string | null = null;
      if (resourceLink) {
        const key = { registrationId_resourceLinkId: { registrationId: registration.id, resourceLinkId: resourceLink.resourceLinkId } };
        const found = await tx.ltiResourceLink.findUnique({ where: key });
        labId = resourceLink.labId ?? found?.labId ?? null;
        if (labId) {
          const data = { labId, contextId: contextRowId, ...(resourceLink.title !== undefined ? { title: resourceLink.title } : {}) };
          // The platform's own column of the link wins; else a placement that now opens another lab starts a new one.
          const lineItem = resourceLink.lineItemUrl ? { lineItemUrl: resourceLink.lineItemUrl } : found && found.labId !== labId ? { lineItemUrl: null } : {};
          await tx.ltiResourceLink.upsert({ where: key, create: { registrationId: registration.id, resourceLinkId: resourceLink.resourceLinkId, ...data, ...lineItem }, update: { ...data, ...lineItem } });
          if (classroomId) await tx.classroomLab.upsert({ where: { classroomId_labId: { classroomId, labId } }, create: { classroomId, labId }, update: {} });
        }
      }
      return { userId, role, created, classroomId, labId };
    });
  }

  private async provisionUser(tx: Prisma.TransactionClient, registration: RegistrationRecord, person: LtiPerson): Promise<{ userId: string; role: Role; created: boolean }> {
    const link = await tx.ltiUserLink.findUnique({ where: { registrationId_sub: { registrationId: registration.id, sub: person.sub } } });
    let user = link ? await tx.user.findUnique({ where: { id: link.userId } }) : await tx.user.findUnique({ where: { email: person.email } });
    if (user && user.organizationId !== registration.organizationId) {
      throw new EmailInOtherOrganizationError(`the LMS user's email ${person.email} belongs to an account of another organization; kube-netlab cannot link them`);
    }
    let created = false;
    if (!user) {
      user = await tx.user.create({ data: { organizationId: registration.organizationId, email: person.email, passwordHash: NO_PASSWORD, role: person.orgRole } });
      created = true;
    } else if (user.role === Role.student && person.orgRole === 'instructor') {
      // The LMS says they teach: promote; never demote an owner or an instructor.
      user = await tx.user.update({ where: { id: user.id }, data: { role: Role.instructor } });
    }
    if (!link) await tx.ltiUserLink.create({ data: { registrationId: registration.id, sub: person.sub, userId: user.id } });
    return { userId: user.id, role: user.role, created };
  }

  /** Validates a lab id of the organization (a custom parameter may name anything). */
  async labInOrganization(organizationId: string, labId: string): Promise<boolean> {
    return (await this.prisma.lab.count({ where: { id: labId, organizationId } })) > 0;
  }

  /** The context (course) a classroom came from, with its registration. */
  findContextOfClassroom(organizationId: string, classroomId: string) {
    return this.prisma.ltiContext.findFirst({ where: { classroomId, registration: { organizationId } }, include: { registration: true }, orderBy: { createdAt: 'asc' } });
  }

  // --- grade passback ---------------------------------------------------------------------

  /**
   * Where a student's grade for a lab goes: the lab's resource links at registrations
   * where the student has an LMS identity, in their classroom's course when the
   * submission was made in one.
   */
  async passbackTargets(labId: string, userId: string, classroomId: string | null) {
    const links = await this.prisma.ltiUserLink.findMany({ where: { userId } });
    if (links.length === 0) return [];
    const resourceLinks = await this.prisma.ltiResourceLink.findMany({
      where: { labId, registrationId: { in: links.map((l) => l.registrationId) }, ...(classroomId ? { context: { classroomId } } : {}) },
    });
    return resourceLinks.map((rl) => ({ resourceLinkId: rl.id, platformUserId: links.find((l) => l.registrationId === rl.registrationId)!.sub }));
  }

  /** Outbox rows, one per (grade, resource link); rows already there are left alone. Returns the ids created. */
  async addPassbacks(rows: Prisma.LtiPassbackCreateManyInput[]): Promise<string[]> {
    const created = await this.prisma.ltiPassback.createManyAndReturn({ data: rows, skipDuplicates: true, select: { id: true } });
    return created.map((r) => r.id);
  }

  /** Whether the student still has grades of this regrade to come (the last one publishes). */
  async regradeOpenForStudent(regradeId: string, userId: string): Promise<boolean> {
    return (await this.prisma.grade.count({ where: { regradeId, status: { in: OPEN_GRADE }, submission: { userId } } })) > 0;
  }

  findPassbackForWork(id: string) {
    return this.prisma.ltiPassback.findUnique({ where: { id }, include: { resourceLink: { include: { registration: true, context: true } } } });
  }

  /**
   * The resource link's line item URL, made by `create` under a row lock when there is
   * none yet: concurrent first passbacks of one lab make one column.
   */
  lineItemOf(resourceLinkId: string, create: () => Promise<string>): Promise<string> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM lti_resource_links WHERE id = ${resourceLinkId}::uuid FOR UPDATE`;
      const link = await tx.ltiResourceLink.findUniqueOrThrow({ where: { id: resourceLinkId } });
      if (link.lineItemUrl) return link.lineItemUrl;
      const url = await create();
      await tx.ltiResourceLink.update({ where: { id: resourceLinkId }, data: { lineItemUrl: url } });
      return url;
    });
  }

  updatePassback(id: string, data: Prisma.LtiPassbackUncheckedUpdateInput) {
    return this.prisma.ltiPassback.update({ where: { id }, data });
  }

  /** Pending rows nobody touched since `before`: the reconciler checks their jobs. */
  stalePassbacks(before: Date, take = 100) {
    return this.prisma.ltiPassback.findMany({ where: { status: LtiPassbackStatus.pending, updatedAt: { lt: before } }, orderBy: { updatedAt: 'asc' }, take, select: { id: true } });
  }

  async listPassbacks(organizationId: string, labId: string) {
    const rows = await this.prisma.ltiPassback.findMany({ where: { organizationId, labId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    const users = await this.prisma.user.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.userId))] } }, select: { id: true, email: true } });
    const email = new Map(users.map((u) => [u.id, u.email]));
    return rows.map((row) => ({ ...row, email: email.get(row.userId) ?? row.userId }));
  }

  async retryPassback(organizationId: string, id: string): Promise<boolean> {
    const { count } = await this.prisma.ltiPassback.updateMany({ where: { id, organizationId, status: LtiPassbackStatus.failed }, data: { status: LtiPassbackStatus.pending, attempts: 0 } });
    return count > 0;
  }
}

export function toPlatformRegistration(row: { id: string; issuer: string; clientId: string; authorizationUrl: string; tokenUrl: string; jwksUrl: string; tokenAudience: string | null; deploymentIds: string[] }): PlatformRegistration {
  const { id, issuer, clientId, authorizationUrl, tokenUrl, jwksUrl, tokenAudience, deploymentIds } = row;
  return { id, issuer, clientId, authorizationUrl, tokenUrl, jwksUrl, deploymentIds, ...(tokenAudience ? { tokenAudience } : {}) };
}

function toolKeyRow(key: StoredToolKey) {
  return { kid: key.kid, publicJwk: key.publicJwk as Prisma.InputJsonValue, encryptedPrivateKey: key.encryptedPrivateKey, createdAt: key.createdAt, retiredAt: key.retiredAt ?? null };
}
