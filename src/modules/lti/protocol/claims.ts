import { z } from 'zod';
import { CLAIM, LTI_VERSION, MESSAGE_TYPE } from './uris';

/**
 * The id_token claims of the two launch messages the tool accepts (LTI Core 1.3 §5,
 * Deep Linking 2.0 §4.4), and the LIS role mapping. Signature, issuer, audience, expiry,
 * nonce and deployment are checked by launch.ts before these schemas run; the schemas
 * check the message's own content and turn it into `LtiLaunch`.
 */

const scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);

/**
 * A URL the tool follows, posts to or renders (a form action, a link, a service call):
 * http(s) only, since `javascript:` and `data:` parse as URLs too and would run on the
 * tool's origin.
 */
const webUrl = z.url({ protocol: /^https?$/ });

const resourceLinkClaim = z.looseObject({
  id: z.string().min(1).max(255),
  title: z.string().optional(),
  description: z.string().optional(),
});

const contextClaim = z.looseObject({
  id: z.string().min(1).max(255),
  label: z.string().optional(),
  title: z.string().optional(),
  type: z.array(z.string()).optional(),
});

const agsClaim = z.looseObject({
  scope: z.array(z.string()),
  lineitems: webUrl.optional(),
  lineitem: webUrl.optional(),
});

const nrpsClaim = z.looseObject({
  context_memberships_url: webUrl,
  service_versions: z.array(z.string()),
});

const deepLinkingSettingsClaim = z.looseObject({
  deep_link_return_url: webUrl,
  accept_types: z.array(z.string()).min(1),
  accept_presentation_document_targets: z.array(z.string()).min(1),
  accept_media_types: z.string().optional(),
  accept_multiple: z.boolean().optional(),
  accept_lineitem: z.boolean().optional(),
  auto_create: z.boolean().optional(),
  title: z.string().optional(),
  text: z.string().optional(),
  data: z.string().optional(),
});

const launchPresentationClaim = z.looseObject({
  document_target: z.string().optional(),
  height: z.number().optional(),
  width: z.number().optional(),
  return_url: z.string().optional(),
  locale: z.string().optional(),
});

/** Claims common to both messages (LTI Core 1.3 §5.3 required, §5.4 optional). */
const commonClaims = {
  iss: z.string().min(1),
  // Absent in an anonymous launch (LTI Core 1.3 §5.3.6).
  sub: z.string().min(1).max(255).optional(),
  name: z.string().optional(),
  given_name: z.string().optional(),
  family_name: z.string().optional(),
  email: z.string().optional(),
  picture: z.string().optional(),
  locale: z.string().optional(),
  [CLAIM.version]: z.literal(LTI_VERSION),
  [CLAIM.deploymentId]: z.string().min(1).max(255),
  [CLAIM.targetLinkUri]: webUrl,
  [CLAIM.roles]: z.array(z.string()),
  [CLAIM.context]: contextClaim.optional(),
  [CLAIM.custom]: z.record(z.string(), scalar).optional(),
  [CLAIM.launchPresentation]: launchPresentationClaim.optional(),
  [CLAIM.ags]: agsClaim.optional(),
  [CLAIM.nrps]: nrpsClaim.optional(),
};

/** LtiResourceLinkRequest: a student or instructor opens a link (LTI Core 1.3 §5.3). */
export const resourceLinkRequestSchema = z.looseObject({
  ...commonClaims,
  [CLAIM.messageType]: z.literal(MESSAGE_TYPE.resourceLink),
  [CLAIM.resourceLink]: resourceLinkClaim,
});

/** LtiDeepLinkingRequest: an instructor picks content to add (Deep Linking 2.0 §4.4). */
export const deepLinkingRequestSchema = z.looseObject({
  ...commonClaims,
  [CLAIM.messageType]: z.literal(MESSAGE_TYPE.deepLinkingRequest),
  [CLAIM.deepLinkingSettings]: deepLinkingSettingsClaim,
});

export const launchClaimsSchema = z.discriminatedUnion(CLAIM.messageType, [resourceLinkRequestSchema, deepLinkingRequestSchema]);

/** The message types this tool accepts at its launch endpoint. */
export type LaunchMessageType = typeof MESSAGE_TYPE.resourceLink | typeof MESSAGE_TYPE.deepLinkingRequest;

/** The role kube-netlab gives a launching user in the classroom. */
export type ToolRole = 'instructor' | 'assistant' | 'student';

export interface DeepLinkingSettings {
  returnUrl: string;
  acceptTypes: string[];
  acceptPresentationDocumentTargets: string[];
  acceptMultiple: boolean;
  acceptLineItem: boolean;
  /** Opaque value the platform wants echoed in the response; absent when it sent none. */
  data?: string;
  title?: string;
  text?: string;
}

