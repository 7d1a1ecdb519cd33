/** Code-unit string comparison: locale-independent, so sorting is the same on every machine. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Compares by several keys in turn. */
export function compareBy<T>(...keys: Array<(item: T) => string | number>): (a: T, b: T) => number {
  return (a, b) => {
    for (const key of keys) {
      const x = key(a);
      const y = key(b);
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : compareStrings(String(x), String(y));
      if (c !== 0) return c;
    }
    return 0;
  };
}
