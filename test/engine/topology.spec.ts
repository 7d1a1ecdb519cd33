/**
 * Cluster topology from kind `Cluster`, kubeadm `ClusterConfiguration`,
 * `KubeProxyConfiguration`, `KubeletConfiguration` and `Node` documents. Expected values
 * follow kind's and kubeadm's rules: node names from kind's `MakeNodeNamer`
 * (pkg/cluster/internal/providers/common/namer.go), /24 per node in registration order
 * (kubeadm `calcNodeCidrSize`), kubernetes at the service range's 1st address and kube-dns
 * at its 10th (kubeadm `GetAPIServerVirtualIP`, `GetDNSIP`), kind removing the
 * control-plane taint on a single-node cluster (kubeadminit action).
 */
import { podsOf, run, service } from './support/scenario';

const kindCluster = (body: string) => `kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n${body}`;
const pod = (name: string, extra = '') => `---\n{apiVersion: v1, kind: Pod, metadata: {name: ${name}, labels: {app: ${name}}}, spec: {${extra}containers: [{name: c, image: nginx}]}}\n`;
const nodeSummary = (r: ReturnType<typeof run>) => r.cluster.nodes.map((n) => `${n.name} ${n.internalIP} ${n.podCIDR} ${n.roles.join(',') || '<none>'} ${n.taints.join(',') || '-'}`);

