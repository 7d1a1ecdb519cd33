/**
 * Per-student parameters: each student of a lab gets their own namespace, port or replica
 * count, drawn from a seed the service derives from the lab and the student, so that the
 * same student always sees the same lab and neighbours cannot copy answers verbatim.
 */
import { createHash } from 'node:crypto';
import type { LabCheck, LabDefinition } from './lab';
import { interpolate, substituteValue } from './placeholders';

/**
 * Each parameter's value for `seed` (e.g. `${labId}:${userId}`), in declaration order.
 * The draw for parameter `name` is the first 48 bits of sha256(`${seed}\0${name}`) as an
 * unsigned integer u: `int` gives min + u mod (max - min + 1), `oneOf` the item at
 * u mod length, `template` its text with the earlier parameters substituted. Deterministic;
 * a parameter's value does not change when other parameters are added or removed
 * (a template's does when the parameters it uses change).
 */
export function drawParameters(lab: LabDefinition, seed: string): Record<string, string | number> {
  const values: Record<string, string | number> = {};
  for (const p of lab.parameters) {
    if ('template' in p) values[p.name] = interpolate(p.template, values);
    else {
      const u = createHash('sha256').update(`${seed}\0${p.name}`).digest().readUIntBE(0, 6);
      values[p.name] = 'int' in p ? p.int.min + (u % (p.int.max - p.int.min + 1)) : p.oneOf[u % p.oneOf.length];
    }
  }
  return values;
}

/**
 * The lab as one student sees it: `${name}` replaced in the instructions, the starter
 * manifests and every string of the checks (messages and hints included); in checks, a
 * string that is exactly `${name}` becomes the value itself, so `ready: ${replicas}` is the
 * number 3. `$${` gives a literal `${`. Throws when a placeholder has no value in `values`
 * (`drawParameters` gives one for every parameter, and `parseLab` refuses undeclared ones).
 */
export function instantiateLab(lab: LabDefinition, values: Record<string, string | number>): { instructions: string; starter: string; checks: LabCheck[] } {
  return {
    instructions: interpolate(lab.instructions, values),
    starter: interpolate(lab.starter, values),
    // parseLab ensured numeric fields only name parameters that draw numbers.
    checks: lab.checks.map((c) => substituteValue(c, values) as LabCheck),
  };
}
