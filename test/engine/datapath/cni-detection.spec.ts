/**
 * How a scenario installs a CNI on kind (kind docs: `networking.disableDefaultCNI: true`, then
 * the CNI's manifests) and which settings are read. Expected defaults follow each project:
 * - flannel (flannel-io/flannel Documentation/kube-flannel.yml, pkg/backend/vxlan): Network
 *   from net-conf.json, vxlan VNI 1, port 8472 (kernel default for Port 0), MTU 1500-50;
 *   no Backend at all means "udp" (pkg/subnet/config.go ParseBackendType);
 * - calico (docs "Configuring calico/node": CALICO_IPV4POOL_CIDR 192.168.0.0/16, BLOCK_SIZE
 *   26, IPIP/VXLAN Never by default; calico.yaml sets IPIP Always): IPIP MTU 1480; an IPPool
 *   object wins over the env (calico-node only creates the default pool when none exists);
 *   both encapsulations at once are refused;
 * - cilium (helm values / cilium-config): routing-mode tunnel, tunnel-protocol vxlan on 8472,
 *   ipam cluster-pool 10.0.0.0/8 with /24 per node; native routing needs
 *   ipv4-native-routing-cidr;
 * - containerd loads the first conflist of /etc/cni/net.d by name: 05-cilium, 10-calico,
 *   10-flannel, 10-kindnet.
 */
import { simulate } from '../../../src/engine';
import { caseFile, withCni } from './support';

const errors = (r: ReturnType<typeof simulate>) => r.diagnostics.filter((d) => d.severity !== 'info');

