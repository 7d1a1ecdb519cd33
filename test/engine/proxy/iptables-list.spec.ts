/**
 * `iptables -L` / `-S` text. Columns follow iptables 1.8.9 iptables/xshared.c (print_header,
 * print_rule_details, print_fragment, print_ifaces, print_ipv4_addresses) and each
 * extension's print function (libxt_comment "/* c *\/", libxt_tcp "tcp dpt:N", libxt_addrtype
 * "ADDRTYPE match dst-type LOCAL", libxt_mark "mark match ! 0x4000/0x4000", libxt_MARK
 * "MARK or/xor", libxt_MASQUERADE "random-fully", libxt_DNAT "to:", libxt_statistic).
 * With -n, iptables 1.8.9 (Debian bookworm's 1.8.9-2, as in kindest/node) prints the
 * protocol as a number: `RETURN     0    --  0.0.0.0/0 ...`, `6` for tcp (checked with that
 * iptables in a scratch network namespace); without -n it prints `all`, `tcp`.
 */
import { buildIptablesRules } from '../../../src/engine/proxy/iptables-rules';
import { renderIptablesList, renderIptablesRules } from '../../../src/engine/proxy/iptables-list';
import { referenceNode } from './fixture';

const nat = buildIptablesRules(referenceNode(), 'node-a').find((t) => t.name === 'nat')!;

describe('iptables -t nat -L', () => {
  it('KUBE-SERVICES -n', () => {
    expect(renderIptablesList(nat, { chain: 'KUBE-SERVICES', numeric: true })).toBe([
      'Chain KUBE-SERVICES (2 references)',
      'target     prot opt source               destination         ',
      'KUBE-SVC-NPX46M4PTMTKRN6Y  6    --  0.0.0.0/0            10.96.0.1            /* default/kubernetes:https cluster IP */ tcp dpt:443',
      'KUBE-SVC-TCOU7JCQXEZGVUNU  17   --  0.0.0.0/0            10.96.0.10           /* kube-system/kube-dns:dns cluster IP */ udp dpt:53',
      'KUBE-SVC-ERIFXISQEP7F7OF4  6    --  0.0.0.0/0            10.96.0.10           /* kube-system/kube-dns:dns-tcp cluster IP */ tcp dpt:53',
      'KUBE-SVC-JD5MR3NA4I4DYORP  6    --  0.0.0.0/0            10.96.0.10           /* kube-system/kube-dns:metrics cluster IP */ tcp dpt:9153',
      'KUBE-SVC-CTXSUZTRPKJRMWYN  6    --  0.0.0.0/0            10.96.33.33          /* lab/echo:http cluster IP */ tcp dpt:80',
      'KUBE-NODEPORTS  0    --  0.0.0.0/0            0.0.0.0/0            /* kubernetes service nodeports; NOTE: this must be the last rule in this chain */ ADDRTYPE match dst-type LOCAL',
      '',
    ].join('\n'));
  });

  it('KUBE-POSTROUTING -n -v: counters, interfaces, MARK and MASQUERADE options', () => {
    expect(renderIptablesList(nat, { chain: 'KUBE-POSTROUTING', numeric: true, verbose: true })).toBe([
      'Chain KUBE-POSTROUTING (1 references)',
      ' pkts bytes target     prot opt in     out     source               destination         ',
      '    0     0 RETURN     0    --  *      *       0.0.0.0/0            0.0.0.0/0            mark match ! 0x4000/0x4000',
      '    0     0 MARK       0    --  *      *       0.0.0.0/0            0.0.0.0/0            MARK xor 0x4000',
      '    0     0 MASQUERADE  0    --  *      *       0.0.0.0/0            0.0.0.0/0            /* kubernetes service traffic requiring SNAT */ random-fully',
      '',
    ].join('\n'));
  });

  it('a SVC chain: negated source, statistic; a SEP chain: DNAT', () => {
    const svc = renderIptablesList(nat, { chain: 'KUBE-SVC-CTXSUZTRPKJRMWYN', numeric: true })!.split('\n');
    expect(svc[0]).toBe('Chain KUBE-SVC-CTXSUZTRPKJRMWYN (2 references)');
    expect(svc[2]).toBe('KUBE-MARK-MASQ  6    -- !10.244.0.0/16        10.96.33.33          /* lab/echo:http cluster IP */ tcp dpt:80');
    expect(svc[3]).toBe('KUBE-SEP-Q7BFCK3Z4FSZJVV5  0    --  0.0.0.0/0            0.0.0.0/0            /* lab/echo:http -> 10.244.0.70:8080 */ statistic mode random probability 0.33333333349');
    const sep = renderIptablesList(nat, { chain: 'KUBE-SEP-Q7BFCK3Z4FSZJVV5', numeric: true })!.split('\n');
    expect(sep.slice(2, 4)).toEqual([
      'KUBE-MARK-MASQ  0    --  10.244.0.70          0.0.0.0/0            /* lab/echo:http */',
      'DNAT       6    --  0.0.0.0/0            0.0.0.0/0            /* lab/echo:http */ tcp to:10.244.0.70:8080',
    ]);
  });

  it('built-in chains show the policy; without -n addresses print as anywhere; chains are separated by a blank line', () => {
    const text = renderIptablesList(nat, { verbose: true, numeric: true })!;
    expect(text.startsWith('Chain PREROUTING (policy ACCEPT 0 packets, 0 bytes)\n')).toBe(true);
    expect(text).toContain('\n\nChain INPUT (policy ACCEPT 0 packets, 0 bytes)\n');
    expect(renderIptablesList(nat, { chain: 'OUTPUT' })).toBe([
      'Chain OUTPUT (policy ACCEPT)',
      'target     prot opt source               destination         ',
      'KUBE-SERVICES  all  --  anywhere             anywhere             /* kubernetes service portals */',
      '',
    ].join('\n'));
  });

  it('an unknown chain gives null (the command prints "No chain/target/match by that name.")', () => {
    expect(renderIptablesList(nat, { chain: 'NOPE' })).toBeNull();
  });
});

describe('iptables -t nat -S', () => {
  it('prints -P/-N lines, then the rules in save form', () => {
    expect(renderIptablesRules(nat, 'KUBE-MARK-MASQ')).toBe('-N KUBE-MARK-MASQ\n-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000\n');
    expect(renderIptablesRules(nat, 'POSTROUTING')).toBe('-P POSTROUTING ACCEPT\n-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING\n');
  });
});
