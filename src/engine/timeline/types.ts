/**
 * The public result of a scenario's `Timeline` (see README.md beside this file): one entry
 * per step, with what the step printed and what it changed. Plain data (stored as JSON);
 * every list sorted.
 */
import type { Diagnostic } from '../diagnostic';

/** A Pod that appeared or disappeared in a step. */
export interface PodChange {
  namespace: string;
  name: string;
  /** `status.podIP` (null while it had none: Pending, ContainerCreating). */
  ip: string | null;
  /** The node it was (or is) bound to; null while unscheduled. */
  nodeName: string | null;
  /** The owning controller (`ReplicaSet web-5d4f8c7b9`), when there is one. */
  owner?: string;
}

/** An address × port of a Service's Endpoints that appeared, disappeared or changed readiness. */
export interface EndpointChange {
  /** `namespace/name` of the Service. */
  service: string;
  ip: string;
  port: number;
  /** The Pod behind the address. */
  podName: string;
  /** Whether the address is ready (under `addresses`) or not (`notReadyAddresses`) after the step (before it, for removals). */
  ready: boolean;
}

/** A Service that appeared or disappeared in a step. */
export interface ServiceChange {
  namespace: string;
  name: string;
  /** Its ClusterIP ('None' for headless, null for ExternalName). A Service keeps it for its whole life. */
  clusterIP: string | null;
}

/** A node whose Ready condition or `spec.unschedulable` changed in a step (the values after it). */
export interface NodeChange {
  name: string;
  ready: boolean;
  unschedulable: boolean;
}

/** A ReplicaSet created, deleted or scaled in a step. */
export interface ReplicaSetChange {
  namespace: string;
  name: string;
  /** Desired replicas before the step; null when it was created by the step. */
  from: number | null;
  /** Desired replicas after the step; null when it was deleted by the step. */
  to: number | null;
}

/** What changed between the state before a step and the state after it. Every list is sorted; empty when nothing of the sort changed. */
export interface TimelineChanges {
  /** Pods created (by the action or by controllers replacing, scaling, rolling out). Replacement Pods have new names and new IPs. */
  podsCreated: PodChange[];
  /** Pods deleted or evicted, with the IP they had: Pod IPs are ephemeral. */
  podsDeleted: PodChange[];
  /** Endpoints addresses added, by Service (`ready` tells addresses from notReadyAddresses). */
  endpointsAdded: EndpointChange[];
  /** Endpoints addresses removed. */
  endpointsRemoved: EndpointChange[];
  /** Addresses that stayed but moved between `addresses` and `notReadyAddresses` (`ready` is the new value). */
  endpointsChanged: EndpointChange[];
  servicesCreated: ServiceChange[];
  servicesDeleted: ServiceChange[];
  /** ReplicaSets created, deleted, or whose desired replicas changed. */
  replicaSets: ReplicaSetChange[];
  nodes: NodeChange[];
}

/** One executed step. */
export interface TimelineStepResult {
  /** 1-based position in `steps`. */
  index: number;
  /** The step's `name`, when it has one. */
  name?: string;
  /** When the step ran, in seconds on the scenario clock (the previous step's time plus `after`). */
  at: number;
  /** The action as text: the kubectl command line, `apply (3 objects)`, `podReady web-abc12 false`, `nodeReady kind-worker false`. */
  action: string;
  /** What kubectl printed (stdout and stderr, in order) or `kubectl apply` would print; '' when the action prints nothing. */
  output: string;
  /** false when the action failed (kubectl's non-zero exit, a refused object): its effect is whatever happened before the failure. */
  ok: boolean;
  changes: TimelineChanges;
  /** Diagnostics raised by this step (its manifests, its objects' admission), located in the Timeline document. */
  diagnostics: Diagnostic[];
}

/** The `timeline` field of a result: present when the scenario has a `Timeline` document. */
export interface TimelineResult {
  /** The steps run, in order (all of them, or up to `SimulateOptions.atStep`). */
  steps: TimelineStepResult[];
}
