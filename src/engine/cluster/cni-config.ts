/**
 * Which CNI the cluster runs, as a kind cluster gets one: kind installs kindnet unless
 * `networking.disableDefaultCNI: true`; a CNI is installed by applying its manifests. The
 * CNI is recognised by its agent DaemonSet's image (flannel's `flannel/flannel`, calico's
 * `calico/node`, cilium's `cilium/cilium`) or, for the Tigera operator, its `Installation`;
 * the settings that change the datapath are read where each project reads them:
 * - flannel: `net-conf.json` of the `kube-flannel-cfg` ConfigMap (`Network`, `Backend.Type`,
 *   `Backend.VNI`, `Backend.Port`; flannel pkg/subnet/config.go, pkg/backend/vxlan);
 * - calico: `IPPool` objects; else the `Installation`'s `calicoNetwork.ipPools[0]`; else
 *   calico-node's `CALICO_IPV4POOL_CIDR`, `_BLOCK_SIZE`, `_IPIP`, `_VXLAN` env, which
 *   calico-node uses to create the default pool only when no pool exists (defaults:
 *   192.168.0.0/16, /26, IPIP Never, VXLAN Never — calico-node reference; the calico.yaml
 *   manifest sets `CALICO_IPV4POOL_IPIP: Always`);
 * - cilium: the `cilium-config` ConfigMap (`routing-mode` tunnel, `tunnel-protocol` vxlan,
 *   `ipam` cluster-pool, `cluster-pool-ipv4-cidr` 10.0.0.0/8, `cluster-pool-ipv4-mask-size`
 *   24, `ipv4-native-routing-cidr`, `tunnel-port`, `mtu`; cilium's defaults).
 * When two CNIs are installed, containerd loads the first conflist in /etc/cni/net.d by
 * name (05-cilium, 10-calico, 10-flannel, 10-kindnet): that CNI gives Pods their network.
 */
import type { Diagnostic } from '../diagnostic';
import type { ConfigMap, Container, DaemonSet, KindCluster, Origin, Scenario } from '../model';
import { objectsOfKind } from '../model';
import { diagnose } from '../state';
import { formatCidr, parseCidr } from './cidr';
import type { CniName, CniSettings } from './topology';

/** The MTU of a kind node's eth0 (docker's default bridge network). */
export const NODE_MTU = 1500;
/** Bytes each encapsulation adds: outer IPv4 (20) for IPIP; outer IPv4 + UDP + VXLAN/Geneve + inner Ethernet (50). */
export const OVERHEAD = { ipip: 20, vxlan: 50, geneve: 50 };
/** The conflist each CNI writes; containerd (libcni ConfFiles, sorted) uses the first. */
const CONFLIST: Record<Exclude<CniName, 'none'>, string> = { cilium: '05-cilium.conflist', calico: '10-calico.conflist', flannel: '10-flannel.conflist', kindnet: '10-kindnet.conflist' };

interface Detection {
  cni: 'flannel' | 'calico' | 'cilium';
  origin?: Origin;
  path?: string;
  daemonSet?: DaemonSet;
  container?: Container;
  containerIndex?: number;
}

/** The repository path of an image reference, without registry-independent tag or digest. */
function imagePath(image: string): string {
  const noDigest = image.split('@')[0];
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  return colon > slash ? noDigest.slice(0, colon) : noDigest;
}

/** Which CNI agent an image is: `.../flannel` (flannel/flannel, flannel-io/flannel, coreos/flannel), `.../calico/node`, `.../cilium/cilium`. */
export function cniOfImage(image: string): Detection['cni'] | undefined {
  const path = `/${imagePath(image)}`;
  if (path.endsWith('/flannel')) return 'flannel';
  if (path.endsWith('/calico/node')) return 'calico';
  if (path.endsWith('/cilium/cilium')) return 'cilium';
  return undefined;
}

function detect(scenario: Scenario): Detection[] {
  const found: Detection[] = [];
  for (const ds of objectsOfKind(scenario, 'DaemonSet')) {
    ds.template.spec.containers.forEach((c, i) => {
      const cni = c.image ? cniOfImage(c.image) : undefined;
      if (cni) found.push({ cni, origin: ds.origin, path: `spec.template.spec.containers[${i}].image`, daemonSet: ds, container: c, containerIndex: i });
    });
  }
  for (const inst of objectsOfKind(scenario, 'Installation')) found.push({ cni: 'calico', origin: inst.origin });
  return found;
}

