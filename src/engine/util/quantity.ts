/**
 * `resource.Quantity` (k8s.io/apimachinery/pkg/api/resource): `100m`, `0.5`, `2`, `128Mi`,
 * `1Gi`, `500M`, `1e3`. The scheduler compares CPU in millicores (`MilliValue()`) and
 * everything else in whole units (`Value()`, rounded up as the Go type does).
 */

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };
const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;

/** The quantity as a number of units (0.1 for `100m`), or undefined when it is not a quantity. */
export function parseQuantity(text: string): number | undefined {
  const m = QUANTITY.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const suffix = m[2] ?? '';
  if (suffix in BINARY) return n * BINARY[suffix];
  if (suffix in DECIMAL) return n * DECIMAL[suffix];
  return n * 10 ** Number(suffix.slice(1)); // exponent form: 1e3
}

/** `Quantity.MilliValue()`: millicores for `cpu` (rounded up). */
export function milliValue(text: string | undefined): number {
  const q = text === undefined ? undefined : parseQuantity(text);
  return q === undefined ? 0 : Math.ceil(Math.round(q * 1e3 * 1e6) / 1e6);
}

/** `Quantity.Value()`: whole units (bytes for `memory`), rounded up. */
export function value(text: string | undefined): number {
  const q = text === undefined ? undefined : parseQuantity(text);
  return q === undefined ? 0 : Math.ceil(Math.round(q * 1e6) / 1e6);
}

/** The API server's error body for a value that is not a quantity. */
export const QUANTITY_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
