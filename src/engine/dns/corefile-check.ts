/**
 * CoreDNS reading kube-system/coredns (its `reload` plugin): a Corefile that does not parse
 * is refused and the running configuration (kubeadm's) stays, which the student only sees
 * in CoreDNS's log; the simulator reports it as a located diagnostic on the ConfigMap.
 * A Corefile that parses but serves no Service names (no kubernetes plugin for the cluster
 * domain) is a warning.
 */
import type { ConfigMap } from '../model';
import { diagnose, storedOfKind, type ClusterState } from '../state';
import { isSubdomain } from './names';
import { readCorefile } from './server-config';

const LABEL = 'ConfigMap kube-system/coredns';

export function checkCorefile(state: ClusterState): void {
  const stored = storedOfKind(state, 'ConfigMap').find((s) => s.object.meta.namespace === 'kube-system' && s.object.meta.name === 'coredns');
  if (!stored) return;
  const cm: ConfigMap = stored.object;
  const text = cm.data.Corefile;
  if (text === undefined) {
    state.conditions.push(diagnose(cm.origin, LABEL, 'warning', 'ConfigMap kube-system/coredns has no Corefile key: CoreDNS keeps the Corefile it runs with (kubeadm\'s)', 'data', 'put the server blocks under data.Corefile'));
    return;
  }
  const read = readCorefile(text);
  if ('error' in read) {
    const d = diagnose(cm.origin, LABEL, 'error', `${read.error.message}; CoreDNS's reload plugin refuses it and keeps running kubeadm's Corefile`, 'data.Corefile', 'fix the Corefile; the line number counts from the first line of data.Corefile');
    // A block scalar's text starts on the line after `Corefile: |`.
    if (d.line !== undefined && cm.origin?.has('data.Corefile')) d.line += read.error.line;
    state.conditions.push(d);
    return;
  }
  const domain = state.topology.clusterDomain;
  const served = read.config.blocks.some((b) => b.port === 53 && b.kubernetes && b.kubernetes.zones.some((z) => isSubdomain(z, `${domain}.`) || isSubdomain(`${domain}.`, z)));
  if (!served) state.conditions.push(diagnose(cm.origin, LABEL, 'warning', `no server block on port 53 runs the kubernetes plugin for ${domain}: Service and Pod names will not resolve`, 'data.Corefile', `add "kubernetes ${domain} in-addr.arpa ip6.arpa" to the .:53 block`));
}