/** The CNI the cluster runs and its settings, with diagnostics for contradictions and what is not simulated. */
export function resolveCni(scenario: Scenario, sink: Diagnostic[], kindCluster: KindCluster | undefined, podSubnet: string): { cni: CniName; settings?: CniSettings; agentOrigin?: Origin } {
  const found = detect(scenario);
  const kindnetInstalled = !kindCluster?.disableDefaultCNI;
  if (found.length === 0) {
    if (!kindnetInstalled) return { cni: 'none' };
    return { cni: 'kindnet', settings: { backend: 'routes', mtu: NODE_MTU, ipam: 'host-local', podNetwork: podSubnet, nodeMaskSize: 24 } };
  }
  const kinds = [...new Set(found.map((f) => f.cni))].sort((a, b) => CONFLIST[a].localeCompare(CONFLIST[b]));
  const cni = kinds[0];
  const chosen = found.find((f) => f.cni === cni)!;
  for (const other of kinds.slice(1)) {
    const d = found.find((f) => f.cni === other)!;
    report(sink, 'error', d.origin, d.path, `two CNIs are installed: ${cni} and ${other}; containerd loads the first configuration in /etc/cni/net.d by name (${CONFLIST[cni]} before ${CONFLIST[other]}), so Pods get ${cni}'s network while ${other}'s agent still programs the nodes`, `install one CNI: remove ${other}'s manifests or ${cni}'s`);
  }
  if (kindnetInstalled) {
    const at = kindCluster?.origin ?? chosen.origin;
    report(
      sink,
      'warning',
      at,
      kindCluster ? 'networking.disableDefaultCNI' : chosen.path,
      `${cni} is installed while kind still installs kindnet: containerd uses ${CONFLIST[cni]} (it sorts before ${CONFLIST.kindnet}), but kindnetd keeps adding its routes to other nodes' podCIDRs`,
      "set networking.disableDefaultCNI: true in the kind Cluster, as the CNI's kind guide says",
    );
  }
  const ctx: Ctx = { scenario, sink, podSubnet, chosen };
  const settings = cni === 'flannel' ? flannelSettings(ctx) : cni === 'calico' ? calicoSettings(ctx) : ciliumSettings(ctx);
  return { cni, settings, ...(chosen.origin ? { agentOrigin: chosen.origin } : {}) };
}

interface Ctx {
  scenario: Scenario;
  sink: Diagnostic[];
  podSubnet: string;
  chosen: Detection;
}

/** The ConfigMap `name`, preferably in the agent DaemonSet's namespace. */
function configMap(ctx: Ctx, name: string): ConfigMap | undefined {
  const all = objectsOfKind(ctx.scenario, 'ConfigMap').filter((c) => c.meta.name === name);
  return all.find((c) => c.meta.namespace === ctx.chosen.daemonSet?.meta.namespace) ?? all[0];
}

function envOf(ctx: Ctx, name: string): { value: string; path: string } | undefined {
  const e = ctx.chosen.container?.env?.find((x) => x.name === name);
  return e ? { value: e.value, path: `spec.template.spec.containers[${ctx.chosen.containerIndex}].env[${e.index}].value` } : undefined;
}

/** A pod network that disagrees with the cluster's pod subnet: kube-proxy's clusterCIDR is the pod subnet, so it masquerades these Pods' traffic to Services. */
function checkPodNetwork(ctx: Ctx, network: string, what: string, origin: Origin | undefined, path: string | undefined): void {
  if (network === ctx.podSubnet) return;
  report(
    ctx.sink,
    'warning',
    origin,
    path,
    `${what} is ${network}, but the cluster's pod subnet is ${ctx.podSubnet}: kube-controller-manager hands out node podCIDRs from ${ctx.podSubnet} and kube-proxy (clusterCIDR ${ctx.podSubnet}) masquerades traffic from Pods outside it`,
    `set the kind Cluster's networking.podSubnet to ${network}`,
  );
}

