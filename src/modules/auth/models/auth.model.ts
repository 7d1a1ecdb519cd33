import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { Permission, Role } from '../permissions';

export enum OrganizationRole {
  owner = 'owner',
  instructor = 'instructor',
  student = 'student',
}
registerEnumType(OrganizationRole, {
  name: 'OrganizationRole',
  description: 'owner: everything, including members and API keys; instructor: write scenarios and run them; student: read and run.',
});

export enum ApiKeyScope {
  read = 'read',
  simulate = 'simulate',
  write = 'write',
  teach = 'teach',
  admin = 'admin',
}
registerEnumType(ApiKeyScope, {
  name: 'ApiKeyScope',
  description: 'read: scenarios and runs; simulate: queue runs; write: create and edit scenarios; teach: classrooms, labs, grades and regrades; admin: members and API keys.',
});

@ObjectType({ description: 'A signed token: send it as Authorization: Bearer <token>.' })
export class AuthPayload {
  @Field()
  token: string;

  @Field(() => Int, { description: 'Seconds until the token expires.' })
  expiresIn: number;
}

@ObjectType()
export class Organization {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field()
  createdAt: Date;
}

@ObjectType({ description: 'A user of an organization.' })
export class Member {
  @Field(() => ID)
  id: string;

  @Field()
  email: string;

  @Field(() => OrganizationRole)
  role: Role;

  @Field()
  createdAt: Date;
}

@ObjectType({ description: 'An API key as lists show it: never its secret.' })
export class ApiKey {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field({ description: 'The first characters of the key, to recognise it.' })
  prefix: string;

  @Field(() => [ApiKeyScope])
  scopes: Permission[];

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  lastUsedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'Set once revoked; a revoked key authenticates nothing.' })
  revokedAt: Date | null;
}

@ObjectType({ description: 'A new API key: the secret is shown here once and stored only as a hash.' })
export class CreatedApiKey {
  @Field(() => ApiKey)
  apiKey: ApiKey;

  @Field({ description: 'The whole key: send it as Authorization: Bearer <secret>.' })
  secret: string;
}

@ObjectType({ description: 'The caller: a signed-in user or an API key, of one organization.' })
export class Viewer {
  @Field(() => Organization)
  organization: Organization;

  @Field(() => Member, { nullable: true })
  user: Member | null;

  @Field(() => ApiKey, { nullable: true })
  apiKey: ApiKey | null;

  @Field(() => [ApiKeyScope], { description: 'What the caller may do.' })
  permissions: Permission[];
}
