import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { ProbeResults } from './probe-results.model';

/**
 * GraphQL mirrors of the engine's result types. src/engine/result.ts (and
 * timeline/types.ts) document each field; the descriptions here are the short form.
 * Maps (labels, annotations, selectors, allocatable) become sorted key/value lists.
 * Later engine issues add fields here as they land.
 */

@ObjectType({ description: 'A label, annotation, selector term or resource amount: key=value.' })
export class Label {
  @Field() key: string;
  @Field() value: string;
}

@ObjectType({ description: 'A problem or remark about the input, located where possible.' })
export class Diagnostic {
  @Field({ description: 'error, warning or info.' }) severity: string;
  @Field() message: string;
  @Field(() => String, { nullable: true, description: 'Field path, e.g. spec.ports[0].targetPort.' }) path?: string | null;
  @Field(() => String, { nullable: true }) file?: string | null;
  @Field(() => Int, { nullable: true, description: '1-based.' }) line?: number | null;
  @Field(() => Int, { nullable: true, description: '1-based.' }) column?: number | null;
  @Field(() => String, { nullable: true, description: 'The object at fault, e.g. "Service default/web".' })
  object?: string | null;
  @Field(() => String, { nullable: true, description: 'A suggested fix.' }) hint?: string | null;
}

@ObjectType()
export class Node {
  @Field() name: string;
  @Field(() => [String]) roles: string[];
  @Field() internalIP: string;
  @Field() podCIDR: string;
  @Field(() => [String], { description: 'As kubectl prints them: key=value:Effect.' }) taints: string[];
  @Field(() => [Label]) labels: Label[];
  @Field(() => [Label], { description: 'cpu, memory, pods, ...' }) allocatable: Label[];
  @Field() ready: boolean;
  @Field(() => String, { nullable: true }) notReadyMessage?: string | null;
  @Field() unschedulable: boolean;
  @Field() kubeletVersion: string;
  @Field() containerRuntime: string;
  @Field() osImage: string;
  @Field() kernelVersion: string;
  @Field(() => Float, { description: 'Seconds on the scenario clock.' }) createdAt: number;
}

@ObjectType()
export class Cluster {
  @Field() name: string;
  @Field() kubernetesVersion: string;
  @Field() serviceCIDR: string;
  @Field() podCIDR: string;
  @Field() clusterDomain: string;
  @Field() nodePortRange: string;
  @Field({ description: 'iptables, ipvs, nftables or none.' }) kubeProxyMode: string;
  @Field({ description: "The CNI plugin: kindnet, or none when kind's default CNI is disabled." }) cni: string;
  @Field({ description: 'The kube-dns Service IP Pods use as nameserver.' }) clusterDNS: string;
  @Field(() => [Node]) nodes: Node[];
}

@ObjectType()
export class ContainerPort {
  @Field() name: string;
  @Field(() => Int) containerPort: number;
  @Field() protocol: string;
  @Field(() => Int, { nullable: true, description: "The node port CNI portmap forwards to it." }) hostPort?: number | null;
}

@ObjectType()
export class Container {
  @Field() name: string;
  @Field() image: string;
  @Field(() => [ContainerPort], { nullable: true }) ports?: ContainerPort[];
  @Field({ nullable: true }) ready?: boolean;
}

@ObjectType()
export class PodCondition {
  @Field() type: string;
  @Field() status: string;
}

@ObjectType()
export class Pod {
  @Field() namespace: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) nodeName?: string | null;
  @Field(() => String, { nullable: true }) ip?: string | null;
  @Field() phase: string;
  @Field(() => String, { nullable: true, description: 'Why it is not Running, e.g. ContainerCreating.' }) reason?: string | null;
  @Field() ready: boolean;
  @Field() terminating: boolean;
  @Field(() => Int) restarts: number;
  @Field(() => [Label]) labels: Label[];
  @Field() hostNetwork: boolean;
  @Field(() => String, { nullable: true }) hostname?: string | null;
  @Field(() => String, { nullable: true }) subdomain?: string | null;
  @Field(() => String, { nullable: true }) ownerKind?: string | null;
  @Field(() => String, { nullable: true }) ownerName?: string | null;
  @Field(() => [Container]) containers: Container[];
  @Field(() => [PodCondition]) conditions: PodCondition[];
  @Field(() => Float) createdAt: number;
}

