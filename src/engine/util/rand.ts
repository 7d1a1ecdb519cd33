/**
 * Deterministic stand-ins for `k8s.io/apimachinery/pkg/util/rand`.
 *
 * Kubernetes draws generated name suffixes from a process-wide random source; the
 * simulator draws them from a generator seeded by the object they belong to, so the
 * same scenario always yields the same names and adding an unrelated object never
 * renames existing ones.
 */
import { fnv32a } from './fnv';

/** The alphabet of `rand.String` and `rand.SafeEncodeString`: no vowels, no 0/1/3. */
export const SAFE_ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/**
 * `rand.SafeEncodeString`: maps every byte of `s` onto SAFE_ALPHANUMS by its value
 * modulo the alphabet size, so that encoded strings cannot spell words.
 */
export function safeEncodeString(s: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(s)) out += SAFE_ALPHANUMS[byte % SAFE_ALPHANUMS.length];
  return out;
}

/** A small seeded pseudo-random generator (SplitMix32-style), deterministic across platforms. */
export class SeededRandom {
  private state: number;

  constructor(seed: string) {
    this.state = fnv32a(seed);
  }

  /** Next 32-bit unsigned value. */
  nextUint32(): number {
    this.state = (this.state + 0x9e3779b9) >>> 0;
    let z = this.state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  }

  /** Uniform integer in [0, n). */
  intn(n: number): number {
    // Rejection sampling keeps the distribution uniform for any n.
    const limit = Math.floor(0x100000000 / n) * n;
    let v = this.nextUint32();
    while (v >= limit) v = this.nextUint32();
    return v % n;
  }

  /** `rand.String(n)`: n characters from SAFE_ALPHANUMS. */
  string(n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += SAFE_ALPHANUMS[this.intn(SAFE_ALPHANUMS.length)];
    return out;
  }
}
