/**
 * kube-proxy chain names. Expected values: upstream pkg/proxy/iptables/proxier_test.go
 * (TestOverallIPTablesRules) and the real-node names collected in reference/kube-proxy.md §1.2.
 */
import { endpointChainName, servicePortChainSuffix, servicePortName } from '../../../src/engine/proxy/chain-names';

describe('service-port chain suffix (SVC/SVL/EXT/FW)', () => {
  it.each([
    ['ns1/svc1:p80', 'tcp', 'XPGD46QRK7WJZT7O'],
    ['ns2/svc2:p80', 'tcp', 'GNZBNJ2PO5MGZ6GT'],
    ['ns5/svc5:p80', 'tcp', 'NUKIZ6OKUXPJNT4C'],
    ['default/kubernetes:https', 'tcp', 'NPX46M4PTMTKRN6Y'],
    ['kube-system/kube-dns:dns', 'udp', 'TCOU7JCQXEZGVUNU'],
    ['kube-system/kube-dns:dns-tcp', 'tcp', 'ERIFXISQEP7F7OF4'],
    ['kube-system/kube-dns:metrics', 'tcp', 'JD5MR3NA4I4DYORP'],
    ['default/nginx', 'tcp', '2CMXP7HKUVJN7L6M'],
    ['default/hostnames:http', 'tcp', 'AC2ON6IKLZPGXVMV'],
    ['default/webapp-nodeport', 'TCP', 'HH54PX2LENPCJ4PN'],
  ])('%s %s → %s', (spn, proto, suffix) => {
    expect(servicePortChainSuffix(spn, proto)).toBe(suffix);
  });
});

describe('endpoint chain (KUBE-SEP)', () => {
  it.each([
    ['ns1/svc1:p80', '10.180.0.1', 80, 'KUBE-SEP-SXIVWICOYRO3J4NJ'],
    ['ns5/svc5:p80', '10.180.0.3', 80, 'KUBE-SEP-I77PXRDZVX7PMWMN'],
    // Same IP:port behind another Service: another chain.
    ['ns3/svc3:p80', '10.180.0.3', 80, 'KUBE-SEP-OYPFS5VJICHGATKP'],
    ['ns4/svc4:p80', '10.180.0.4', 80, 'KUBE-SEP-UKSFD7AGPMPPLUHC'],
    ['default/nginx', '10.244.0.20', 80, 'KUBE-SEP-BRZDTZFF2SFWJV4H'],
    ['default/nginx', '10.244.1.5', 80, 'KUBE-SEP-IZW656N5ZXYN5BEC'],
  ])('%s %s:%d → %s', (spn, ip, port, chain) => {
    expect(endpointChainName(spn, 'tcp', ip, port)).toBe(chain);
  });
});

describe('service-port name', () => {
  it('has no trailing colon for an unnamed port (v1.19+)', () => {
    expect(servicePortName('default', 'nginx', '')).toBe('default/nginx');
    expect(servicePortName('ns1', 'svc1', 'p80')).toBe('ns1/svc1:p80');
  });
});
