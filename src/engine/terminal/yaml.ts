/**
 * The YAML kubectl prints (`-o yaml`, `--dry-run=client -o yaml`): the object goes through
 * JSON and then sigs.k8s.io/yaml (go-yaml v2), so map keys come out sorted, sequences sit
 * at their parent key's indentation (`- ` then two-space continuation), empty maps and
 * lists are `{}` / `[]`, and strings are double-quoted only when plain style would read
 * back as something else.
 */
import { compareStrings } from '../util/compare';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json | undefined };

export function toYaml(value: Json): string {
  return emit(value, '').join('\n') + '\n';
}

function emit(value: Json, indent: string): string[] {
  if (isMap(value)) {
    const keys = Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort(compareStrings);
    const lines: string[] = [];
    for (const key of keys) {
      const v = value[key] as Json;
      if (isMap(v) && Object.keys(v).some((k) => v[k] !== undefined)) {
        lines.push(`${indent}${scalar(key)}:`, ...emit(v, indent + '  '));
      } else if (Array.isArray(v) && v.length > 0) {
        lines.push(`${indent}${scalar(key)}:`, ...emitList(v, indent));
      } else if (typeof v === 'string' && literalAllowed(v)) {
        lines.push(`${indent}${scalar(key)}: ${literalHeader(v)}`, ...literalLines(v, indent + '  '));
      } else lines.push(`${indent}${scalar(key)}: ${inline(v)}`);
    }
    return lines;
  }
  if (Array.isArray(value) && value.length > 0) return emitList(value, indent);
  return [`${indent}${inline(value)}`];
}

function emitList(list: Json[], indent: string): string[] {
  const lines: string[] = [];
  for (const item of list) {
    if ((isMap(item) && Object.keys(item).some((k) => item[k] !== undefined)) || (Array.isArray(item) && item.length > 0)) {
      const inner = emit(item, indent + '  ');
      lines.push(`${indent}- ${inner[0].slice(indent.length + 2)}`, ...inner.slice(1));
    } else lines.push(`${indent}- ${inline(item)}`);
  }
  return lines;
}

function inline(v: Json | undefined): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return '[]';
  if (isMap(v)) return '{}';
  return scalar(v);
}

function isMap(v: Json | undefined): v is { [key: string]: Json | undefined } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * go-yaml v2 (encode.go stringv) writes a multi-line string in literal style (`|`), unless a
 * line ends in a blank or the text starts with one (emitterc.go analyze_scalar: no block
 * style then; double-quoted instead). Chomping: `|` one final newline, `|-` none, `|+` more.
 */
function literalAllowed(v: string): boolean {
  return v.includes('\n') && !/[ \t]\n/.test(v) && !/[ \t]$/.test(v) && !/^[ \t\n]/.test(v) && !v.includes('\r');
}

function literalHeader(v: string): string {
  if (!v.endsWith('\n')) return '|-';
  return v.endsWith('\n\n') ? '|+' : '|';
}

function literalLines(v: string, indent: string): string[] {
  const body = v.endsWith('\n') ? v.slice(0, -1) : v;
  return body.split('\n').map((l) => (l === '' ? '' : `${indent}${l}`));
}

/** A scalar in go-yaml v2's style: plain when unambiguous, else double-quoted. */
export function scalar(v: string | number | boolean): string {
  if (typeof v !== 'string') return String(v);
  const needsQuotes =
    v === '' ||
    /^(true|false|yes|no|on|off|y|n|null|~)$/i.test(v) ||
    /^[-+]?(\.\d+|\d+(\.\d*)?)([eE][-+]?\d+)?$/.test(v) ||
    /^0[xo][0-9a-fA-F]+$/.test(v) ||
    // go-yaml v2 resolves these as !!timestamp (resolve.go parseTimestamp), so kubectl quotes creationTimestamp.
    /^\d{4}-\d{1,2}-\d{1,2}(?:[Tt ]\d{1,2}:\d{1,2}:\d{1,2}(?:\.\d*)?(?:Z|[+-]\d{2}:\d{2})?)?$/.test(v) ||
    /^[-?:,[\]{}#&*!|>'"%@`\s]/.test(v) ||
    /[\s]$/.test(v) ||
    v.includes(': ') ||
    v.includes(' #') ||
    v.endsWith(':') ||
    /[\n\t]/.test(v);
  return needsQuotes ? JSON.stringify(v) : v;
}

/** `-o json`: json.MarshalIndent with four spaces, keys in the order the object lists them (Go struct order). */
export function toJson(value: Json): string {
  return JSON.stringify(value, null, 4) + '\n';
}
