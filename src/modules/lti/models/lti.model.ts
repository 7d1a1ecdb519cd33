import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';

export enum LtiPassbackStatusName {
  pending = 'pending',
  sent = 'sent',
  failed = 'failed',
}
registerEnumType(LtiPassbackStatusName, { name: 'LtiPassbackStatus', description: 'pending: not sent yet (or being retried); sent: the LMS has the score; failed: given up (retryLtiPassback sends it again).' });

@ObjectType({ description: 'An LMS (LTI 1.3 platform) registered for the organization.' })
export class LtiRegistration {
  @Field(() => ID)
  @ApiProperty()
  id: string;

  @Field()
  @ApiProperty()
  name: string;

  @Field({ description: "The platform's issuer (iss)." })
  @ApiProperty()
  issuer: string;

  @Field({ description: 'The client id the platform gave kube-netlab.' })
  @ApiProperty()
  clientId: string;

  @Field()
  @ApiProperty()
  authorizationUrl: string;

  @Field()
  @ApiProperty()
  tokenUrl: string;

  @Field()
  @ApiProperty()
  jwksUrl: string;

  @Field(() => String, { nullable: true, description: 'The aud of client assertions when it is not the token URL.' })
  @ApiProperty({ nullable: true, type: String })
  tokenAudience: string | null;

  @Field(() => [String], { description: 'Deployments whose launches are accepted.' })
  @ApiProperty({ type: [String] })
  deploymentIds: string[];

  @Field(() => String, { nullable: true })
  @ApiProperty({ nullable: true, type: String })
  productFamilyCode: string | null;

  @Field()
  @ApiProperty()
  createdAt: Date;
}

@ObjectType({ description: 'A launch kube-netlab refused, and why.' })
export class LtiRefusedLaunch {
  @Field(() => ID)
  @ApiProperty()
  id: string;

  @Field(() => ID, { nullable: true })
  @ApiProperty({ nullable: true, type: String })
  registrationId: string | null;

  @Field({ description: 'A stable code, e.g. bad_signature, expired, nonce_replayed, unknown_deployment.' })
  @ApiProperty()
  reason: string;

  @Field()
  @ApiProperty()
  message: string;

  @Field()
  @ApiProperty()
  createdAt: Date;
}

@ObjectType({ description: "One of the tool's signing keys: published at /lti/jwks until retired." })
export class LtiToolKey {
  @Field()
  @ApiProperty()
  kid: string;

  @Field({ description: 'Whether this key signs now (the newest active key).' })
  @ApiProperty()
  signing: boolean;

  @Field()
  @ApiProperty()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  @ApiProperty({ nullable: true, type: Date })
  retiredAt: Date | null;
}

@ObjectType({ description: 'What an LMS administrator enters to register kube-netlab (see the LTI section of the README).' })
export class LtiToolConfiguration {
  @Field({ description: 'OpenID Connect login initiation URL.' })
  @ApiProperty()
  loginUrl: string;

  @Field({ description: 'Launch URL: redirect URI and target link URI.' })
  @ApiProperty()
  launchUrl: string;

  @Field({ description: "The tool's public key set." })
  @ApiProperty()
  jwksUrl: string;

  @Field({ description: 'Deep linking (lab picker) URL: the launch URL too; this is where the picker posts.' })
  @ApiProperty()
  deepLinkUrl: string;

  @Field({ description: "This organization's dynamic registration URL (carries a signed, expiring organization ticket)." })
  @ApiProperty()
  registrationUrl: string;

  @Field()
  @ApiProperty()
  registrationUrlExpiresAt: Date;
}

@ObjectType({ description: "A student's score on its way to the LMS gradebook." })
export class LtiPassback {
  @Field(() => ID)
  @ApiProperty()
  id: string;

  @Field(() => ID)
  @ApiProperty()
  gradeId: string;

  @Field(() => ID)
  @ApiProperty()
  userId: string;

  @Field({ description: "The student's email." })
  @ApiProperty()
  student: string;

  @Field(() => Float, { nullable: true, description: 'The score sent (the gradebook score: best, late rule applied); null before it is sent.' })
  @ApiProperty({ nullable: true, type: Number })
  score: number | null;

  @Field(() => Float, { nullable: true })
  @ApiProperty({ nullable: true, type: Number })
  scoreMaximum: number | null;

  @Field(() => LtiPassbackStatusName)
  @ApiProperty({ enum: LtiPassbackStatusName })
  status: LtiPassbackStatusName;

  @Field(() => Int)
  @ApiProperty()
  attempts: number;

  @Field(() => String, { nullable: true })
  @ApiProperty({ nullable: true, type: String })
  lastError: string | null;

  @Field(() => Int, { nullable: true, description: "The LMS's HTTP status on the last failed attempt." })
  @ApiProperty({ nullable: true, type: Number })
  lastResponseStatus: number | null;

  @Field(() => Date, { nullable: true })
  @ApiProperty({ nullable: true, type: Date })
  sentAt: Date | null;

  @Field()
  @ApiProperty()
  createdAt: Date;
}

@ObjectType({ description: 'What a roster sync did.' })
export class LtiRosterSync {
  @Field(() => Int, { description: 'Members the LMS listed.' })
  @ApiProperty()
  members: number;

  @Field(() => Int, { description: 'Accounts created for members who had never launched.' })
  @ApiProperty()
  created: number;

  @Field(() => Int, { description: 'Active members now in the classroom with their mapped role.' })
  @ApiProperty()
  enrolled: number;

  @Field(() => Int, { description: 'Inactive members, and members whose email belongs to another organization.' })
  @ApiProperty()
  skipped: number;
}
