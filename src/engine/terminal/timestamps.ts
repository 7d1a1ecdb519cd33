/**
 * Wall-clock times for the views that print them (`creationTimestamp` in -o yaml/json,
 * `Start Time:` / `CreationTimestamp:` in describe).
 *
 * The result only knows seconds on the scenario clock (0 = the moment the scenario is
 * applied; kind's own objects are older, negative). A real API server stamps objects with
 * the wall clock, so the terminal pins the scenario's second 0 to one fixed instant,
 * SCENARIO_EPOCH (2025-01-01T00:00:00Z): output stays byte-identical from run to run, and
 * differences between two timestamps are the scenario's own.
 */

/** Unix seconds of the scenario clock's second 0: 2025-01-01T00:00:00Z. */
export const SCENARIO_EPOCH = Date.UTC(2025, 0, 1) / 1000;

function instant(scenarioSeconds: number): Date {
  return new Date((SCENARIO_EPOCH + Math.floor(scenarioSeconds)) * 1000);
}

/** metav1.Time as JSON/YAML carries it: RFC 3339 in UTC, whole seconds (`2025-01-01T00:05:00Z`). */
export function rfc3339(scenarioSeconds: number): string {
  return instant(scenarioSeconds).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** Go's time.RFC1123Z layout, as describe prints times (`Wed, 01 Jan 2025 00:05:00 +0000`; kind's clocks are UTC). */
export function rfc1123z(scenarioSeconds: number): string {
  const d = instant(scenarioSeconds);
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}
