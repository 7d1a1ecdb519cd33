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

/**
 * Sorts `items` in place exactly as `items.sort(compareBy(...keys))` would (same keys,
 * same stable order), computing each key once per item instead of once per comparison:
 * for keys that cost something to compute (an IP parsed into a number).
 */
export function sortBy<T>(items: T[], ...keys: Array<(item: T) => string | number>): T[] {
  const decorated = items.map((item) => ({ item, k: keys.map((key) => key(item)) }));
  decorated.sort((a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const x = a.k[i];
      const y = b.k[i];
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : compareStrings(String(x), String(y));
      if (c !== 0) return c;
    }
    return 0;
  });
  for (let i = 0; i < items.length; i++) items[i] = decorated[i].item;
  return items;
}
