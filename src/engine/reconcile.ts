/**
 * The reconcile pipeline: the cluster's components, each a step over the whole state, in
 * the order a real cluster converges after `kubectl apply`. Re-runnable: a pass after any
 * mutation (apply, delete, scale, a node going NotReady) changes only what the mutation
 * calls for; allocations already made stay (see state.ts).
 *
 * Adding a component: a function `(state) => void` in its own module, one entry here.
 */
import { runKubelets } from './cluster/kubelet';
import { checkCorefile } from './dns/corefile-check';
import { schedulePods } from './cluster/scheduler';
import { daemonSetController } from './controllers/daemonset';
import { deploymentController } from './controllers/deployment';
import { endpointsController } from './controllers/endpoints';
import { jobController } from './controllers/job';
import { endpointSliceController } from './controllers/endpointslice';
import { endpointSliceMirroringController } from './controllers/endpointslice-mirroring';
import { loadBalancerController } from './controllers/load-balancer';
import { namespaceLifecycle } from './controllers/namespace-lifecycle';
import { podStore } from './controllers/pod-store';
import { replicaSetController } from './controllers/replicaset';
import { allocateServices } from './controllers/service-allocation';
import { statefulSetController } from './controllers/statefulset';
import type { ClusterState } from './state';
import { ingressControllerStep } from './ingress/status';

/** One component's pass over the state. */
export interface ReconcileStep {
  /** The upstream component it stands for, e.g. `replicaset-controller`. */
  name: string;
  run(state: ClusterState): void;
}

/** The steps, in order: namespaces → workloads → scheduler → kubelet/IPAM → Service allocation → endpoints. */
export const RECONCILE_PIPELINE: readonly ReconcileStep[] = [
  { name: 'namespace-controller', run: namespaceLifecycle },
  { name: 'pod-store', run: podStore },
  { name: 'deployment-controller', run: deploymentController },
  { name: 'replicaset-controller', run: replicaSetController },
  { name: 'daemonset-controller', run: daemonSetController },
  { name: 'job-controller', run: jobController },
  // Last of the workload controllers: its OrderedReady look-ahead schedules what the others made, in creation order.
  { name: 'statefulset-controller', run: statefulSetController },
  { name: 'kube-scheduler', run: schedulePods },
  { name: 'kubelet', run: runKubelets },
  { name: 'service-allocation', run: allocateServices },
  // CoreDNS reading its ConfigMap (reload): Corefile problems as diagnostics.
  { name: 'coredns', run: checkCorefile },
  { name: 'endpointslice-controller', run: endpointSliceController },
  { name: 'endpointslicemirroring-controller', run: endpointSliceMirroringController },
  { name: 'endpoints-controller', run: endpointsController },
  { name: 'metallb-controller', run: loadBalancerController },
  { name: 'ingress-nginx-controller', run: ingressControllerStep },
];

/** Runs every step once; `state.conditions` is rebuilt from scratch. */
export function reconcile(state: ClusterState, pipeline: readonly ReconcileStep[] = RECONCILE_PIPELINE): void {
  state.conditions = [];
  for (const step of pipeline) step.run(state);
}