// --- flannel ---

function flannelSettings(ctx: Ctx): CniSettings {
  const cm = configMap(ctx, 'kube-flannel-cfg');
  const fallback: CniSettings = { backend: 'vxlan', mtu: NODE_MTU - OVERHEAD.vxlan, ipam: 'host-local', podNetwork: ctx.podSubnet, nodeMaskSize: 24, tunnel: { device: 'flannel.1', vni: 1, port: 8472 } };
  const text = cm?.data['net-conf.json'];
  if (!cm || text === undefined) {
    report(ctx.sink, 'error', ctx.chosen.origin, undefined, `flanneld reads its network from net-conf.json in the ConfigMap kube-flannel-cfg, which the scenario ${cm ? 'has without that key' : 'does not have'}: flannel fails to start; the simulator continues with Network ${ctx.podSubnet} and the vxlan backend`, 'apply the kube-flannel-cfg ConfigMap of kube-flannel.yml');
    return fallback;
  }
  const at = 'data[net-conf.json]';
  let conf: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    conf = parsed as Record<string, unknown>;
  } catch (e) {
    report(ctx.sink, 'error', cm.origin, at, `net-conf.json is not a JSON object (${(e as Error).message}): flanneld exits with "failed to parse network config"; the simulator continues with Network ${ctx.podSubnet} and vxlan`);
    return fallback;
  }
  let network = ctx.podSubnet;
  const net = typeof conf.Network === 'string' ? parseCidr(conf.Network) : null;
  if (!net) report(ctx.sink, 'error', cm.origin, at, `net-conf.json ${conf.Network === undefined ? 'has no Network' : `Network ${JSON.stringify(conf.Network)} is not an IPv4 CIDR`}: flanneld exits ("please define a correct Network parameter in the flannel config"); the simulator uses ${ctx.podSubnet}`, `write "Network": "${ctx.podSubnet}"`);
  else {
    network = formatCidr(net);
    checkPodNetwork(ctx, network, 'net-conf.json Network', cm.origin, at);
  }
  const backend = typeof conf.Backend === 'object' && conf.Backend !== null ? (conf.Backend as Record<string, unknown>) : undefined;
  // flannel's ParseBackendType: no Backend means "udp".
  const type = backend === undefined ? 'udp' : typeof backend.Type === 'string' ? backend.Type : '';
  if (type === 'host-gw') return { backend: 'host-gw', mtu: NODE_MTU, ipam: 'host-local', podNetwork: network, nodeMaskSize: 24 };
  if (type !== 'vxlan') {
    report(ctx.sink, 'warning', cm.origin, at, `flannel backend ${JSON.stringify(type)}${backend === undefined ? ' (flannel\'s default when Backend is absent)' : ''} is not simulated (vxlan and host-gw are); the simulator uses vxlan`, 'write "Backend": {"Type": "vxlan"} as kube-flannel.yml does');
    return { ...fallback, podNetwork: network };
  }
  const vni = typeof backend?.VNI === 'number' ? backend.VNI : 1;
  // Port 0 leaves the kernel's default, 8472 on Linux (flannel pkg/backend/vxlan).
  const port = typeof backend?.Port === 'number' && backend.Port !== 0 ? backend.Port : 8472;
  return { ...fallback, podNetwork: network, tunnel: { device: `flannel.${vni}`, vni, port } };
}

// --- calico ---

interface PoolSetting {
  cidr: string;
  blockSize: number;
  ipip: string;
  vxlan: string;
  origin?: Origin;
  path?: string;
  source: string;
}

