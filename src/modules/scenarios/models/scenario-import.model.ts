import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Scenario } from './scenario.model';

@ObjectType({ description: 'A field left out of an imported object (server-side noise).' })
export class ImportDroppedField {
  @Field()
  kind: string;

  @Field(() => String, { nullable: true })
  namespace: string | null;

  @Field()
  name: string;

  @Field({ description: 'e.g. metadata.uid, status.containerStatuses' })
  path: string;
}

@ObjectType({ description: 'A scenario made from kubectl output, and what was cleaned away.' })
export class ImportScenarioResult {
  @Field(() => Scenario)
  scenario: Scenario;

  @Field(() => Int, { description: 'Objects imported (List items counted one by one).' })
  objects: number;

  @Field(() => [ImportDroppedField])
  dropped: ImportDroppedField[];
}
