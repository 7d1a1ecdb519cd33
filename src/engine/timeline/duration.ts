/**
 * Go's `time.ParseDuration` (a sequence of decimal numbers with units: `30s`, `2m`,
 * `1h30m`, `1.5h`, `500ms`), in seconds. Negative durations make no sense for a clock that
 * only moves forward, so a sign is refused here.
 */

const UNITS: Record<string, number> = { ns: 1e-9, us: 1e-6, 'µs': 1e-6, 'μs': 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

/** Seconds, or an error in Go's words (`time: invalid duration "10"`). */
export function parseDuration(text: string): { seconds: number } | { error: string } {
  const quoted = JSON.stringify(text);
  if (text === '0') return { seconds: 0 };
  if (text === '') return { error: `time: invalid duration ${quoted}` };
  let rest = text;
  let total = 0;
  while (rest !== '') {
    const number = /^(\d+\.?\d*|\.\d+)/.exec(rest);
    if (!number) return { error: `time: invalid duration ${quoted}` };
    rest = rest.slice(number[0].length);
    const unit = /^[^\d.]+/.exec(rest);
    if (!unit) return { error: `time: missing unit in duration ${quoted}` };
    const factor = UNITS[unit[0]];
    if (factor === undefined) return { error: `time: unknown unit ${JSON.stringify(unit[0])} in duration ${quoted}` };
    rest = rest.slice(unit[0].length);
    total += Number(number[0]) * factor;
  }
  // Whole milliseconds keep the clock's arithmetic exact enough for printing.
  return { seconds: Math.round(total * 1000) / 1000 };
}
