/**
 * The lab file's schema (zod): field types, required fields, unknown fields refused (typo
 * protection), and the rules within one object (an int range's min ≤ max, a command check's
 * `contains` or `matches`). Rules across objects (unique ids, placeholders naming declared
 * parameters, the order of the dates) are lab.ts's, so that they are reported even when
 * some other field is wrong.
 */
import { z } from 'zod';
import { nameErrors } from '../manifest/fields';
import type { TraceVerdict } from '../trace/types';

export const LAB_API_VERSION = 'kube-netlab.io/v1alpha1';

/** The verdicts a trace ends in (trace/types.ts `TraceVerdict`). */
export const TRACE_VERDICTS = ['delivered', 'refused', 'rejected', 'dropped', 'timed-out', 'unresolved'] as const satisfies readonly TraceVerdict[];
// Fails to compile when TraceVerdict gains a verdict this list lacks.
const _allVerdicts: readonly (typeof TRACE_VERDICTS)[number][] = [] as TraceVerdict[];

/** RFC 1035/6895 rcode names the resolver reports, and the engine's TIMEOUT for no answer (dns/query.ts). */
export const DNS_RCODES = ['NOERROR', 'FORMERR', 'SERVFAIL', 'NXDOMAIN', 'NOTIMP', 'REFUSED', 'TIMEOUT'] as const;

/** A check's points: far above any real lab, and a sum of them stays a finite number. */
const MAX_POINTS = 1_000_000;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Check ids: a slug, stable across students and versions (the service keys results by it). */
const CHECK_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** A string that is exactly one placeholder: the parameter's typed value once instantiated. */
const placeholder = z.string().regex(/^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/);
const countOr = z.union([z.int().min(0), placeholder], { error: 'expected a whole number ≥ 0 or a ${parameter}' });
const portOr = z.union([z.int().min(1).max(65535), placeholder], { error: 'expected a port number (1-65535) or a ${parameter}' });

const regex = z.string().superRefine((text, ctx) => {
  try {
    new RegExp(text, 'm');
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: `not a valid regular expression: ${(err as Error).message}` });
  }
});

const hint = z.strictObject({
  /** Revealed once the student has failed the check on this many graded submissions. */
  after: z.int().min(0),
  text: z.string(),
});

/** The fields every check has; `extra` adds the lab-level ones (hidden, hints). */
function checkSchema(extra: z.ZodRawShape): z.ZodType {
  const head = { id: z.string().regex(CHECK_ID, 'a check id is letters, digits, ".", "_" or "-", starting with a letter or digit') };
  const tail = { points: z.number().min(0).max(MAX_POINTS), message: z.string(), ...extra };
  return z.discriminatedUnion('kind', [
    z.strictObject({ ...head, kind: z.literal('exists'), resource: z.string().min(1), namespace: z.string().optional(), name: z.string().min(1), fields: z.record(z.string(), z.unknown()).optional(), ...tail }),
    z
      .strictObject({ ...head, kind: z.literal('endpoints'), service: z.string().min(1), ready: countOr.optional(), pods: z.array(z.string().min(1)).min(1).optional(), port: portOr.optional(), partial: z.boolean().optional(), ...tail })
      .refine((c) => c.ready !== undefined || c.pods !== undefined, 'an endpoints check needs ready (a number of endpoints) or pods (the Pods that must back one)'),
    z.strictObject({ ...head, kind: z.literal('trace'), from: z.string().min(1), to: z.string().min(1), protocol: z.enum(['TCP', 'UDP']).optional(), verdict: z.enum(TRACE_VERDICTS), podLabels: z.record(z.string(), z.string()).optional(), ...tail }),
    z.strictObject({ ...head, kind: z.literal('dns'), from: z.string().min(1).optional(), name: z.string().min(1), type: z.string().min(1).optional(), rcode: z.enum(DNS_RCODES), answers: z.array(z.string()).optional(), ...tail }),
    z.strictObject({ ...head, kind: z.literal('reach'), from: z.string().min(1), to: z.string().min(1), port: portOr, protocol: z.enum(['TCP', 'UDP', 'SCTP']).optional(), allowed: z.boolean(), ...tail }),
    z
      .strictObject({ ...head, kind: z.literal('command'), run: z.string().min(1), namespace: z.string().optional(), node: z.string().optional(), contains: z.string().optional(), matches: regex.optional(), ...tail })
      .refine((c) => c.contains !== undefined || c.matches !== undefined, 'a command check needs contains or matches'),
    z.strictObject({ ...head, kind: z.literal('all'), checks: z.array(z.lazy(() => plainCheck)).min(1), ...tail }),
  ]);
}

/** A check inside `all`: no hidden flag or hints of its own. */
const plainCheck: z.ZodType = checkSchema({});

const labCheck = checkSchema({ hidden: z.boolean().optional(), hints: z.array(hint).optional() });

const parameter = z
  .strictObject({
    name: z.string().regex(IDENTIFIER, 'a parameter name is an identifier: letters, digits and "_", not starting with a digit'),
    oneOf: z.array(z.union([z.string(), z.number()], { error: 'expected a string or a number' })).min(1, 'oneOf needs at least one value').optional(),
    int: z
      .strictObject({ min: z.int(), max: z.int() })
      .refine((r) => r.min <= r.max, { message: 'min is greater than max', path: ['max'] })
      .optional(),
    template: z.string().optional(),
  })
  .refine((p) => [p.oneOf, p.int, p.template].filter((k) => k !== undefined).length === 1, 'a parameter needs exactly one of oneOf, int or template');

const dateTime = z.iso.datetime({ offset: true, error: 'expected an ISO-8601 date and time with a time zone, e.g. 2026-09-08T23:59:00Z' });

const rules = z.strictObject({
  opensAt: dateTime.optional(),
  dueAt: dateTime.optional(),
  lateUntil: dateTime.optional(),
  latePercent: z.number().min(0).max(100).optional(),
  maxAttempts: z.int().min(1).optional(),
  minSecondsBetween: z.int().min(0).optional(),
});

/** The whole lab document. */
export const labDocument = z.strictObject({
  apiVersion: z.literal(LAB_API_VERSION),
  kind: z.literal('Lab'),
  metadata: z.strictObject({
    name: z.string().superRefine((name, ctx) => {
      for (const message of nameErrors(name, 'dns1123-label')) ctx.addIssue({ code: 'custom', message });
    }),
  }),
  spec: z.strictObject({
    title: z.string().min(1),
    instructions: z.string(),
    parameters: z.array(parameter).optional(),
    starter: z.string().optional(),
    rules: rules.optional(),
    checks: z.array(labCheck).min(1, 'a lab needs at least one check'),
  }),
});
