/**
 * The shared veth-pair helpers. Expected values: vishvananda/netlink `AddrAdd` fills in an
 * IPv4 broadcast (the subnet's last address) only for prefixes shorter than /31 (addr_linux.go),
 * which is what the CNI plugins call; a Pod's eth0 sees the node's namespace as nsid 0.
 */
import { hostVeth, inetAddress, podEth0 } from '../../../src/engine/datapath/veth';

describe('veth pair helpers', () => {
  it('gives an address a broadcast only below /31', () => {
    expect(inetAddress('10.244.1.7', 24)).toEqual({ family: 'inet', address: '10.244.1.7', prefixLength: 24, broadcast: '10.244.1.255', scope: 'global' });
    expect(inetAddress('10.244.1.7', 31)).not.toHaveProperty('broadcast');
    expect(inetAddress('192.168.104.131', 32)).not.toHaveProperty('broadcast');
  });

  it('builds the Pod end with link-netnsid 0 and its EUI-64 link-local address', () => {
    const eth0 = podEth0({ index: 3, peerIndex: 6, mac: '86:a9:2a:c1:7d:9d', mtu: 1450, ip: '192.168.104.131', prefix: 32 });
    expect(eth0).toMatchObject({ name: 'eth0', index: 3, peerIndex: 6, kind: 'veth', linkNetnsId: 0, state: 'UP' });
    expect(eth0.addresses.map((a) => `${a.address}/${a.prefixLength}`)).toEqual(['192.168.104.131/32', 'fe80::84a9:2aff:fec1:7d9d/64']);
  });

  it('makes the host end a bridge port only when given a master', () => {
    const link = { index: 5, name: 'veth1234abcd', peerIndex: 2, mac: '02:00:00:00:00:01', mtu: 1450, netns: 'cni-x', addresses: [] };
    expect(hostVeth(link)).not.toHaveProperty('master');
    expect(hostVeth({ ...link, master: 'cni0' })).toMatchObject({ master: 'cni0', linkNetns: 'cni-x' });
  });
});