describe('kind Cluster', () => {
  it('names workers kind-worker, kind-worker2, kind-worker3 and gives /24s in registration order', () => {
    const r = run(kindCluster('nodes:\n- role: control-plane\n- role: worker\n- role: worker\n- role: worker\n'));
    expect(nodeSummary(r)).toEqual([
      'kind-control-plane 172.18.0.2 10.244.0.0/24 control-plane node-role.kubernetes.io/control-plane:NoSchedule',
      'kind-worker 172.18.0.3 10.244.1.0/24 <none> -',
      'kind-worker2 172.18.0.4 10.244.2.0/24 <none> -',
      'kind-worker3 172.18.0.5 10.244.3.0/24 <none> -',
    ]);
    // DaemonSet Pods follow the nodes.
    expect(r.pods.filter((p) => p.ownerName === 'kube-proxy').map((p) => p.nodeName).sort()).toEqual(['kind-control-plane', 'kind-worker', 'kind-worker2', 'kind-worker3']);
    expect(r.pods.filter((p) => p.ownerName === 'kindnet')).toHaveLength(4);
    expect(r.diagnostics).toEqual([]);
  });

  it('uses the cluster name in node names and numbers control planes too; control planes register first', () => {
    const r = run(kindCluster('name: dev\nnodes:\n- role: worker\n- role: control-plane\n- role: control-plane\n- role: control-plane\n'));
    expect(r.cluster.name).toBe('dev');
    expect(r.cluster.nodes.map((n) => `${n.name} ${n.podCIDR}`)).toEqual(['dev-control-plane 10.244.0.0/24', 'dev-control-plane2 10.244.1.0/24', 'dev-control-plane3 10.244.2.0/24', 'dev-worker 10.244.3.0/24']);
    // One static Pod of each component per control plane; the API server answers on each.
    expect(r.pods.filter((p) => p.name.startsWith('kube-apiserver-')).map((p) => p.name)).toEqual(['kube-apiserver-dev-control-plane', 'kube-apiserver-dev-control-plane2', 'kube-apiserver-dev-control-plane3']);
    expect(service(r, 'default', 'kubernetes').endpoints.map((e) => `${e.ip}:${e.port}`)).toEqual(['172.18.0.2:6443', '172.18.0.3:6443', '172.18.0.4:6443']);
  });

  it('creates one untainted control plane when nodes is absent, where Pods then run', () => {
    const r = run(kindCluster('name: solo\n') + pod('a'));
    expect(nodeSummary(r)).toEqual(['solo-control-plane 172.18.0.2 10.244.0.0/24 control-plane -']);
    expect(podsOf(r)[0]).toMatchObject({ nodeName: 'solo-control-plane', ip: '10.244.0.5', phase: 'Running' });
  });

  it('puts nodes[].labels on the node, where nodeSelector finds them', () => {
    const r = run(kindCluster('nodes:\n- role: control-plane\n- role: worker\n- role: worker\n  labels: {disk: ssd}\n') + pod('a', 'nodeSelector: {disk: ssd}, '));
    expect(r.cluster.nodes.find((n) => n.name === 'kind-worker2')!.labels).toMatchObject({ disk: 'ssd', 'kubernetes.io/hostname': 'kind-worker2' });
    expect(podsOf(r)[0].nodeName).toBe('kind-worker2');
  });

  it('derives subnets, kubernetes and kube-dns addresses from networking', () => {
    const r = run(kindCluster('networking:\n  podSubnet: 10.10.0.0/16\n  serviceSubnet: 10.200.0.0/16\n'));
    expect(r.cluster).toMatchObject({ podCIDR: '10.10.0.0/16', serviceCIDR: '10.200.0.0/16', clusterDNS: '10.200.0.10' });
    expect(service(r, 'default', 'kubernetes').clusterIP).toBe('10.200.0.1');
    expect(service(r, 'kube-system', 'kube-dns').clusterIP).toBe('10.200.0.10');
    expect(r.pods.filter((p) => p.labels['k8s-app'] === 'kube-dns').map((p) => p.ip).sort()).toEqual(['10.10.0.2', '10.10.0.3']);
  });

  it.each([
    ['ipvs', 'ipvs', 3],
    ['nftables', 'nftables', 3],
    ['none', 'none', 0],
  ])('kubeProxyMode %s', (mode, expected, kubeProxyPods) => {
    const r = run(kindCluster(`nodes: [{role: control-plane}, {role: worker}, {role: worker}]\nnetworking: {kubeProxyMode: ${mode}}\n`));
    expect(r.cluster.kubeProxyMode).toBe(expected);
    expect(r.pods.filter((p) => p.ownerName === 'kube-proxy')).toHaveLength(kubeProxyPods);
  });

  it('defaults to iptables and kindnet', () => {
    expect(run('').cluster).toMatchObject({ kubeProxyMode: 'iptables', cni: 'kindnet', clusterDNS: '10.96.0.10' });
  });

  it('disableDefaultCNI: nodes NotReady, no kindnet, Pod-network Pods Pending, hostNetwork ones running', () => {
    const r = run(kindCluster('nodes: [{role: control-plane}, {role: worker}]\nnetworking:\n  disableDefaultCNI: true\n') + pod('a'));
    expect(r.cluster.cni).toBe('none');
    expect(r.cluster.nodes.every((n) => !n.ready && n.notReadyMessage!.includes('cni plugin not initialized'))).toBe(true);
    expect(r.pods.filter((p) => p.ownerName === 'kindnet')).toEqual([]);
    expect(r.pods.filter((p) => p.labels['k8s-app'] === 'kube-dns').every((p) => p.phase === 'Pending' && p.ip === null)).toBe(true);
    expect(r.pods.filter((p) => p.ownerName === 'kube-proxy').every((p) => p.phase === 'Running' && p.ready)).toBe(true);
    expect(podsOf(r)[0]).toMatchObject({ phase: 'Pending', nodeName: null });
    expect(r.diagnostics.find((d) => d.path === 'networking.disableDefaultCNI')).toMatchObject({ severity: 'warning', object: 'Cluster' });
    expect(r.diagnostics.find((d) => d.object === 'Pod default/a')!.message).toContain('untolerated taint {node.kubernetes.io/not-ready: }');
  });

  it('a Pod pinned to a node without a CNI is ContainerCreating', () => {
    const r = run(kindCluster('networking: {disableDefaultCNI: true}\n') + pod('a', 'nodeName: kind-control-plane, '));
    expect(podsOf(r)[0]).toMatchObject({ nodeName: 'kind-control-plane', phase: 'Pending', reason: 'ContainerCreating', ip: null });
  });

  it('refuses ipFamily ipv6 with an error and goes on as IPv4', () => {
    const r = run(kindCluster('networking:\n  ipFamily: ipv6\n'));
    expect(r.diagnostics).toEqual([expect.objectContaining({ severity: 'error', path: 'networking.ipFamily', line: 4 })]);
    expect(r.cluster.podCIDR).toBe('10.244.0.0/16');
  });

  it('refuses a serviceSubnet larger than /12 (kube-apiserver) and uses the default', () => {
    const r = run(kindCluster('networking:\n  serviceSubnet: 10.0.0.0/8\n'));
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', path: 'networking.serviceSubnet' });
    expect(r.cluster.serviceCIDR).toBe('10.96.0.0/16');
  });

  it('refuses an unknown node role', () => {
    const r = run(kindCluster('nodes:\n- role: master\n'));
    expect(r.diagnostics.find((d) => d.severity === 'error')).toMatchObject({ path: 'nodes[0].role', message: 'nodes[0].role: Unsupported value: "master": supported values: "control-plane", "worker"' });
    // kind refuses the whole config; the simulator says so and goes on with kind's default cluster.
    expect(r.diagnostics.find((d) => d.severity === 'info')!.message).toContain('kind create cluster would stop on this config');
    expect(r.cluster.nodes).toHaveLength(3);
  });
});