@ObjectType()
export class LabelSelectorRequirement {
  @Field() key: string;
  @Field({ description: 'In, NotIn, Exists or DoesNotExist.' }) operator: string;
  @Field(() => [String]) values: string[];
}

@ObjectType()
export class LabelSelector {
  @Field(() => [Label]) matchLabels: Label[];
  @Field(() => [LabelSelectorRequirement]) matchExpressions: LabelSelectorRequirement[];
}

@ObjectType({ description: 'A Deployment, StatefulSet, DaemonSet or Job.' })
export class Workload {
  @Field() namespace: string;
  @Field() name: string;
  @Field(() => [Label]) labels: Label[];
  @Field(() => LabelSelector) selector: LabelSelector;
  @Field(() => Int) replicas: number;
  @Field(() => Int) readyReplicas: number;
  @Field(() => Int) currentReplicas: number;
  @Field(() => Int) updatedReplicas: number;
  @Field(() => Int) availableReplicas: number;
  @Field(() => [Container]) containers: Container[];
  @Field(() => [Label]) nodeSelector: Label[];
  @Field(() => String, { nullable: true, description: "A StatefulSet's governing Service." }) serviceName?: string | null;
  @Field(() => Int, { nullable: true }) completions?: number | null;
  @Field(() => Int, { nullable: true }) parallelism?: number | null;
  @Field(() => Int, { nullable: true }) succeeded?: number | null;
  @Field(() => Float) createdAt: number;
}

@ObjectType()
export class ReplicaSet {
  @Field() namespace: string;
  @Field() name: string;
  @Field({ description: 'The owning Deployment ("" for a standalone ReplicaSet).' }) deployment: string;
  @Field(() => [Label]) labels: Label[];
  @Field(() => LabelSelector, { nullable: true }) selector?: LabelSelector | null;
  @Field() podTemplateHash: string;
  @Field(() => Int) replicas: number;
  @Field(() => Float) createdAt: number;
}

@ObjectType()
export class PersistentVolumeClaim {
  @Field() namespace: string;
  @Field() name: string;
  @Field() status: string;
  @Field() volume: string;
  @Field() capacity: string;
  @Field(() => [String]) accessModes: string[];
  @Field() storageClass: string;
  @Field() statefulSet: string;
  @Field(() => Float) createdAt: number;
}

@ObjectType()
export class ServicePort {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => Int) port: number;
  @Field({ description: 'A number ("8080") or a container port name ("http").' }) targetPort: string;
  @Field() protocol: string;
  @Field(() => Int, { nullable: true }) nodePort?: number | null;
}

@ObjectType({ description: 'One backend (address × port) of a Service, from its EndpointSlices.' })
export class Endpoint {
  @Field() ip: string;
  @Field(() => Int) port: number;
  @Field(() => String, { nullable: true, description: 'The Service port this endpoint serves.' }) portName?: string | null;
  @Field(() => String, { nullable: true }) protocol?: string | null;
  @Field(() => String, { nullable: true }) podName?: string | null;
  @Field(() => String, { nullable: true }) podNamespace?: string | null;
  @Field(() => String, { nullable: true }) nodeName?: string | null;
  @Field() ready: boolean;
  @Field(() => Boolean, { nullable: true, description: 'Present for terminating endpoints.' }) serving?: boolean | null;
  @Field(() => Boolean, { nullable: true }) terminating?: boolean | null;
}

@ObjectType()
export class LoadBalancerIngress {
  @Field(() => String, { nullable: true }) ip?: string | null;
  @Field(() => String, { nullable: true }) hostname?: string | null;
}

