import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum ObjectChangeKind {
  added = 'added',
  removed = 'removed',
  changed = 'changed',
}
registerEnumType(ObjectChangeKind, { name: 'ObjectChangeKind' });

@ObjectType({ description: 'One Kubernetes object that differs between two versions.' })
export class ScenarioObjectChange {
  @Field(() => ObjectChangeKind)
  change: ObjectChangeKind;

  @Field()
  kind: string;

  @Field(() => String, { nullable: true, description: 'As written; null when the manifest names none.' })
  namespace: string | null;

  @Field()
  name: string;
}

@ObjectType({ description: "The difference between two versions of a scenario's manifests." })
export class ScenarioDiff {
  @Field(() => Int)
  from: number;

  @Field(() => Int)
  to: number;

  @Field({ description: 'As `diff -u` prints it (3 lines of context); empty when the manifests are equal.' })
  unified: string;

  @Field(() => [ScenarioObjectChange], { description: 'Objects added, removed or changed, by kind, namespace and name.' })
  objects: ScenarioObjectChange[];
}
