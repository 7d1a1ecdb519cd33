import type { LtiLaunch } from './claims';
import { autoPostPage } from './html';
import type { Clock } from './http';
import type { ToolKeySet } from './keys';
import { refuse, type Refusal } from './refusal';
import { randomToken } from './state';
import { CLAIM, LTI_VERSION, MESSAGE_TYPE } from './uris';

/**
 * Deep Linking 2.0 (§4.5, §3.1 content items): after an LtiDeepLinkingRequest the
 * instructor picks labs; the tool answers with an LtiDeepLinkingResponse JWT, signed with
 * its key, POSTed by the browser to `deep_link_return_url` in the form field `JWT`.
 */

/** A lab offered as an `ltiResourceLink` content item. */
export interface LabLinkItem {
  title: string;
  /** The launch URL of the link; the platform uses target_link_uri of the registration when absent. */
  url?: string;
  text?: string;
  /** Custom parameters sent back on every launch of the link, e.g. `{ lab_id: '...' }`. */
  custom?: Record<string, string>;
  /** Asks the platform to create a gradebook column with the link (DL 2.0 §3.1.2.1). */
  lineItem?: { scoreMaximum: number; label?: string; resourceId?: string; tag?: string };
}

export interface DeepLinkingResponse {
  ok: true;
  jwt: string;
  returnUrl: string;
  /** The auto-submitting page that POSTs `JWT` to `returnUrl`. */
  html: string;
}

export type DeepLinkingRefusal = Refusal<'not_deep_linking' | 'type_not_accepted' | 'multiple_not_accepted' | 'line_item_not_accepted'>;

/** Builds the response to a deep linking launch; checks the items against the platform's settings first. */
export async function buildDeepLinkingResponse(
  launch: LtiLaunch,
  items: LabLinkItem[],
  deps: { keys: ToolKeySet; clock: Clock },
  feedback: { msg?: string; log?: string } = {},
): Promise<DeepLinkingResponse | DeepLinkingRefusal> {
  const settings = launch.deepLinking;
  if (!settings) return refuse('not_deep_linking', `launch is ${launch.messageType}, not ${MESSAGE_TYPE.deepLinkingRequest}`);
  if (items.length > 0 && !settings.acceptTypes.includes('ltiResourceLink')) {
    return refuse('type_not_accepted', `the platform accepts ${settings.acceptTypes.join(', ')}, not ltiResourceLink`);
  }
  if (items.length > 1 && !settings.acceptMultiple) return refuse('multiple_not_accepted', `the platform accepts one item, ${items.length} were picked`);
  if (items.some((item) => item.lineItem) && !settings.acceptLineItem) {
    return refuse('line_item_not_accepted', 'the platform does not accept a line item with the link (accept_lineitem is not true)');
  }

  const iat = Math.floor(deps.clock() / 1000);
  // DL 2.0 §4.5: iss is the tool's client_id, aud the platform's issuer.
  const payload: Record<string, unknown> = {
    iss: launch.clientId,
    aud: launch.issuer,
    iat,
    exp: iat + 300,
    nonce: randomToken(),
    [CLAIM.messageType]: MESSAGE_TYPE.deepLinkingResponse,
    [CLAIM.version]: LTI_VERSION,
    [CLAIM.deploymentId]: launch.deploymentId,
    [CLAIM.contentItems]: items.map(contentItem),
  };
  if (settings.data !== undefined) payload[CLAIM.data] = settings.data;
  if (feedback.msg !== undefined) payload[CLAIM.msg] = feedback.msg;
  if (feedback.log !== undefined) payload[CLAIM.log] = feedback.log;

  const jwt = await deps.keys.sign(payload);
  return { ok: true, jwt, returnUrl: settings.returnUrl, html: autoPostPage(settings.returnUrl, { JWT: jwt }, 'Returning to the course') };
}

function contentItem(item: LabLinkItem): Record<string, unknown> {
  const out: Record<string, unknown> = { type: 'ltiResourceLink', title: item.title };
  if (item.url !== undefined) out.url = item.url;
  if (item.text !== undefined) out.text = item.text;
  if (item.custom !== undefined) out.custom = item.custom;
  if (item.lineItem !== undefined) {
    const { scoreMaximum, label, resourceId, tag } = item.lineItem;
    out.lineItem = { scoreMaximum, label: label ?? item.title, ...(resourceId !== undefined && { resourceId }), ...(tag !== undefined && { tag }) };
  }
  return out;
}
