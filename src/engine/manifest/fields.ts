/**
 * Typed reads of raw objects that report what the API server would report.
 *
 * Type mismatches use the decoder's words (`json: cannot unmarshal string into Go struct
 * field DeploymentSpec.spec.replicas of type int32`), validation failures use
 * `field.ErrorList` words (`spec.ports: Required value`).
 */
import type { Diagnostic } from '../diagnostic';
import type { Origin } from '../model';

export type Raw = Record<string, unknown>;

/** Collects the diagnostics of one object. */
export class ObjectReport {
  /** True once any error was reported: the API server would refuse the object. */
  failed = false;

  constructor(
    readonly sink: Diagnostic[],
    readonly origin: Origin,
    /** `Deployment`, `Service`, ... */
    readonly kind: string,
    /** `v1`, `apps/v1`: only the version part is used in decode errors. */
    readonly apiVersion: string,
    readonly name: string,
  ) {}

  add(severity: Diagnostic['severity'], message: string, path?: string, hint?: string): void {
    if (severity === 'error') this.failed = true;
    const pos = this.origin.locate(path);
    this.sink.push({
      severity,
      message,
      ...(path ? { path } : {}),
      file: this.origin.file,
      line: pos.line,
      column: pos.column,
      object: this.origin.label,
      ...(hint ? { hint } : {}),
    });
  }

  /** A `field.Invalid`/`Required`/... error as kubectl prints it: `The Service "web" is invalid: <path>: <body>`. */
  invalid(path: string, body: string, hint?: string): void {
    this.add('error', `The ${this.kind} "${this.name}" is invalid: ${path}: ${body}`, path, hint);
  }

  /** A decoding error: the value has the wrong JSON type for its Go field. */
  decode(path: string, value: unknown, goStruct: string, goType: string): void {
    const version = this.apiVersion.split('/').pop();
    const jsonPath = path.replace(/\[[^\]]*\]/g, '');
    const what = jsonKind(value) === 'number' ? `number ${String(value)}` : jsonKind(value);
    this.add(
      'error',
      `${this.kind} in version "${version}" cannot be handled as a ${this.kind}: json: cannot unmarshal ${what} into Go struct field ${goStruct}.${jsonPath} of type ${goType}`,
      path,
    );
  }
}

/** The JSON type name Go's decoder uses in its messages. */
export function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'string') return 'string';
  return 'object';
}

/** Absent and JSON null both decode to the zero value. */
export function isAbsent(value: unknown): value is undefined | null {
  return value === undefined || value === null;
}

export function isObject(value: unknown): value is Raw {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Uint8Array);
}

export function readString(r: ObjectReport, value: unknown, path: string, goStruct: string): string | undefined {
  if (isAbsent(value)) return undefined;
  if (typeof value === 'string') return value;
  r.decode(path, value, goStruct, 'string');
  return undefined;
}

export function readBool(r: ObjectReport, value: unknown, path: string, goStruct: string): boolean | undefined {
  if (isAbsent(value)) return undefined;
  if (typeof value === 'boolean') return value;
  r.decode(path, value, goStruct, 'bool');
  return undefined;
}

export function readInt32(r: ObjectReport, value: unknown, path: string, goStruct: string): number | undefined {
  if (isAbsent(value)) return undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31) return value;
  r.decode(path, value, goStruct, 'int32');
  return undefined;
}

/** `intstr.IntOrString`: an integer or a string. */
export function readIntOrString(r: ObjectReport, value: unknown, path: string, goStruct: string): number | string | undefined {
  if (isAbsent(value)) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  r.decode(path, value, goStruct, 'intstr.IntOrString');
  return undefined;
}

export function readObject(r: ObjectReport, value: unknown, path: string, goStruct: string, goType: string): Raw | undefined {
  if (isAbsent(value)) return undefined;
  if (isObject(value)) return value;
  r.decode(path, value, goStruct, goType);
  return undefined;
}

export function readList(r: ObjectReport, value: unknown, path: string, goStruct: string, goType: string): unknown[] | undefined {
  if (isAbsent(value)) return undefined;
  if (Array.isArray(value)) return value;
  r.decode(path, value, goStruct, goType);
  return undefined;
}

/** A `map[string]string` such as labels or a selector; non-string values are decode errors. */
export function readStringMap(r: ObjectReport, value: unknown, path: string, goStruct: string): Record<string, string> | undefined {
  const map = readObject(r, value, path, goStruct, 'map[string]string');
  if (!map) return undefined;
  const out: Record<string, string> = {};
  let ok = true;
  for (const [key, v] of Object.entries(map)) {
    if (typeof v === 'string') out[key] = v;
    else if (v === null) out[key] = '';
    else {
      r.decode(`${path}[${key}]`, v, goStruct, 'string');
      ok = false;
    }
  }
  return ok ? sortedRecord(out) : undefined;
}

export function sortedRecord(map: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(map).sort()) out[key] = map[key];
  return out;
}

// --- API validation helpers (k8s.io/apimachinery/pkg/util/validation) ---

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** Name-format errors, in `validation.IsDNS1123Label` & co. wording; [] when valid. */
export function nameErrors(name: string, format: 'dns1123-label' | 'dns1123-subdomain' | 'dns1035-label'): string[] {
  const errs: string[] = [];
  if (format === 'dns1123-subdomain') {
    if (name.length > 253) errs.push('must be no more than 253 characters');
    if (!DNS1123_SUBDOMAIN.test(name))
      errs.push(
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      );
  } else if (format === 'dns1123-label') {
    if (name.length > 63) errs.push('must be no more than 63 characters');
    if (!DNS1123_LABEL.test(name))
      errs.push(
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
      );
  } else {
    if (name.length > 63) errs.push('must be no more than 63 characters');
    if (!DNS1035_LABEL.test(name))
      errs.push(
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
      );
  }
  return errs;
}

/** `validation.IsValidPortName` (IANA_SVC_NAME); [] when valid. */
export function portNameErrors(name: string): string[] {
  const errs: string[] = [];
  if (name.length > 15) errs.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(name)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(name)) errs.push('must contain at least one letter (a-z)');
  if (name.includes('--')) errs.push('must not contain consecutive hyphens');
  if (name.startsWith('-') || name.endsWith('-')) errs.push('must not begin or end with a hyphen');
  return errs;
}

/** Go's %q for a plain string (enough for names and IPs). */
export function quote(s: string): string {
  return JSON.stringify(s);
}