/** A validated launch, in the tool's own terms. */
export interface LtiLaunch {
  messageType: LaunchMessageType;
  issuer: string;
  clientId: string;
  deploymentId: string;
  targetLinkUri: string;
  user: {
    /** The platform's stable user id (`sub`); absent for an anonymous launch. */
    id?: string;
    name?: string;
    givenName?: string;
    familyName?: string;
    email?: string;
    /** The LIS role URIs as the platform sent them. */
    roles: string[];
    /** `mapRoles(roles)`. */
    role: ToolRole;
  };
  /** The course (LMS context); kube-netlab maps it to a classroom. */
  context?: { id: string; label?: string; title?: string; type?: string[] };
  /** The placement; present for LtiResourceLinkRequest, mapped to a lab. */
  resourceLink?: { id: string; title?: string; description?: string };
  /** Custom parameters (e.g. `lab_id` set by deep linking), values as strings. */
  custom: Record<string, string>;
  /** AGS endpoint claim: the scopes granted and the line item container / single line item. */
  ags?: { scopes: string[]; lineItemsUrl?: string; lineItemUrl?: string };
  /** NRPS claim: where the roster is. */
  nrps?: { contextMembershipsUrl: string; serviceVersions: string[] };
  /** Present for LtiDeepLinkingRequest. */
  deepLinking?: DeepLinkingSettings;
  launchPresentation?: { documentTarget?: string; returnUrl?: string; locale?: string };
}

type LaunchClaims = z.infer<typeof launchClaimsSchema>;
type ResourceLinkClaims = z.infer<typeof resourceLinkRequestSchema>;
type DeepLinkingClaims = z.infer<typeof deepLinkingRequestSchema>;

// The discriminant is a computed key, which TypeScript does not narrow on by itself.
function isResourceLinkRequest(claims: LaunchClaims): claims is ResourceLinkClaims {
  return claims[CLAIM.messageType] === MESSAGE_TYPE.resourceLink;
}

/** Converts validated claims into an `LtiLaunch`; `clientId` is the audience that was checked. */
export function toLaunch(claims: LaunchClaims, clientId: string): LtiLaunch {
  const context = claims[CLAIM.context];
  const ags = claims[CLAIM.ags];
  const nrps = claims[CLAIM.nrps];
  const presentation = claims[CLAIM.launchPresentation];
  const roles = claims[CLAIM.roles];
  const launch: LtiLaunch = {
    messageType: claims[CLAIM.messageType],
    issuer: claims.iss,
    clientId,
    deploymentId: claims[CLAIM.deploymentId],
    targetLinkUri: claims[CLAIM.targetLinkUri],
    user: {
      id: claims.sub,
      name: claims.name,
      givenName: claims.given_name,
      familyName: claims.family_name,
      email: claims.email,
      roles,
      role: mapRoles(roles),
    },
    context: context && { id: context.id, label: context.label, title: context.title, type: context.type },
    custom: claims[CLAIM.custom] ?? {},
    ags: ags && { scopes: ags.scope, lineItemsUrl: ags.lineitems, lineItemUrl: ags.lineitem },
    nrps: nrps && { contextMembershipsUrl: nrps.context_memberships_url, serviceVersions: nrps.service_versions },
    launchPresentation: presentation && {
      documentTarget: presentation.document_target,
      returnUrl: presentation.return_url,
      locale: presentation.locale,
    },
  };
  if (isResourceLinkRequest(claims)) {
    const link = claims[CLAIM.resourceLink];
    launch.resourceLink = { id: link.id, title: link.title, description: link.description };
  } else {
    const settings = (claims as DeepLinkingClaims)[CLAIM.deepLinkingSettings];
    launch.deepLinking = {
      returnUrl: settings.deep_link_return_url,
      acceptTypes: settings.accept_types,
      acceptPresentationDocumentTargets: settings.accept_presentation_document_targets,
      acceptMultiple: settings.accept_multiple ?? false,
      acceptLineItem: settings.accept_lineitem ?? false,
      data: settings.data,
      title: settings.title,
      text: settings.text,
    };
  }
  return launch;
}

const MEMBERSHIP = 'http://purl.imsglobal.org/vocab/lis/v2/membership';

/** Context roles (LTI Core 1.3 §A.2.2) and sub-roles (§A.2.2.1); simple names are allowed for context roles. */
const TEACHING_ASSISTANT = new Set([`${MEMBERSHIP}/Instructor#TeachingAssistant`]);
const INSTRUCTOR = new Set([
  `${MEMBERSHIP}#Instructor`,
  `${MEMBERSHIP}#Administrator`,
  'Instructor',
  'Administrator',
  // Institution and system administrators (§A.2.1, §A.2.3) run the course too.
  'http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator',
  'http://purl.imsglobal.org/vocab/lis/v2/system/person#Administrator',
]);

/**
 * Maps the LIS roles of a launch to a kube-netlab role:
 * - the TeachingAssistant sub-role of Instructor (`.../membership/Instructor#TeachingAssistant`)
 *   → `assistant`, even when the principal Instructor role is sent beside it, as platforms
 *   do for sub-roles;
 * - context Instructor or Administrator, or an institution/system Administrator → `instructor`;
 * - anything else (Learner, Mentor, no roles at all) → `student`, the least privilege.
 */
export function mapRoles(roles: string[]): ToolRole {
  if (roles.some((role) => TEACHING_ASSISTANT.has(role))) return 'assistant';
  if (roles.some((role) => INSTRUCTOR.has(role))) return 'instructor';
  return 'student';
}
