/**
 * The API server's Service allocation on create: pinned ClusterIPs of every new Service
 * first, then pinned NodePorts, then dynamic values (service-ip.ts), so a pinned value is
 * never taken by a dynamic one allocated in the same pass. A Service whose pinned value
 * cannot be allocated is refused (and removed from the store, as the API server never
 * stored it); a deleted Service frees its values. Existing Services keep theirs.
 */
import type { Service } from '../model';
import { objectKey } from '../model';
import { diagnose, storedOfKind, type ClusterState } from '../state';
import { releaseService } from './namespace-lifecycle';

export function allocateServices(state: ClusterState): void {
  const declared = new Set<string>();
  const fresh: { svc: Service; createdAt: number }[] = [];
  for (const entry of storedOfKind(state, 'Service')) {
    const svc = entry.object;
    const key = `${svc.meta.namespace}/${svc.meta.name}`;
    declared.add(key);
    const existing = state.services.get(key);
    if (!existing) fresh.push({ svc, createdAt: entry.appliedAt });
    else if (existing.service !== svc && !existing.system) existing.service = svc; // ClusterIP is immutable; ports keep their NodePorts by index.
  }
  for (const [key, s] of state.services) {
    if (s.system || declared.has(key)) continue;
    releaseService(state, s);
    if (s.healthCheckNodePort !== undefined) state.nodePorts.release(s.healthCheckNodePort);
    state.services.delete(key);
  }
  // Ports of Services removed elsewhere (their namespace was deleted) go back to the pool.
  state.nodePorts.releaseOwnersNotIn(new Set(state.services.keys()));

  const refuse = (svc: Service, path: string, body: string, hint?: string) => {
    // A pinned IP may have been written as spec.clusterIP or spec.clusterIPs: point at the one present.
    const at = path === 'spec.clusterIPs' && svc.origin?.has('spec.clusterIP') ? 'spec.clusterIP' : path;
    state.events.push({ ...diagnose(svc.origin, `Service ${svc.meta.namespace}/${svc.meta.name}`, 'error', `The Service ${JSON.stringify(svc.meta.name)} is invalid: ${path}: ${body}`, at, hint), path });
    state.store.delete(objectKey('Service', svc.meta.namespace, svc.meta.name));
  };
  const pinnedIPs = new Map<Service, string>();
  const accepted: typeof fresh = [];
  for (const f of fresh) {
    const { svc } = f;
    if (svc.clusterIP && svc.clusterIP !== 'None') {
      const result = state.clusterIPs.allocate(svc.clusterIP);
      if (!result.ok) {
        refuse(svc, 'spec.clusterIPs', `Invalid value: []string{${JSON.stringify(svc.clusterIP)}}: failed to allocate IP ${svc.clusterIP}: ${result.detail}`, `leave spec.clusterIP out to get a free address, or pick a free one in ${state.topology.serviceCIDR}`);
        continue;
      }
      pinnedIPs.set(svc, svc.clusterIP);
    }
    accepted.push(f);
  }
  const withPorts: typeof fresh = [];
  for (const f of accepted) {
    const { svc } = f;
    const owner = `${svc.meta.namespace}/${svc.meta.name}`;
    const taken: number[] = [];
    let ok = true;
    for (const port of svc.ports) {
      if (port.nodePort === undefined || (svc.type !== 'NodePort' && svc.type !== 'LoadBalancer')) continue;
      const r = state.nodePorts.allocate(port.nodePort, owner);
      if (r.ok) taken.push(port.nodePort);
      else {
        refuse(svc, `spec.ports[${port.index}].nodePort`, `Invalid value: ${port.nodePort}: ${r.detail}`, `leave nodePort out to get a free one in ${state.nodePorts.range}`);
        ok = false;
      }
    }
    // A pinned healthCheckNodePort comes from the same range (pkg/registry/core/service alloc.go).
    if (ok && svc.healthCheckNodePort !== undefined) {
      const r = state.nodePorts.allocate(svc.healthCheckNodePort, `${owner}/health`);
      if (r.ok) taken.push(svc.healthCheckNodePort);
      else {
        refuse(svc, 'spec.healthCheckNodePort', `Invalid value: ${svc.healthCheckNodePort}: failed to allocate requested HealthCheck NodePort ${svc.healthCheckNodePort}: ${r.detail}`, `leave healthCheckNodePort out to get a free one in ${state.nodePorts.range}`);
        ok = false;
      }
    }
    if (ok) withPorts.push(f);
    else {
      for (const p of taken) state.nodePorts.release(p);
      const ip = pinnedIPs.get(svc);
      if (ip) state.clusterIPs.release(ip);
    }
  }
  for (const { svc, createdAt } of withPorts) {
    const key = `${svc.meta.namespace}/${svc.meta.name}`;
    const clusterIP = svc.type === 'ExternalName' ? null : svc.clusterIP === 'None' ? 'None' : (pinnedIPs.get(svc) ?? state.clusterIPs.allocateNext(key));
    // allocateLoadBalancerNodePorts: false leaves a LoadBalancer Service's ports without NodePorts (pinned ones stay).
    const exposed = svc.type === 'NodePort' || (svc.type === 'LoadBalancer' && svc.allocateLoadBalancerNodePorts !== false);
    const nodePorts = svc.ports.map((p) => p.nodePort ?? (exposed ? (state.nodePorts.allocateNext(`${key}/${p.index}`, key) ?? undefined) : undefined));
    // apiservice.NeedsHealthCheck: LoadBalancer + externalTrafficPolicy Local gets a health-check port kube-proxy serves.
    const needsHealthCheck = svc.type === 'LoadBalancer' && svc.externalTrafficPolicy === 'Local';
    const healthCheckNodePort = needsHealthCheck ? (svc.healthCheckNodePort ?? state.nodePorts.allocateNext(`${key}/health`, `${key}/health`) ?? undefined) : undefined;
    state.services.set(key, { service: svc, createdAt, system: false, clusterIP, nodePorts, endpoints: [], ...(healthCheckNodePort !== undefined ? { healthCheckNodePort } : {}) });
  }
}
