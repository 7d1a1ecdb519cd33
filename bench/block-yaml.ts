/**
 * A tiny block-style YAML writer for the benchmark's generated manifests: the layout
 * people write by hand (and `kubectl get -o yaml` prints), much faster than the `yaml`
 * package's stringify on tens of thousands of objects. Handles only what the generator
 * builds: mappings, sequences, strings, numbers, booleans.
 */

export type Plain = string | number | boolean | Plain[] | { [key: string]: Plain };

/** Words YAML 1.1 (the API server's dialect) reads as booleans or null: quote them. */
const YAML11_WORDS = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)$/;
/** Plain scalars that need no quoting: start with a letter, no `: `, ` #`, flow or quote characters. */
const SAFE_PLAIN = /^[A-Za-z][A-Za-z0-9._/-]*$/;

export function scalar(value: string | number | boolean): string {
  if (typeof value !== 'string') return String(value);
  return SAFE_PLAIN.test(value) && !YAML11_WORDS.test(value) ? value : JSON.stringify(value);
}

function isMapping(v: Plain): v is { [key: string]: Plain } {
  return typeof v === 'object' && !Array.isArray(v);
}

function isEmpty(v: Plain): boolean {
  return Array.isArray(v) ? v.length === 0 : isMapping(v) && Object.keys(v).length === 0;
}

/** Lines of `value` (a mapping or sequence) at `indent` spaces. */
export function blockLines(value: Plain, indent: number, out: string[] = []): string[] {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) {
    for (const item of value) {
      if ((isMapping(item) || Array.isArray(item)) && !isEmpty(item)) {
        // `- key: v` on the dash line, the rest of the mapping aligned after it.
        const inner = blockLines(item, indent + 2);
        out.push(`${pad}- ${inner[0].slice(indent + 2)}`, ...inner.slice(1));
      } else out.push(`${pad}- ${inline(item)}`);
    }
    return out;
  }
  if (!isMapping(value)) throw new Error('blockLines expects a mapping or a sequence');
  for (const [key, v] of Object.entries(value)) {
    const k = scalar(key);
    if ((isMapping(v) || Array.isArray(v)) && !isEmpty(v)) {
      out.push(`${pad}${k}:`);
      blockLines(v, indent + 2, out);
    } else out.push(`${pad}${k}: ${inline(v)}`);
  }
  return out;
}

function inline(v: Plain): string {
  if (Array.isArray(v)) return '[]';
  if (isMapping(v)) return '{}';
  return scalar(v);
}

/** One YAML document (without the `---` separator). */
export function toYamlDocument(value: Plain): string {
  return blockLines(value, 0).join('\n') + '\n';
}
