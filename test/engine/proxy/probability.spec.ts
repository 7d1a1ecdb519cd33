/**
 * Statistic probabilities: kube-proxy writes `%0.10f` of 1/n (pkg/proxy/iptables/proxier.go),
 * iptables prints `%.11f` of lround(p·2^31)/2^31 (libxt_statistic.c). Table from
 * reference/kube-proxy.md §2.6 (checked against real iptables 1.8.9).
 */
import { formatFixed, iptablesProbability, kubeProxyProbability } from '../../../src/engine/proxy/probability';

describe('probability as iptables-save prints it', () => {
  it.each([
    [2, '0.50000000000'],
    [3, '0.33333333349'],
    [4, '0.25000000000'],
    [5, '0.20000000019'],
    [6, '0.16666666651'],
    [7, '0.14285714272'],
    [8, '0.12500000000'],
    [9, '0.11111111101'],
    [10, '0.10000000009'],
  ])('1/%d → %s', (n, printed) => {
    expect(iptablesProbability(kubeProxyProbability(n))).toBe(printed);
  });

  it('writes with Go %0.10f (round half to even, unlike toFixed)', () => {
    expect(kubeProxyProbability(3)).toBe('0.3333333333');
    // 1/2048 = 0.00048828125 exactly: a tie, Go keeps the even digit.
    expect(kubeProxyProbability(2048)).toBe('0.0004882812');
    expect(formatFixed(2.5, 0)).toBe('2');
    expect(formatFixed(3.5, 0)).toBe('4');
  });
});