function calicoSettings(ctx: Ctx): CniSettings {
  const pool = calicoPool(ctx);
  const cidr = parseCidr(pool.cidr);
  let network = '192.168.0.0/16';
  let blockSize = pool.blockSize;
  if (!cidr) report(ctx.sink, 'error', pool.origin, pool.path, `${pool.source} ${JSON.stringify(pool.cidr)} is not an IPv4 CIDR; the simulator uses ${network}`);
  else network = formatCidr(cidr);
  if (!Number.isInteger(blockSize) || blockSize < 20 || blockSize > 32) {
    report(ctx.sink, 'error', pool.origin, pool.path, `calico's IPv4 block size must be between 20 and 32 (the IPPool reference), not ${blockSize}; the simulator uses 26`);
    blockSize = 26;
  }
  if (cidr && cidr.prefix > blockSize) {
    report(ctx.sink, 'error', pool.origin, pool.path, `the pool ${network} is smaller than one /${blockSize} block: calico refuses it (the pool's prefix must not be longer than its blockSize); the simulator uses blockSize ${cidr.prefix}`);
    blockSize = cidr.prefix;
  }
  if (pool.ipip !== 'Never' && pool.vxlan !== 'Never') report(ctx.sink, 'error', pool.origin, pool.path, `${pool.source}: IPIP (${pool.ipip}) and VXLAN (${pool.vxlan}) cannot both be enabled on a pool; the simulator uses IPIP`, 'set one of ipipMode / vxlanMode to Never');
  checkPodNetwork(ctx, network, `calico's IP pool (${pool.source})`, pool.origin, pool.path);
  const backend: CniSettings['backend'] = pool.ipip !== 'Never' ? 'ipip' : pool.vxlan !== 'Never' ? 'vxlan' : 'none';
  const crossSubnet = (backend === 'ipip' ? pool.ipip : pool.vxlan) === 'CrossSubnet';
  const mtu = calicoMtu(ctx, backend);
  return {
    backend,
    ...(crossSubnet ? { crossSubnet } : {}),
    mtu,
    ipam: 'calico-ipam',
    podNetwork: network,
    nodeMaskSize: blockSize,
    // Felix's vxlan.calico: VNI 4096, UDP 4789 (FelixConfiguration vxlanVNI / vxlanPort defaults).
    ...(backend === 'vxlan' ? { tunnel: { device: 'vxlan.calico', vni: 4096, port: 4789 } } : {}),
  };
}

/** The pool calico-ipam uses: the first enabled IPPool, else the Installation's, else calico-node's env defaults. */
function calicoPool(ctx: Ctx): PoolSetting {
  const envPool = (): PoolSetting => {
    const cidr = envOf(ctx, 'CALICO_IPV4POOL_CIDR');
    const block = envOf(ctx, 'CALICO_IPV4POOL_BLOCK_SIZE');
    const ipip = envOf(ctx, 'CALICO_IPV4POOL_IPIP');
    const vxlan = envOf(ctx, 'CALICO_IPV4POOL_VXLAN');
    const at = cidr ?? block ?? ipip ?? vxlan;
    const envInt = (e: { value: string; path: string }) => {
      if (/^\d+$/.test(e.value.trim())) return Number(e.value);
      report(ctx.sink, 'error', ctx.chosen.origin, e.path, `CALICO_IPV4POOL_BLOCK_SIZE ${JSON.stringify(e.value)} is not a number: calico-node fails to create its default pool; the simulator uses 26`);
      return 26;
    };
    const mode = (e: { value: string; path: string } | undefined) => {
      if (!e) return 'Never';
      // calico-node accepts these words case-insensitively ("always", "Off" for Never).
      const v = e.value.toLowerCase();
      if (v === 'always') return 'Always';
      if (v === 'crosssubnet' || v === 'cross-subnet') return 'CrossSubnet';
      if (v === 'never' || v === 'off' || v === '') return 'Never';
      report(ctx.sink, 'error', ctx.chosen.origin, e.path, `${JSON.stringify(e.value)} is not an encapsulation mode (Always, CrossSubnet, Never): calico-node fails to start; the simulator uses Never`);
      return 'Never';
    };
    return {
      cidr: cidr?.value ?? '192.168.0.0/16',
      blockSize: block ? envInt(block) : 26,
      ipip: mode(ipip),
      vxlan: mode(vxlan),
      origin: ctx.chosen.origin,
      ...(at ? { path: at.path } : {}),
      source: cidr ? 'calico-node CALICO_IPV4POOL_CIDR' : "calico-node's default pool",
    };
  };
  const pools = objectsOfKind(ctx.scenario, 'IPPool').filter((p) => !p.disabled);
  if (pools.length > 0) {
    const p = pools[0];
    if (pools.length > 1) report(ctx.sink, 'info', pools[1].origin, undefined, `calico-ipam uses several enabled IP pools; the simulator allocates from the first, ${p.meta.name} (${p.cidr})`);
    const env = envOf(ctx, 'CALICO_IPV4POOL_CIDR');
    if (env && env.value !== p.cidr) report(ctx.sink, 'info', ctx.chosen.origin, env.path, `CALICO_IPV4POOL_CIDR ${env.value} has no effect: calico-node creates its default pool only when no IPPool exists, and IPPool ${p.meta.name} does`);
    return { cidr: p.cidr, blockSize: p.blockSize ?? 26, ipip: p.ipipMode ?? 'Never', vxlan: p.vxlanMode ?? 'Never', origin: p.origin, path: 'spec.cidr', source: `IPPool ${p.meta.name} spec.cidr` };
  }
  const inst = objectsOfKind(ctx.scenario, 'Installation')[0];
  if (inst) {
    const p = inst.ipPools.find((x) => !x.disabled);
    // The operator's default pool: 192.168.0.0/16, /26, IPIP (operator api/v1 installation_types.go).
    const enc = p?.encapsulation ?? 'IPIP';
    return {
      cidr: p?.cidr ?? '192.168.0.0/16',
      blockSize: p?.blockSize ?? 26,
      ipip: enc === 'IPIP' ? 'Always' : enc === 'IPIPCrossSubnet' ? 'CrossSubnet' : 'Never',
      vxlan: enc === 'VXLAN' ? 'Always' : enc === 'VXLANCrossSubnet' ? 'CrossSubnet' : 'Never',
      origin: inst.origin,
      ...(p ? { path: `spec.calicoNetwork.ipPools[${p.index}].cidr` } : {}),
      source: `Installation ${inst.meta.name} ${p ? `spec.calicoNetwork.ipPools[${p.index}]` : 'default pool'}`,
    };
  }
  return envPool();
}

