/**
 * FNV-1a, 32 bit — the hash Kubernetes uses for pod-template-hash
 * (`hash/fnv.New32a` in `controller.ComputeHash`). Input is hashed as UTF-8 bytes.
 */
export function fnv32a(input: string | Uint8Array): number {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  let hash = 0x811c9dc5;
  for (const byte of bytes) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** FNV-1, 32 bit (`hash/fnv.New32`: multiply, then xor) — calico seeds its block search with it. */
export function fnv32(input: string | Uint8Array): number {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  let hash = 0x811c9dc5;
  for (const byte of bytes) {
    hash = Math.imul(hash, 0x01000193) >>> 0;
    hash = (hash ^ byte) >>> 0;
  }
  return hash >>> 0;
}
