import { Injectable } from '@nestjs/common';
import { InvalidInputError, NotFoundError, UnauthenticatedError } from '../../platform/errors/domain-errors';
import { isUuid } from '../../platform/util/uuid';
import { ClassroomsService } from '../classrooms/classrooms.service';
import { generateApiKey, hashApiKey, isWellFormedApiKey, looksLikeApiKey } from './api-key';
import { AuthRepository, EmailTakenError } from './auth.repository';
import { hashPassword, verifyPassword } from './password';
import { permissionsOfRole, permissionsOfScopes, type Caller, type Permission, type Role } from './permissions';
import { TokenService } from './token.service';

/** A hash of no one's password: sign-in with an unknown email costs as much as a wrong password. */
const DECOY_HASH = 'scrypt$17$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
/** lastUsedAt is written at most this often per key, not on every request. */
const TOUCH_EVERY_MS = 60_000;

export interface IssuedToken {
  token: string;
  expiresIn: number;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly repository: AuthRepository,
    private readonly tokens: TokenService,
    private readonly classrooms: ClassroomsService,
  ) {}

  /**
   * A new organization with the caller as its owner, signed in; or, with a classroom's join
   * code, a student of that classroom's organization who has joined the classroom.
   */
  async signUp(input: { email: string; password: string; organizationName?: string; joinCode?: string }): Promise<IssuedToken> {
    if ((input.organizationName === undefined) === (input.joinCode === undefined)) throw new InvalidInputError('give exactly one of organizationName (a new organization) and joinCode (join a classroom)');
    const passwordHash = await hashPassword(input.password);
    const email = normalizeEmail(input.email);
    try {
      if (input.joinCode !== undefined) {
        const classroom = await this.classrooms.findByJoinCode(input.joinCode);
        const student = await this.repository.addMember(classroom.organizationId, { email, passwordHash, role: 'student' });
        await this.classrooms.enrol(classroom.id, student.id);
        return this.issue(student.id);
      }
      const owner = await this.repository.createOrganization(input.organizationName!.trim(), { email, passwordHash });
      return this.issue(owner.id);
    } catch (error) {
      if (error instanceof EmailTakenError) throw emailTaken(input.email);
      throw error;
    }
  }

  async signIn(email: string, password: string): Promise<IssuedToken> {
    const user = await this.repository.findUserByEmail(normalizeEmail(email));
    const ok = await verifyPassword(password, user?.passwordHash ?? DECOY_HASH);
    if (!user || !ok) throw new UnauthenticatedError('wrong email or password');
    return this.issue(user.id);
  }

  /** Who sent `Authorization: Bearer <credential>`; UNAUTHENTICATED for anything else. */
  async authenticate(header: string | undefined): Promise<Caller> {
    if (!header) throw new UnauthenticatedError();
    const match = /^Bearer +(\S+) *$/i.exec(header);
    if (!match) throw new UnauthenticatedError('the Authorization header must be "Bearer <token or API key>"');
    const credential = match[1];
    return looksLikeApiKey(credential) ? this.authenticateKey(credential) : this.authenticateToken(credential);
  }

  private async authenticateToken(token: string): Promise<Caller> {
    const claims = this.tokens.verify(token);
    // The user is read afresh so that a removed user or a changed role takes effect at once.
    const user = claims && isUuid(claims.sub) ? await this.repository.findUserById(claims.sub) : null;
    if (!user) throw new UnauthenticatedError('invalid or expired token: sign in again');
    return { organizationId: user.organizationId, userId: user.id, apiKeyId: null, role: user.role, permissions: permissionsOfRole(user.role) };
  }

  private async authenticateKey(secret: string): Promise<Caller> {
    const key = isWellFormedApiKey(secret) ? await this.repository.findActiveApiKeyByHash(hashApiKey(secret)) : null;
    if (!key) throw new UnauthenticatedError('invalid or revoked API key');
    const now = new Date();
    if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
      await this.repository.touchApiKey(key.id, now);
    }
    return { organizationId: key.organizationId, userId: null, apiKeyId: key.id, role: null, permissions: permissionsOfScopes(key.scopes) };
  }

  async whoAmI(caller: Caller) {
    const organization = await this.repository.findOrganization(caller.organizationId);
    if (!organization) throw new UnauthenticatedError();
    return {
      organization,
      user: caller.userId ? await this.repository.findMember(caller.organizationId, caller.userId) : null,
      apiKey: caller.apiKeyId ? await this.repository.findApiKey(caller.organizationId, caller.apiKeyId) : null,
      permissions: [...caller.permissions],
    };
  }

  /** Adds a user with a first password to the caller's organization. */
  async addMember(caller: Caller, email: string, password: string, role: Role) {
    const passwordHash = await hashPassword(password);
    try {
      return await this.repository.addMember(caller.organizationId, { email: normalizeEmail(email), passwordHash, role });
    } catch (error) {
      if (error instanceof EmailTakenError) throw emailTaken(email);
      throw error;
    }
  }

  listMembers(caller: Caller) {
    return this.repository.listMembers(caller.organizationId);
  }

  /** A new key; its secret is in the answer and nowhere else. */
  async createApiKey(caller: Caller, name: string, scopes: Permission[]) {
    const { secret, prefix, hash } = generateApiKey();
    const unique = [...new Set(scopes)];
    const apiKey = await this.repository.createApiKey(caller.organizationId, { name: name.trim(), prefix, hash, scopes: unique, createdById: caller.userId });
    return { apiKey, secret };
  }

  listApiKeys(caller: Caller) {
    return this.repository.listApiKeys(caller.organizationId);
  }

  async revokeApiKey(caller: Caller, id: string) {
    const key = isUuid(id) ? await this.repository.revokeApiKey(caller.organizationId, id, new Date()) : null;
    if (!key) throw new NotFoundError('ApiKey', id);
    return key;
  }

  private issue(userId: string): IssuedToken {
    return { token: this.tokens.issue(userId), expiresIn: this.tokens.ttlSeconds };
  }
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

function emailTaken(email: string): InvalidInputError {
  return new InvalidInputError(`an account with the email ${normalizeEmail(email)} already exists`, [], { field: 'email' });
}