/** veth_mtu of calico-config (0: auto-detect), the Installation's mtu, else the node MTU minus the encapsulation's overhead. */
function calicoMtu(ctx: Ctx, backend: CniSettings['backend']): number {
  const auto = NODE_MTU - (backend === 'ipip' ? OVERHEAD.ipip : backend === 'vxlan' ? OVERHEAD.vxlan : 0);
  const inst = objectsOfKind(ctx.scenario, 'Installation')[0];
  if (inst?.mtu) return inst.mtu;
  const cm = configMap(ctx, 'calico-config');
  const v = cm?.data.veth_mtu;
  if (v === undefined || v === '0') return auto;
  const n = Number.parseInt(v, 10);
  if (!Number.isFinite(n) || n < 68 || n > NODE_MTU) {
    report(ctx.sink, 'warning', cm?.origin, 'data[veth_mtu]', `veth_mtu ${JSON.stringify(v)} is not an MTU calico can use on a node whose eth0 has ${NODE_MTU}; the simulator uses ${auto}`);
    return auto;
  }
  return n;
}

// --- cilium ---

function ciliumSettings(ctx: Ctx): CniSettings {
  const cm = configMap(ctx, 'cilium-config');
  const data = cm?.data ?? {};
  const at = (key: string) => `data[${key}]`;
  if (!cm) report(ctx.sink, 'warning', ctx.chosen.origin, undefined, "the cilium agent reads its settings from the ConfigMap cilium-config, which the scenario does not have; the simulator uses cilium's defaults (tunnel mode, vxlan, cluster-pool 10.0.0.0/8)", 'apply the whole output of helm template cilium (or cilium install --dry-run)');
  const legacyTunnel = data.tunnel;
  let mode = data['routing-mode'] ?? (legacyTunnel === 'disabled' ? 'native' : 'tunnel');
  if (mode !== 'tunnel' && mode !== 'native') {
    report(ctx.sink, 'error', cm?.origin, at('routing-mode'), `routing-mode ${JSON.stringify(mode)} is not tunnel or native: the cilium agent fails to start; the simulator uses tunnel`);
    mode = 'tunnel';
  }
  let protocol = data['tunnel-protocol'] ?? (legacyTunnel && legacyTunnel !== 'disabled' ? legacyTunnel : 'vxlan');
  if (protocol !== 'vxlan' && protocol !== 'geneve') {
    report(ctx.sink, 'error', cm?.origin, at('tunnel-protocol'), `tunnel-protocol ${JSON.stringify(protocol)} is not vxlan or geneve; the simulator uses vxlan`);
    protocol = 'vxlan';
  }
  let ipam = data.ipam ?? 'cluster-pool';
  if (ipam !== 'cluster-pool' && ipam !== 'kubernetes') {
    report(ctx.sink, 'warning', cm?.origin, at('ipam'), `cilium IPAM mode ${JSON.stringify(ipam)} is not simulated (cluster-pool and kubernetes are); the simulator uses cluster-pool`);
    ipam = 'cluster-pool';
  }
  let network = ctx.podSubnet;
  let maskSize = 24;
  if (ipam === 'cluster-pool') {
    const text = (data['cluster-pool-ipv4-cidr'] ?? '10.0.0.0/8').split(/[ ,]+/)[0];
    const c = parseCidr(text);
    network = c ? formatCidr(c) : '10.0.0.0/8';
    if (!c) report(ctx.sink, 'error', cm?.origin, at('cluster-pool-ipv4-cidr'), `cluster-pool-ipv4-cidr ${JSON.stringify(text)} is not an IPv4 CIDR; the simulator uses 10.0.0.0/8`);
    const m = data['cluster-pool-ipv4-mask-size'];
    if (m !== undefined) {
      const n = Number.parseInt(m, 10);
      if (!Number.isFinite(n) || n > 30 || (c && n < c.prefix)) report(ctx.sink, 'error', cm?.origin, at('cluster-pool-ipv4-mask-size'), `cluster-pool-ipv4-mask-size ${JSON.stringify(m)} does not fit in ${network}; the simulator uses 24`);
      else maskSize = n;
    }
    if (data['cluster-pool-ipv4-cidr'] !== undefined) checkPodNetwork(ctx, network, 'cilium cluster-pool-ipv4-cidr', cm?.origin, at('cluster-pool-ipv4-cidr'));
  }
  const mtuText = data.mtu;
  const mtu = mtuText && mtuText !== '0' && Number.isFinite(Number(mtuText)) ? Number(mtuText) : NODE_MTU;
  if (mode === 'native') {
    const nativeCidr = data['ipv4-native-routing-cidr'];
    if (!nativeCidr || !parseCidr(nativeCidr))
      report(ctx.sink, 'error', cm?.origin, at('routing-mode'), 'routing-mode native needs ipv4-native-routing-cidr (the range the network routes without masquerading): the cilium agent refuses to start without it', `set ipv4-native-routing-cidr: ${network}`);
    if (data['auto-direct-node-routes'] !== 'true')
      report(ctx.sink, 'warning', cm?.origin, at('routing-mode'), "routing-mode native without auto-direct-node-routes: true: nothing routes other nodes' Pod CIDRs on kind's docker network, so Pods on different nodes cannot reach each other", 'set auto-direct-node-routes: "true"');
    return { backend: 'native', mtu, ipam: ipam as CniSettings['ipam'], podNetwork: network, nodeMaskSize: maskSize, autoDirectNodeRoutes: data['auto-direct-node-routes'] === 'true' };
  }
  const port = data['tunnel-port'] && Number.isFinite(Number(data['tunnel-port'])) && Number(data['tunnel-port']) > 0 ? Number(data['tunnel-port']) : protocol === 'vxlan' ? 8472 : 6081;
  // The Pods' eth0 keeps the device MTU; cilium puts the tunnel's (mtu - overhead) on its routes instead.
  return { backend: protocol as 'vxlan' | 'geneve', mtu, ipam: ipam as CniSettings['ipam'], podNetwork: network, nodeMaskSize: maskSize, tunnel: { device: `cilium_${protocol}`, vni: 0, port } };
}

function report(sink: Diagnostic[], severity: Diagnostic['severity'], origin: Origin | undefined, path: string | undefined, message: string, hint?: string): void {
  if (origin) sink.push(diagnose(origin, origin.label, severity, message, path && origin.has(path) ? path : undefined, hint, path));
  else sink.push({ severity, message, ...(hint ? { hint } : {}) });
}