describe('kubeadmConfigPatches', () => {
  it('reads ClusterConfiguration, KubeletConfiguration and KubeProxyConfiguration patches', () => {
    const r = run(
      kindCluster(`kubeadmConfigPatches:
- |
  kind: ClusterConfiguration
  networking:
    dnsDomain: corp.local
    serviceSubnet: 10.100.0.0/16
- |
  apiVersion: kubelet.config.k8s.io/v1beta1
  kind: KubeletConfiguration
  clusterDomain: corp.local
  maxPods: 20
- |
  kind: KubeProxyConfiguration
  mode: ipvs
`),
    );
    expect(r.cluster).toMatchObject({ clusterDomain: 'corp.local', serviceCIDR: '10.100.0.0/16', kubeProxyMode: 'ipvs', clusterDNS: '10.100.0.10' });
    expect(r.cluster.nodes[0].allocatable.pods).toBe('20');
    expect(r.diagnostics).toEqual([]);
  });

  it('lets a patch win over networking, with a conflict warning at the losing value', () => {
    const r = run(kindCluster('networking:\n  podSubnet: 10.244.0.0/16\nkubeadmConfigPatches:\n- |\n  kind: ClusterConfiguration\n  networking:\n    podSubnet: 10.50.0.0/16\n'));
    expect(r.cluster.podCIDR).toBe('10.50.0.0/16');
    expect(r.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', path: 'networking.podSubnet', line: 4, message: expect.stringContaining('conflicting pod subnet') })]);
  });

  it('applies InitConfiguration node-labels to the first control plane and JoinConfiguration to the others', () => {
    const r = run(
      kindCluster(`nodes:
- role: control-plane
  kubeadmConfigPatches:
  - |
    kind: InitConfiguration
    nodeRegistration:
      kubeletExtraArgs:
        node-labels: "ingress-ready=true"
- role: worker
  kubeadmConfigPatches:
  - |
    kind: JoinConfiguration
    nodeRegistration:
      kubeletExtraArgs:
        node-labels: "tier=edge,zone=a"
`),
    );
    expect(r.cluster.nodes[0].labels['ingress-ready']).toBe('true');
    expect(r.cluster.nodes[1].labels).toMatchObject({ tier: 'edge', zone: 'a' });
    expect(r.diagnostics).toEqual([]);
  });

  it('warns that an InitConfiguration patch on a worker does nothing (kubeadm join reads JoinConfiguration)', () => {
    const r = run(kindCluster('nodes:\n- role: control-plane\n- role: worker\n  kubeadmConfigPatches:\n  - |\n    kind: InitConfiguration\n    nodeRegistration:\n      kubeletExtraArgs:\n        node-labels: "ingress-ready=true"\n'));
    expect(r.cluster.nodes[1].labels['ingress-ready']).toBeUndefined();
    expect(r.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringContaining('has no effect'), hint: 'write kind: JoinConfiguration in this patch' })]);
  });

  it('reports a patch that is not YAML', () => {
    const r = run(kindCluster('kubeadmConfigPatches:\n- "kind: [ClusterConfiguration"\n'));
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', path: 'kubeadmConfigPatches[0]' });
  });
});

