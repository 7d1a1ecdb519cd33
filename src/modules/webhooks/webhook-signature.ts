import { createHmac, randomBytes, randomUUID } from 'node:crypto';

/**
 * Signing as the Standard Webhooks specification (v1.0.0, "Signature scheme") has it: the
 * symmetric scheme `v1`, an HMAC-SHA256 over `{webhook-id}.{webhook-timestamp}.{body}`,
 * keyed with the secret's bytes; secrets are shown as `whsec_` + base64.
 */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';

/** The spec asks for 24 to 64 random bytes. */
const SECRET_BYTES = 32;

/** A new signing secret, `whsec_<base64 of 32 random bytes>`. */
export function generateWebhookSecret(): string {
  return WEBHOOK_SECRET_PREFIX + randomBytes(SECRET_BYTES).toString('base64');
}

/** A new webhook-id: unique per event, without the `.` the signed content uses as delimiter. */
export function newWebhookMessageId(): string {
  return `msg_${randomUUID().replace(/-/g, '')}`;
}

/**
 * The `webhook-signature` header for one attempt: `v1,<base64 signature>`. `timestamp` is
 * the attempt's `webhook-timestamp` (unix seconds); `body` the exact bytes sent.
 */
export function signWebhook(secret: string, messageId: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.startsWith(WEBHOOK_SECRET_PREFIX) ? secret.slice(WEBHOOK_SECRET_PREFIX.length) : secret, 'base64');
  const signature = createHmac('sha256', key).update(`${messageId}.${timestamp}.${body}`).digest('base64');
  return `v1,${signature}`;
}
