import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'One immutable snapshot of a scenario; an edit makes a new version.' })
export class ScenarioVersion {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: '1 for the first version, then one more per edit.' })
  number: number;

  @Field({ description: 'sha-256 of the manifests, hex.' })
  sha256: string;

  @Field({ description: 'The manifests as submitted.' })
  content: string;

  @Field()
  createdAt: Date;
}

@ObjectType({ description: "A user's scenario: Kubernetes manifests, kept as versions." })
export class Scenario {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;

  @Field(() => Date, { nullable: true, description: 'When archived: hidden from lists, read-only; null when active.' })
  archivedAt: Date | null;

  @Field(() => ScenarioVersion)
  latestVersion: ScenarioVersion;
}
