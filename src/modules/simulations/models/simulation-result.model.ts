import { Field, Int, ObjectType } from '@nestjs/graphql';

/**
 * GraphQL mirrors of the engine's result types (src/engine/index.ts documents each field).
 * Later engine issues add fields here as they land.
 */

@ObjectType({ description: 'A label or selector term: key=value.' })
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
}

@ObjectType()
export class ServicePort {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => Int) port: number;
  @Field({ description: 'A number ("8080") or a container port name ("http").' }) targetPort: string;
  @Field() protocol: string;
  @Field(() => Int, { nullable: true }) nodePort?: number | null;
}

@ObjectType({ description: 'One ready or not-ready backend of one Service port.' })
export class Endpoint {
  @Field() ip: string;
  @Field(() => Int) port: number;
  @Field(() => String, { nullable: true, description: 'The Service port this endpoint serves.' }) portName?: string | null;
  @Field(() => String, { nullable: true }) podName?: string | null;
  @Field(() => String, { nullable: true }) nodeName?: string | null;
  @Field() ready: boolean;
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
  @Field(() => [Label]) selector: Label[];
  @Field(() => [Endpoint]) endpoints: Endpoint[];
}

@ObjectType()
export class Pod {
  @Field() namespace: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) nodeName?: string | null;
  @Field(() => String, { nullable: true }) ip?: string | null;
  @Field() phase: string;
  @Field() ready: boolean;
  @Field(() => [Label]) labels: Label[];
  @Field(() => String, { nullable: true }) ownerKind?: string | null;
  @Field(() => String, { nullable: true }) ownerName?: string | null;
}

@ObjectType()
export class Node {
  @Field() name: string;
  @Field(() => [String]) roles: string[];
  @Field() internalIP: string;
  @Field() podCIDR: string;
}

@ObjectType()
export class Cluster {
  @Field() name: string;
  @Field() serviceCIDR: string;
  @Field() podCIDR: string;
  @Field() clusterDomain: string;
  @Field(() => [Node]) nodes: Node[];
}

@ObjectType({ description: 'What the simulated cluster made of the scenario.' })
export class SimulationResult {
  @Field(() => Cluster) cluster: Cluster;
  @Field(() => [Pod]) pods: Pod[];
  @Field(() => [Service]) services: Service[];
  @Field(() => [Diagnostic]) diagnostics: Diagnostic[];
}
