import { InvalidInputError } from '../../platform/errors/domain-errors';
import { isUuid } from '../../platform/util/uuid';

/** Where a page of the newest-first scenario list resumes: the last row's (createdAt, id). */
export interface ScenarioCursor {
  createdAt: Date;
  id: string;
}

const PREFIX = 'scenario:';

/** Opaque to clients (base64url); the id breaks ties between rows created in the same millisecond. */
export function encodeScenarioCursor(cursor: ScenarioCursor): string {
  return Buffer.from(`${PREFIX}${cursor.createdAt.toISOString()}|${cursor.id}`, 'utf8').toString('base64url');
}

export function decodeScenarioCursor(value: string): ScenarioCursor {
  const text = Buffer.from(value, 'base64url').toString('utf8');
  const [stamp, id] = text.startsWith(PREFIX) ? text.slice(PREFIX.length).split('|') : [];
  const createdAt = new Date(stamp ?? '');
  if (!id || !isUuid(id) || Number.isNaN(createdAt.getTime())) {
    throw new InvalidInputError(`invalid cursor "${value}": pass an endCursor or edge cursor from an earlier page`);
  }
  return { createdAt, id };
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export function pageSize(first: number | undefined): number {
  if (first === undefined || first === null) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new InvalidInputError(`first must be an integer from 1 to ${MAX_PAGE_SIZE}; got ${first}`);
  }
  return first;
}
