/**
 * `${name}` placeholders in a lab's text: what counts as one, and substitution.
 *
 * `${name}` (name an identifier) is a placeholder; `$${` is a literal `${` (as `$$` escapes
 * `$` in docker compose files), so a starter ConfigMap can hold a shell script's `$${HOME}`;
 * any other `${` is malformed, which catches `${HOME}`-style text left unescaped. Every
 * other `$` is literal.
 */

/** A placeholder, a malformed `${`, or an escape, at `index` in the text. */
export type TemplateToken = { kind: 'placeholder'; name: string; index: number; text: string } | { kind: 'malformed'; index: number; text: string };

const TOKEN = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$\{/g;

/** The placeholders and malformed `${` of a text, in order (escapes left out). */
export function scanTemplate(text: string): TemplateToken[] {
  const out: TemplateToken[] = [];
  for (const m of text.matchAll(TOKEN)) {
    if (m[0] === '$${') continue;
    out.push(m[1] !== undefined ? { kind: 'placeholder', name: m[1], index: m.index, text: m[0] } : { kind: 'malformed', index: m.index, text: m[0] });
  }
  return out;
}

/** The parameter name when the whole text is one placeholder (`${replicas}`), else undefined. */
export function wholePlaceholder(text: string): string | undefined {
  return /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(text)?.[1];
}

/** The text with each placeholder replaced by its value and each `$${` by `${`. Throws on a name without a value. */
export function interpolate(text: string, values: Record<string, string | number>): string {
  return text.replace(TOKEN, (match: string, name: string | undefined) => {
    if (match === '$${') return '${';
    if (name === undefined) return match; // malformed: parseLab refuses it; nothing to substitute
    if (!(name in values)) throw new Error(`no value for the parameter \${${name}}`);
    return String(values[name]);
  });
}

/**
 * A JSON value with every string interpolated, keys included; a string that is exactly one
 * placeholder becomes the parameter's value with its type (`ready: ${replicas}` → 3).
 */
export function substituteValue(value: unknown, values: Record<string, string | number>): unknown {
  if (typeof value === 'string') {
    const whole = wholePlaceholder(value);
    if (whole !== undefined && whole in values) return values[whole];
    return interpolate(value, values);
  }
  if (Array.isArray(value)) return value.map((v) => substituteValue(v, values));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [interpolate(k, values), substituteValue(v, values)]));
  return value;
}
