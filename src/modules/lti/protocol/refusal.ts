/**
 * A protocol step that can be refused answers with a value, not an exception (STYLE.md
 * rule 5): `reason` is a stable code to log and count, `message` says what was wrong in
 * words an LMS administrator can act on.
 */
export interface Refusal<Reason extends string> {
  ok: false;
  reason: Reason;
  message: string;
}

export function refuse<Reason extends string>(reason: Reason, message: string): Refusal<Reason> {
  return { ok: false, reason, message };
}