describe('CNI detection', () => {
  it('keeps kindnet as the default and adds nothing to its result', () => {
    const r = simulate([{ name: 'pods.yaml', content: caseFile('pods.yaml') }]);
    expect(r.cluster.cni).toBe('kindnet');
    expect(r.cluster.cniSettings).toBeUndefined();
    expect(r.cluster.nodes.every((n) => n.cni === undefined)).toBe(true);
  });

  it('reads flannel from kube-flannel.yml: the official kinds load, nodes become Ready, vxlan defaults', () => {
    const r = withCni('flannel');
    expect(errors(r)).toEqual([]);
    expect(r.cluster.cni).toBe('flannel');
    expect(r.cluster.cniSettings).toEqual({ backend: 'vxlan', mtu: 1450, ipam: 'host-local', podNetwork: '10.244.0.0/16', nodeMaskSize: 24, tunnel: { device: 'flannel.1', vni: 1, port: 8472 } });
    expect(r.cluster.nodes.map((n) => n.ready)).toEqual([true, true, true]);
    // The DaemonSet runs one hostNetwork Pod per node.
    expect(r.pods.filter((p) => p.namespace === 'kube-flannel').map((p) => p.ip).sort()).toEqual(['172.18.0.2', '172.18.0.3', '172.18.0.4']);
    // host-local over spec.podCIDR, as with kindnet.
    expect(r.pods.find((p) => p.name === 'client')?.ip).toMatch(/^10\.244\.2\.\d+$/);
  });

  it("keeps Pods ContainerCreating on kind nodes without the bridge plugin flannel delegates to (kind#1340, flannel#1847)", () => {
    const r = simulate([
      { name: 'kind.yaml', content: caseFile('kind-no-cni.yaml') },
      { name: 'flannel.yaml', content: caseFile('flannel.yaml') },
      { name: 'pods.yaml', content: caseFile('pods.yaml') },
    ]);
    expect(r.cluster.cni).toBe('flannel');
    const web = r.pods.find((p) => p.name === 'web');
    expect(web).toMatchObject({ ip: null, phase: 'Pending', reason: 'ContainerCreating' });
    expect(r.pods.filter((p) => p.namespace === 'kube-flannel').every((p) => p.phase === 'Running')).toBe(true);
    const warning = r.diagnostics.find((d) => d.file === 'kind.yaml');
    expect(warning).toMatchObject({ severity: 'warning', path: 'nodes[0]' });
    expect(warning?.message).toContain('failed to find plugin "bridge" in path [/opt/cni/bin]');
    // kind's default cluster (no Cluster document) lacks the plugin too: the warning is at the DaemonSet.
    const noCluster = simulate([{ name: 'flannel.yaml', content: caseFile('flannel.yaml') }]);
    expect(noCluster.diagnostics.find((d) => d.message.startsWith('flannel\'s CNI plugin delegates to the "bridge" plugin'))?.object).toBe('DaemonSet kube-flannel/kube-flannel-ds');
    expect(r.diagnostics.find((d) => d.object === 'Pod default/web')?.message).toBe(
      'Pod web is stuck in ContainerCreating: Failed to create pod sandbox: failed to setup network for sandbox: plugin type="flannel" failed (add): failed to delegate add: failed to find plugin "bridge" in path [/opt/cni/bin]',
    );
  });

  it('reads flannel backends: host-gw, VNI/Port, and the udp default when Backend is absent', () => {
    const hostGw = withCni('flannel', (t) => t.replace('"Type": "vxlan"', '"Type": "host-gw"'));
    expect(hostGw.cluster.cniSettings).toMatchObject({ backend: 'host-gw', mtu: 1500 });
    expect(hostGw.cluster.cniSettings?.tunnel).toBeUndefined();
    const vni = withCni('flannel', (t) => t.replace('"Type": "vxlan"', '"Type": "vxlan", "VNI": 4, "Port": 4789'));
    expect(vni.cluster.cniSettings?.tunnel).toEqual({ device: 'flannel.4', vni: 4, port: 4789 });
    const udp = withCni('flannel', (t) => t.replace(/"Backend": \{\s*"Type": "vxlan"\s*\}/, '"Backend2": {}'));
    expect(errors(udp).map((d) => d.message)).toEqual([expect.stringContaining('flannel backend "udp" (flannel\'s default when Backend is absent) is not simulated')]);
  });

  it('locates broken flannel configuration', () => {
    const bad = withCni('flannel', (t) => t.replace('"Network": "10.244.0.0/16",', '"Network": "10.244.0.0/16"'));
    const d = errors(bad);
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: 'error', file: 'flannel.yaml', path: 'data[net-conf.json]', object: 'ConfigMap kube-flannel/kube-flannel-cfg' });
    expect(d[0].message).toContain('net-conf.json is not a JSON object');
    const other = withCni('flannel', (t) => t.replace('"Network": "10.244.0.0/16"', '"Network": "10.96.0.0/12"'));
    expect(errors(other)[0].message).toContain("net-conf.json Network is 10.96.0.0/12, but the cluster's pod subnet is 10.244.0.0/16");
    const missing = withCni('flannel', (t) => t.replace('name: kube-flannel-cfg', 'name: other-cfg'));
    expect(errors(missing)[0]).toMatchObject({ severity: 'error', object: 'DaemonSet kube-flannel/kube-flannel-ds' });
  });

  it('reads calico from calico.yaml: IPIP Always, 192.168.0.0/16 in /26 blocks, MTU 1480', () => {
    const r = withCni('calico');
    expect(r.cluster.cni).toBe('calico');
    expect(r.cluster.cniSettings).toEqual({ backend: 'ipip', mtu: 1480, ipam: 'calico-ipam', podNetwork: '192.168.0.0/16', nodeMaskSize: 26 });
    // kind's pod subnet is still 10.244.0.0/16: kube-proxy masquerades the Pods (kind's calico guide sets podSubnet).
    expect(errors(r).map((d) => d.path)).toEqual(['spec.template.spec.containers[0].env[6].value']);
  });

  it('refuses a calico block size outside 20..32 (IPPool reference) and uses 26', () => {
    const r = withCni('calico', (t) => t.replace('        - name: CALICO_IPV4POOL_CIDR', '        - name: CALICO_IPV4POOL_BLOCK_SIZE\n          value: "abc"\n        - name: CALICO_IPV4POOL_CIDR'));
    expect(r.cluster.cniSettings?.nodeMaskSize).toBe(26);
    expect(errors(r).find((d) => d.message.startsWith('CALICO_IPV4POOL_BLOCK_SIZE "abc" is not a number'))?.path).toBe('spec.template.spec.containers[0].env[6].value');
    const big = withCni('calico', (t) => t.replace('        - name: CALICO_IPV4POOL_CIDR', '        - name: CALICO_IPV4POOL_BLOCK_SIZE\n          value: "33"\n        - name: CALICO_IPV4POOL_CIDR'));
    expect(errors(big).map((d) => d.message)).toContainEqual("calico's IPv4 block size must be between 20 and 32 (the IPPool reference), not 33; the simulator uses 26");
  });

  it('lets an IPPool override calico-node env, and refuses IPIP and VXLAN together', () => {
    const pool = `---
apiVersion: crd.projectcalico.org/v1
kind: IPPool
metadata: {name: default-ipv4-ippool}
spec: {cidr: 10.244.0.0/16, blockSize: 28, vxlanMode: CrossSubnet, natOutgoing: true}
`;
    const r = withCni('calico', (t) => t, pool);
    expect(r.cluster.cniSettings).toEqual({ backend: 'vxlan', crossSubnet: true, mtu: 1450, ipam: 'calico-ipam', podNetwork: '10.244.0.0/16', nodeMaskSize: 28, tunnel: { device: 'vxlan.calico', vni: 4096, port: 4789 } });
    expect(r.diagnostics.find((d) => d.message.startsWith('CALICO_IPV4POOL_CIDR 192.168.0.0/16 has no effect'))).toBeDefined();
    const both = withCni('calico', (t) => t, pool.replace('vxlanMode: CrossSubnet', 'vxlanMode: Always, ipipMode: Always'));
    expect(errors(both).map((d) => d.message)).toContainEqual(expect.stringContaining('IPIP (Always) and VXLAN (Always) cannot both be enabled'));
    const enumError = withCni('calico', (t) => t, pool.replace('vxlanMode: CrossSubnet', 'vxlanMode: Sometimes'));
    expect(errors(enumError).find((d) => d.object === 'IPPool default-ipv4-ippool')).toMatchObject({ path: 'spec.vxlanMode', message: 'The IPPool "default-ipv4-ippool" is invalid: spec.vxlanMode: Unsupported value: "Sometimes": supported values: "Always", "CrossSubnet", "Never"' });
  });

  it("reads the Tigera operator's Installation", () => {
    const install = `apiVersion: operator.tigera.io/v1
kind: Installation
metadata: {name: default}
spec:
  calicoNetwork:
    ipPools:
    - {name: default-ipv4-ippool, blockSize: 26, cidr: 10.244.0.0/16, encapsulation: VXLANCrossSubnet, natOutgoing: Enabled, nodeSelector: all()}
---
apiVersion: operator.tigera.io/v1
kind: APIServer
metadata: {name: default}
spec: {}
`;
    const r = simulate([
      { name: 'kind.yaml', content: caseFile('kind-no-cni.yaml') },
      { name: 'custom-resources.yaml', content: install },
    ]);
    expect(errors(r)).toEqual([]);
    expect(r.cluster.cni).toBe('calico');
    expect(r.cluster.cniSettings).toMatchObject({ backend: 'vxlan', crossSubnet: true, podNetwork: '10.244.0.0/16' });
  });

  it('reads cilium from cilium-config, ignoring cilium-envoy', () => {
    const r = withCni('cilium');
    expect(r.cluster.cni).toBe('cilium');
    expect(r.cluster.cniSettings).toEqual({ backend: 'vxlan', mtu: 1500, ipam: 'cluster-pool', podNetwork: '10.0.0.0/8', nodeMaskSize: 24, tunnel: { device: 'cilium_vxlan', vni: 0, port: 8472 } });
    // cluster-pool hands each node the next /24 in registration order.
    expect(r.cluster.nodes.map((n) => n.cni?.podCIDRs)).toEqual([['10.0.0.0/24'], ['10.0.1.0/24'], ['10.0.2.0/24']]);
    const native = withCni('cilium', (t) => t.replace('routing-mode: "tunnel"', 'routing-mode: "native"'));
    expect(errors(native).map((d) => d.message)).toContainEqual(expect.stringContaining('routing-mode native needs ipv4-native-routing-cidr'));
    expect(native.cluster.cniSettings).toMatchObject({ backend: 'native', autoDirectNodeRoutes: false });
    const geneve = withCni('cilium', (t) => t.replace('tunnel-protocol: "vxlan"', 'tunnel-protocol: "geneve"'));
    expect(geneve.cluster.cniSettings?.tunnel).toEqual({ device: 'cilium_geneve', vni: 0, port: 6081 });
  });

  it('reports two CNIs and lets the first conflist by name win; warns when kindnet stays installed', () => {
    const r = simulate([
      { name: 'kind.yaml', content: caseFile('kind-no-cni.yaml') },
      { name: 'flannel.yaml', content: caseFile('flannel.yaml') },
      { name: 'cilium.yaml', content: caseFile('cilium.yaml') },
    ]);
    expect(r.cluster.cni).toBe('cilium');
    expect(errors(r).filter((d) => d.severity === 'error').map((d) => [d.object, d.message.slice(0, 60)])).toEqual([['DaemonSet kube-flannel/kube-flannel-ds', 'two CNIs are installed: cilium and flannel; containerd loads']]);
    const kindnetToo = simulate([{ name: 'kind.yaml', content: caseFile('kind-flannel.yaml').replace('disableDefaultCNI: true', 'disableDefaultCNI: false') }, { name: 'flannel.yaml', content: caseFile('flannel.yaml') }]);
    expect(kindnetToo.cluster.cni).toBe('flannel');
    expect(errors(kindnetToo).map((d) => d.message)).toEqual([expect.stringContaining('flannel is installed while kind still installs kindnet')]);
  });
});
