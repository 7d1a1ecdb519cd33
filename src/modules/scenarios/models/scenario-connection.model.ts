import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Scenario } from './scenario.model';

@ObjectType({ description: 'Relay page information.' })
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true, description: "The last edge's cursor; null on an empty page." })
  endCursor: string | null;
}

@ObjectType()
export class ScenarioEdge {
  @Field({ description: 'Opaque; pass as `after` to continue after this scenario.' })
  cursor: string;

  @Field(() => Scenario)
  node: Scenario;
}

@ObjectType({ description: "A page of the organization's scenarios, newest first." })
export class ScenarioConnection {
  @Field(() => [ScenarioEdge])
  edges: ScenarioEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  @Field(() => Int, { description: 'All scenarios the list would show, across pages.' })
  totalCount: number;
}
