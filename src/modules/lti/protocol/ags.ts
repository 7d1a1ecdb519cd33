import { LtiHttpError, nextPageUrl, readJson } from './http';
import type { PlatformRegistration } from './registration';
import type { ServiceTokens } from './service-token';
import { MEDIA_TYPE, SCOPE } from './uris';

/**
 * Assignment and Grade Services 2.0: one line item (gradebook column) per lab, found or
 * created idempotently, and scores posted to it. Errors are `LtiHttpError` with the
 * platform's status and body; `retryable` says whether a queue should try again.
 */

/** A line item (AGS 2.0 §3.2). */
export interface LineItem {
  id: string;
  label: string;
  scoreMaximum: number;
  resourceId?: string;
  tag?: string;
  resourceLinkId?: string;
  startDateTime?: string;
  endDateTime?: string;
  gradesReleased?: boolean;
}

/** What the tool wants the column of one lab to be; `resourceId` (the lab id) identifies it. */
export interface LineItemSpec {
  label: string;
  scoreMaximum: number;
  resourceId: string;
  tag?: string;
  resourceLinkId?: string;
}

export type ActivityProgress = 'Initialized' | 'Started' | 'InProgress' | 'Submitted' | 'Completed';
export type GradingProgress = 'FullyGraded' | 'Pending' | 'PendingManual' | 'Failed' | 'NotReady';

/** A score (AGS 2.0 §3.4). */
export interface Score {
  /** The platform's user id (the launch's `sub`). */
  userId: string;
  scoreGiven?: number;
  /** Required with `scoreGiven`. */
  scoreMaximum?: number;
  activityProgress: ActivityProgress;
  gradingProgress: GradingProgress;
  /** When the score was produced; platforms ignore a score older than the one they hold. */
  timestamp: Date;
  comment?: string;
}

/**
 * Whether an item can be the column of `spec`'s placement: another placement's column of the
 * same lab is not (a platform that ignores `resource_link_id` lists it too); an item that
 * names no link can be.
 */
function sameResourceLink(item: LineItem, spec: LineItemSpec): boolean {
  return spec.resourceLinkId === undefined || item.resourceLinkId === undefined || item.resourceLinkId === spec.resourceLinkId;
}

export class AgsClient {
  constructor(private readonly tokens: ServiceTokens) {}

  /** The line items of the container, all pages, filtered by the platform on the given fields. */
  async lineItems(registration: PlatformRegistration, lineItemsUrl: string, filter: { resourceLinkId?: string; resourceId?: string; tag?: string } = {}): Promise<LineItem[]> {
    const first = new URL(lineItemsUrl);
    if (filter.resourceLinkId !== undefined) first.searchParams.set('resource_link_id', filter.resourceLinkId);
    if (filter.resourceId !== undefined) first.searchParams.set('resource_id', filter.resourceId);
    if (filter.tag !== undefined) first.searchParams.set('tag', filter.tag);
    const items: LineItem[] = [];
    for (let url: string | undefined = first.toString(); url; ) {
      const response = await this.tokens.call(registration, [SCOPE.lineItem], url, { headers: { Accept: MEDIA_TYPE.lineItemContainer } });
      const page = await readJson(response, 'GET', url);
      if (!Array.isArray(page)) throw new LtiHttpError('GET', url, response.status, 'line item container is not a JSON array');
      items.push(...(page as LineItem[]));
      url = nextPageUrl(response.headers.get('Link'), url);
    }
    return items;
  }

  /**
   * The line item of `spec.resourceId` (and `spec.tag`), created when there is none. A
   * retry after a lost response finds the item the first attempt created, so a lab gets
   * one column per placement; matching is done here too, as some platforms ignore the query filters.
   * Two concurrent first calls for one lab can still both create: the caller serializes
   * per lab (its queue does).
   */
  async findOrCreateLineItem(registration: PlatformRegistration, lineItemsUrl: string, spec: LineItemSpec): Promise<{ lineItem: LineItem; created: boolean }> {
    const existing = await this.lineItems(registration, lineItemsUrl, { resourceLinkId: spec.resourceLinkId, resourceId: spec.resourceId, tag: spec.tag });
    const match = existing.find((item) => item.resourceId === spec.resourceId && (spec.tag === undefined || item.tag === spec.tag) && sameResourceLink(item, spec));
    if (match) return { lineItem: match, created: false };

    const body: Record<string, unknown> = { label: spec.label, scoreMaximum: spec.scoreMaximum, resourceId: spec.resourceId };
    if (spec.tag !== undefined) body.tag = spec.tag;
    if (spec.resourceLinkId !== undefined) body.resourceLinkId = spec.resourceLinkId;
    const response = await this.tokens.call(registration, [SCOPE.lineItem], lineItemsUrl, {
      method: 'POST',
      headers: { 'Content-Type': MEDIA_TYPE.lineItem, Accept: MEDIA_TYPE.lineItem },
      body: JSON.stringify(body),
    });
    const created = await readJson<LineItem>(response, 'POST', lineItemsUrl);
    if (typeof created?.id !== 'string') throw new LtiHttpError('POST', lineItemsUrl, response.status, 'created line item has no id');
    return { lineItem: created, created: true };
  }

  /** Posts a score to `${lineItemUrl}/scores` (AGS 2.0 §3.4; the path is extended before any query). */
  async publishScore(registration: PlatformRegistration, lineItemUrl: string, score: Score): Promise<void> {
    if (score.scoreGiven !== undefined && (score.scoreMaximum === undefined || score.scoreGiven < 0)) {
      throw new Error(`score for user ${score.userId}: scoreGiven needs scoreMaximum and must not be negative`);
    }
    const url = new URL(lineItemUrl);
    url.pathname = `${url.pathname.replace(/\/$/, '')}/scores`;
    const body: Record<string, unknown> = {
      userId: score.userId,
      activityProgress: score.activityProgress,
      gradingProgress: score.gradingProgress,
      timestamp: score.timestamp.toISOString(),
    };
    if (score.scoreGiven !== undefined) body.scoreGiven = score.scoreGiven;
    if (score.scoreMaximum !== undefined) body.scoreMaximum = score.scoreMaximum;
    if (score.comment !== undefined) body.comment = score.comment;
    await this.tokens.call(registration, [SCOPE.score], url.toString(), {
      method: 'POST',
      headers: { 'Content-Type': MEDIA_TYPE.score },
      body: JSON.stringify(body),
    });
  }
}