describe('component configuration documents', () => {
  it.each(['kubeadm.k8s.io/v1beta3', 'kubeadm.k8s.io/v1beta4'])('reads ClusterConfiguration %s', (apiVersion) => {
    const r = run(`apiVersion: ${apiVersion}\nkind: ClusterConfiguration\nnetworking:\n  podSubnet: 192.168.0.0/16\n  serviceSubnet: 10.200.0.0/16\n  dnsDomain: example.internal\n`);
    expect(r.cluster).toMatchObject({ podCIDR: '192.168.0.0/16', serviceCIDR: '10.200.0.0/16', clusterDomain: 'example.internal' });
    expect(service(r, 'default', 'kubernetes').clusterIP).toBe('10.200.0.1');
    expect(service(r, 'kube-system', 'kube-dns').clusterIP).toBe('10.200.0.10');
    expect(r.cluster.nodes.map((n) => n.podCIDR)).toEqual(['192.168.0.0/24', '192.168.1.0/24', '192.168.2.0/24']);
  });

  it('reads KubeProxyConfiguration mode and warns about a clusterCIDR other than the pod subnet', () => {
    const r = run('apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: nftables\nclusterCIDR: 10.0.0.0/16\n');
    expect(r.cluster.kubeProxyMode).toBe('nftables');
    expect(r.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', path: 'clusterCIDR', line: 4, object: 'KubeProxyConfiguration' })]);
  });

  it('reads KubeletConfiguration and warns when clusterDNS is not kube-dns', () => {
    const r = run('apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nclusterDNS: [10.96.0.53]\nmaxPods: 3\n');
    expect(r.cluster.clusterDNS).toBe('10.96.0.53');
    expect(r.cluster.nodes.every((n) => n.allocatable.pods === '3')).toBe(true);
    expect(r.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', path: 'clusterDNS', message: expect.stringContaining('kube-dns is at 10.96.0.10') })]);
  });

  it('reports kind networking and a standalone ClusterConfiguration that disagree, and uses kubeadm\'s', () => {
    const r = run(kindCluster('networking:\n  serviceSubnet: 10.96.0.0/16\n') + '---\napiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nnetworking:\n  serviceSubnet: 10.201.0.0/16\n');
    expect(r.cluster.serviceCIDR).toBe('10.201.0.0/16');
    expect(r.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', path: 'networking.serviceSubnet', line: 4, message: expect.stringContaining('conflicting service subnet') })]);
  });

  it('rejects a component config at an apiVersion kubeadm does not serve', () => {
    const r = run('apiVersion: kubeadm.k8s.io/v1beta2\nkind: ClusterConfiguration\n');
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', path: 'apiVersion', hint: 'ClusterConfiguration is served as apiVersion kubeadm.k8s.io/v1beta4' });
  });
});

describe('Node documents', () => {
  const node = (name: string, ip: string, cidr: string, extra = '') => `---
apiVersion: v1
kind: Node
metadata:
  name: ${name}
  labels: {kubernetes.io/hostname: ${name}${extra.includes('control') ? ', node-role.kubernetes.io/control-plane: ""' : ''}}
spec:
  podCIDR: ${cidr}
${extra.includes('cordon') ? '  unschedulable: true\n' : ''}${extra.includes('control') ? '  taints: [{key: node-role.kubernetes.io/control-plane, effect: NoSchedule}]\n' : ''}status:
  addresses: [{type: InternalIP, address: ${ip}}]
  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}
  conditions: [{type: Ready, status: "${extra.includes('down') ? 'False' : 'True'}"}]
`;

  it('describe the whole node list when no kind Cluster is given', () => {
    const r = run(node('cp', '10.0.0.10', '10.244.0.0/24', 'control') + node('w1', '10.0.0.11', '10.244.7.0/24') + node('w2', '10.0.0.12', '10.244.9.0/24', 'down'));
    expect(nodeSummary(r)).toEqual(['cp 10.0.0.10 10.244.0.0/24 control-plane node-role.kubernetes.io/control-plane:NoSchedule', 'w1 10.0.0.11 10.244.7.0/24 <none> -', 'w2 10.0.0.12 10.244.9.0/24 <none> -']);
    expect(r.cluster.nodes.map((n) => [n.name, n.ready, n.allocatable.cpu])).toEqual([
      ['cp', true, '4'],
      ['w1', true, '4'],
      ['w2', false, '4'],
    ]);
    expect(r.pods.find((p) => p.name === 'kube-apiserver-cp')).toBeDefined();
  });

  it('refine the kind node of the same name and keep the rest', () => {
    const r = run(kindCluster('nodes: [{role: control-plane}, {role: worker}]\n') + node('kind-worker', '172.18.0.9', '10.244.5.0/24', 'cordon'));
    expect(nodeSummary(r)).toEqual(['kind-control-plane 172.18.0.2 10.244.0.0/24 control-plane node-role.kubernetes.io/control-plane:NoSchedule', 'kind-worker 172.18.0.9 10.244.5.0/24 <none> -']);
    expect(r.cluster.nodes[1].unschedulable).toBe(true);
  });

  it('keep Pods off cordoned and NotReady nodes, in the scheduler\'s words', () => {
    const r = run(node('w1', '10.0.0.11', '10.244.1.0/24', 'cordon') + node('w2', '10.0.0.12', '10.244.2.0/24', 'down') + pod('a'));
    expect(podsOf(r)[0].phase).toBe('Pending');
    expect(r.diagnostics.find((d) => d.object === 'Pod default/a')!.message).toBe(
      'Pod a is Pending: 0/2 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }, 1 node(s) were unschedulable. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
    );
  });

  it('mark Pods on a node whose kubelet stopped posting as not ready', () => {
    const r = run(node('w1', '10.0.0.11', '10.244.1.0/24', 'down') + pod('a', 'nodeName: w1, '));
    expect(podsOf(r)[0]).toMatchObject({ nodeName: 'w1', ip: '10.244.1.2', ready: false });
  });
});

describe('a Pod pinned to a node no document declares', () => {
  it('brings the node in, at the Pod\'s hostIP, with an info', () => {
    const r = run('{apiVersion: v1, kind: Pod, metadata: {name: a}, spec: {nodeName: edge-1, containers: [{name: c, image: nginx}]}, status: {hostIP: 192.168.50.7}}\n');
    expect(r.cluster.nodes.find((n) => n.name === 'edge-1')).toMatchObject({ internalIP: '192.168.50.7', podCIDR: '10.244.3.0/24', roles: [], ready: true });
    expect(podsOf(r)[0]).toMatchObject({ nodeName: 'edge-1', ip: '10.244.3.2', phase: 'Running' });
    expect(r.diagnostics).toEqual([expect.objectContaining({ severity: 'info', path: 'spec.nodeName', object: 'Pod default/a', message: expect.stringContaining('edge-1') })]);
    expect(r.pods.filter((p) => p.nodeName === 'edge-1' && p.ownerKind === 'DaemonSet')).toHaveLength(2);
  });
});

describe('node fields for kubectl get nodes -o wide', () => {
  it('reports what a kind v1.33.1 node reports', () => {
    const n = run('').cluster.nodes[1];
    expect(n).toMatchObject({ kubeletVersion: 'v1.33.1', containerRuntime: 'containerd://2.1.1', osImage: 'Debian GNU/Linux 12 (bookworm)', ready: true, unschedulable: false });
    expect(n.labels).toEqual({ 'beta.kubernetes.io/arch': 'amd64', 'beta.kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', 'kubernetes.io/hostname': 'kind-worker', 'kubernetes.io/os': 'linux' });
    expect(n.allocatable.pods).toBe('110');
  });
});
