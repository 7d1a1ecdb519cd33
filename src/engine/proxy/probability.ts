/**
 * The statistic-match probabilities as `iptables-save` prints them.
 *
 * kube-proxy writes `fmt.Sprintf("%0.10f", 1.0/float64(n))` (pkg/proxy/iptables/proxier.go
 * probability); libxt_statistic stores `lround(p * 2^31)` and prints `%.11f` of
 * `k / 2^31`. Both printf roundings are exact and half-to-even, which
 * Number.prototype.toFixed is not (it differs at n = 2048), so the decimal expansion is
 * done here with BigInt over the double's exact value. See reference/kube-proxy.md §2.6.
 */

/** The exact value of a finite non-negative double as numerator / 2^shift. */
function exactBinary(x: number): { mantissa: bigint; shift: bigint } {
  if (x === 0) return { mantissa: 0n, shift: 0n };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const exponent = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e: number;
  if (exponent === 0) e = -1074;
  else {
    mantissa |= 1n << 52n;
    e = exponent - 1075;
  }
  return e >= 0 ? { mantissa: mantissa << BigInt(e), shift: 0n } : { mantissa, shift: BigInt(-e) };
}

/** C/Go `%.<digits>f` of a non-negative double: exact decimal value, rounded half to even. */
export function formatFixed(x: number, digits: number): string {
  const { mantissa, shift } = exactBinary(x);
  const scale = 10n ** BigInt(digits);
  const numerator = mantissa * scale;
  const denominator = 1n << shift;
  let q = numerator / denominator;
  const r = numerator % denominator;
  if (r * 2n > denominator || (r * 2n === denominator && q % 2n === 1n)) q += 1n;
  const text = q.toString().padStart(digits + 1, '0');
  return digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** What kube-proxy writes for `--probability` when `n` endpoints remain (`%0.10f` of 1/n). */
export function kubeProxyProbability(n: number): string {
  return formatFixed(1 / n, 10);
}

/** What iptables-save / iptables -L print back for a probability written as `written`. */
export function iptablesProbability(written: string): string {
  const k = Math.floor(Number(written) * 2 ** 31 + 0.5);
  return formatFixed(k / 2 ** 31, 11);
}
