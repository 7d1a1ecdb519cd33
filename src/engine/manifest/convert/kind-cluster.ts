/**
 * kind's `Cluster` (kind.x-k8s.io/v1alpha4, sigs.k8s.io/kind/pkg/apis/config/v1alpha4):
 * name, nodes (role, labels, per-node kubeadmConfigPatches), networking (podSubnet,
 * serviceSubnet, kubeProxyMode, disableDefaultCNI, ipFamily) and cluster-wide
 * kubeadmConfigPatches. Defaults are applied later (cluster/topology-config.ts).
 */
import type { ComponentConfig, KindCluster, KindNodeConfig, PortMapping } from '../../model';
import { quote, readBool, readInt32, readList, readObject, readString, readStringMap } from '../fields';
import { readConfigPatch } from './component-config';
import type { ConvertContext, KindConverter } from './types';

const ROLES = ['control-plane', 'worker'];

export const kindClusterConverter: KindConverter<'Cluster'> = {
  kind: 'Cluster',
  apiVersions: ['kind.x-k8s.io/v1alpha4'],
  scope: 'Config',
  convert(ctx): KindCluster | undefined {
    const { r, value, origin } = ctx;
    const name = readString(r, value.name, 'name', 'Cluster');
    const networking = readObject(r, value.networking, 'networking', 'Cluster', 'v1alpha4.Networking') ?? {};
    const str = (key: string) => readString(r, networking[key], `networking.${key}`, 'Networking');
    const podSubnet = str('podSubnet');
    const serviceSubnet = str('serviceSubnet');
    const kubeProxyMode = str('kubeProxyMode');
    const ipFamily = str('ipFamily');
    const disableDefaultCNI = readBool(r, networking.disableDefaultCNI, 'networking.disableDefaultCNI', 'Networking') ?? false;
    const patches = readPatches(ctx, value.kubeadmConfigPatches, 'kubeadmConfigPatches');

    let nodes: KindNodeConfig[] | undefined;
    const nodesRaw = readList(r, value.nodes, 'nodes', 'Cluster', '[]v1alpha4.Node');
    if (nodesRaw) {
      nodes = [];
      nodesRaw.forEach((n, index) => {
        const path = `nodes[${index}]`;
        const node = readObject(r, n, path, 'Cluster', 'v1alpha4.Node');
        if (!node) return;
        const role = readString(r, node.role, `${path}.role`, 'Node') ?? 'control-plane';
        if (!ROLES.includes(role)) {
          r.add('error', `${path}.role: Unsupported value: ${quote(role)}: supported values: "control-plane", "worker"`, `${path}.role`);
          return;
        }
        const labels = readStringMap(r, node.labels, `${path}.labels`, 'Node') ?? {};
        const mounts = (readList(r, node.extraMounts, `${path}.extraMounts`, 'Node', '[]v1alpha4.Mount') ?? []).flatMap((m, j) => {
          const mount = readObject(r, m, `${path}.extraMounts[${j}]`, 'Node', 'v1alpha4.Mount');
          const containerPath = mount ? readString(r, mount.containerPath, `${path}.extraMounts[${j}].containerPath`, 'Mount') : undefined;
          return containerPath ? [containerPath] : [];
        });
        const portMappings = (readList(r, node.extraPortMappings, `${path}.extraPortMappings`, 'Node', '[]v1alpha4.PortMapping') ?? []).flatMap((m, j): PortMapping[] => {
          const at = `${path}.extraPortMappings[${j}]`;
          const mapping = readObject(r, m, at, 'Node', 'v1alpha4.PortMapping');
          if (!mapping) return [];
          const containerPort = readInt32(r, mapping.containerPort, `${at}.containerPort`, 'PortMapping');
          const hostPort = readInt32(r, mapping.hostPort, `${at}.hostPort`, 'PortMapping') ?? containerPort;
          const protocol = (readString(r, mapping.protocol, `${at}.protocol`, 'PortMapping') ?? 'TCP').toUpperCase();
          if (containerPort === undefined) return [];
          return [{ containerPort, hostPort: hostPort ?? containerPort, listenAddress: readString(r, mapping.listenAddress, `${at}.listenAddress`, 'PortMapping') ?? '0.0.0.0', protocol }];
        });
        nodes!.push({ index, role: role as KindNodeConfig['role'], labels, patches: readPatches(ctx, node.kubeadmConfigPatches, `${path}.kubeadmConfigPatches`), ...(mounts.length > 0 ? { extraMountPaths: mounts } : {}), ...(portMappings.length > 0 ? { portMappings } : {}) });
      });
      if (!r.failed && !nodes.some((n) => n.role === 'control-plane'))
        r.add('error', 'invalid kind Cluster: must have at least one control-plane node', 'nodes', 'add a node with role: control-plane');
    }
    if (r.failed) {
      r.add('info', `kind create cluster would stop on this config ("ERROR: failed to create cluster"); the simulator goes on with kind's default cluster (one control plane, two workers)`, undefined, 'fix the errors above to get the cluster this config describes');
      return undefined;
    }
    return {
      ...(name ? { name } : {}),
      ...(nodes ? { nodes } : {}),
      ...(podSubnet ? { podSubnet } : {}),
      ...(serviceSubnet ? { serviceSubnet } : {}),
      ...(kubeProxyMode ? { kubeProxyMode } : {}),
      disableDefaultCNI,
      ...(ipFamily ? { ipFamily } : {}),
      patches,
      origin,
    };
  },
};

function readPatches({ r, origin, apiVersion }: ConvertContext, value: unknown, path: string): ComponentConfig[] {
  const out: ComponentConfig[] = [];
  (readList(r, value, path, 'Cluster', '[]string') ?? []).forEach((text, i) => {
    const patch = readConfigPatch(r, origin, `${path}[${i}]`, text, apiVersion);
    if (patch) out.push(patch);
  });
  return out;
}