@ObjectType({ description: 'What ExternalDNS would publish for a Service.' })
export class ExternalDNS {
  @Field(() => [String]) hostnames: string[];
  @Field(() => Int, { nullable: true }) ttl?: number | null;
}

@ObjectType()
export class Service {
  @Field() namespace: string;
  @Field() name: string;
  @Field({ description: 'ClusterIP, NodePort, LoadBalancer or ExternalName.' }) type: string;
  @Field(() => String, { nullable: true, description: '"None" for a headless Service; null for ExternalName.' })
  clusterIP?: string | null;
  @Field(() => String, { nullable: true }) externalName?: string | null;
  @Field(() => [ServicePort]) ports: ServicePort[];
  @Field(() => [Label], { description: 'spec.selector; empty for a Service without selector.' }) selector: Label[];
  @Field(() => [Endpoint]) endpoints: Endpoint[];
  @Field(() => [Label]) labels: Label[];
  @Field(() => [Label]) annotations: Label[];
  @Field(() => [String]) externalIPs: string[];
  @Field() sessionAffinity: string;
  @Field(() => Int, { nullable: true }) sessionAffinityTimeoutSeconds?: number | null;
  @Field(() => String, { nullable: true }) externalTrafficPolicy?: string | null;
  @Field(() => String, { nullable: true }) internalTrafficPolicy?: string | null;
  @Field(() => Int, { nullable: true }) healthCheckNodePort?: number | null;
  @Field() publishNotReadyAddresses: boolean;
  @Field(() => [LoadBalancerIngress]) loadBalancerIngress: LoadBalancerIngress[];
  @Field(() => ExternalDNS, { nullable: true }) externalDNS?: ExternalDNS | null;
  @Field(() => Float) createdAt: number;
}

@ObjectType()
export class ObjectReference {
  @Field() kind: string;
  @Field() namespace: string;
  @Field() name: string;
}

@ObjectType()
export class EndpointPort {
  @Field() name: string;
  @Field(() => Int) port: number;
  @Field() protocol: string;
}

@ObjectType()
export class EndpointConditions {
  @Field(() => Boolean, { nullable: true }) ready?: boolean | null;
  @Field(() => Boolean, { nullable: true }) serving?: boolean | null;
  @Field(() => Boolean, { nullable: true }) terminating?: boolean | null;
}

@ObjectType()
export class EndpointSliceEndpoint {
  @Field(() => [String]) addresses: string[];
  @Field(() => EndpointConditions) conditions: EndpointConditions;
  @Field(() => String, { nullable: true }) nodeName?: string | null;
  @Field(() => String, { nullable: true }) zone?: string | null;
  @Field(() => ObjectReference, { nullable: true }) targetRef?: ObjectReference | null;
  @Field(() => String, { nullable: true }) hostname?: string | null;
}

@ObjectType()
export class EndpointSlice {
  @Field() namespace: string;
  @Field() name: string;
  @Field() service: string;
  @Field() addressType: string;
  @Field(() => [Label]) labels: Label[];
  @Field(() => [EndpointPort]) ports: EndpointPort[];
  @Field(() => [EndpointSliceEndpoint]) endpoints: EndpointSliceEndpoint[];
  @Field(() => Float) createdAt: number;
}

@ObjectType()
export class EndpointAddress {
  @Field() ip: string;
  @Field(() => String, { nullable: true }) nodeName?: string | null;
  @Field(() => ObjectReference, { nullable: true }) targetRef?: ObjectReference | null;
  @Field(() => String, { nullable: true }) hostname?: string | null;
}

@ObjectType()
export class EndpointSubset {
  @Field(() => [EndpointAddress]) addresses: EndpointAddress[];
  @Field(() => [EndpointAddress]) notReadyAddresses: EndpointAddress[];
  @Field(() => [EndpointPort]) ports: EndpointPort[];
}

@ObjectType({ description: 'A legacy v1 Endpoints object.' })
export class Endpoints {
  @Field() namespace: string;
  @Field() name: string;
  @Field(() => [Label]) labels: Label[];
  @Field(() => [Label]) annotations: Label[];
  @Field(() => [EndpointSubset]) subsets: EndpointSubset[];
  @Field(() => Float) createdAt: number;
}

