/** The HTTP side of the LTI endpoints that needs no framework: statuses of refusals, cookies. */

/** Refusals that say the request cannot be trusted (401); the others are malformed or not allowed (400, 403). */
const UNTRUSTED = new Set(['bad_state', 'bad_token', 'unknown_kid', 'bad_signature', 'wrong_issuer', 'wrong_audience', 'wrong_azp', 'expired', 'nonce_mismatch', 'nonce_replayed', 'no_browser_binding']);
const STATUS_OF_REASON: Record<string, number> = { platform_unreachable: 502, not_instructor: 403, email_in_other_organization: 409 };

/** The HTTP status a refusal is answered with. */
export function refusalStatus(reason: string): number {
  return STATUS_OF_REASON[reason] ?? (UNTRUSTED.has(reason) ? 401 : 400);
}

/** The Cookie header as name → value (RFC 6265 §5.4; values are ours, so no decoding). */
export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) cookies[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return cookies;
}