@ObjectType()
export class PodChange {
  @Field() namespace: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) ip?: string | null;
  @Field(() => String, { nullable: true }) nodeName?: string | null;
  @Field(() => String, { nullable: true }) owner?: string | null;
}

@ObjectType()
export class EndpointChange {
  @Field({ description: 'namespace/name of the Service.' }) service: string;
  @Field() ip: string;
  @Field(() => Int) port: number;
  @Field() podName: string;
  @Field() ready: boolean;
}

@ObjectType()
export class ServiceChange {
  @Field() namespace: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) clusterIP?: string | null;
}

@ObjectType()
export class NodeChange {
  @Field() name: string;
  @Field() ready: boolean;
  @Field() unschedulable: boolean;
}

@ObjectType()
export class ReplicaSetChange {
  @Field() namespace: string;
  @Field() name: string;
  @Field(() => Int, { nullable: true }) from?: number | null;
  @Field(() => Int, { nullable: true }) to?: number | null;
}

@ObjectType()
export class TimelineChanges {
  @Field(() => [PodChange]) podsCreated: PodChange[];
  @Field(() => [PodChange]) podsDeleted: PodChange[];
  @Field(() => [EndpointChange]) endpointsAdded: EndpointChange[];
  @Field(() => [EndpointChange]) endpointsRemoved: EndpointChange[];
  @Field(() => [EndpointChange]) endpointsChanged: EndpointChange[];
  @Field(() => [ServiceChange]) servicesCreated: ServiceChange[];
  @Field(() => [ServiceChange]) servicesDeleted: ServiceChange[];
  @Field(() => [ReplicaSetChange]) replicaSets: ReplicaSetChange[];
  @Field(() => [NodeChange]) nodes: NodeChange[];
}

@ObjectType({ description: "One step of the scenario's Timeline as it ran." })
export class TimelineStep {
  @Field(() => Int) index: number;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => Float, { description: 'Seconds on the scenario clock.' }) at: number;
  @Field() action: string;
  @Field({ description: "What the step printed (kubectl's output)." }) output: string;
  @Field() ok: boolean;
  @Field(() => TimelineChanges) changes: TimelineChanges;
  @Field(() => [Diagnostic]) diagnostics: Diagnostic[];
}

@ObjectType()
export class Timeline {
  @Field(() => [TimelineStep]) steps: TimelineStep[];
}

@ObjectType({ description: 'What the simulated cluster made of the scenario (after the last Timeline step).' })
export class SimulationResult {
  @Field() engineVersion: string;
  @Field(() => Float, { description: 'When the result is observed, in seconds on the scenario clock.' }) now: number;
  @Field(() => Cluster) cluster: Cluster;
  @Field(() => [String]) namespaces: string[];
  @Field(() => [Pod]) pods: Pod[];
  @Field(() => [ReplicaSet]) replicaSets: ReplicaSet[];
  @Field(() => [Workload]) deployments: Workload[];
  @Field(() => [Workload]) statefulSets: Workload[];
  @Field(() => [Workload]) daemonSets: Workload[];
  @Field(() => [Workload]) jobs: Workload[];
  @Field(() => [PersistentVolumeClaim]) persistentVolumeClaims: PersistentVolumeClaim[];
  @Field(() => [Service]) services: Service[];
  @Field(() => [EndpointSlice]) endpointSlices: EndpointSlice[];
  @Field(() => [Endpoints]) endpoints: Endpoints[];
  @Field(() => [Diagnostic]) diagnostics: Diagnostic[];
  @Field(() => Timeline, { nullable: true, description: 'Absent when the scenario has no Timeline.' }) timeline?: Timeline | null;
  @Field(() => ProbeResults, { nullable: true, description: "Answers to the run's probes; absent when it asked none." }) probes?: ProbeResults | null;
}
