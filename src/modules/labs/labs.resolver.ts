import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentCaller, Requires } from '../auth/auth.decorators';
import type { Caller } from '../auth/permissions';
import { toScenario } from '../scenarios/scenario.mapper';
import { CreateLabInput, UpdateLabInput } from './dto/lab.input';
import { toLab } from './lab.mapper';
import { LabsService } from './labs.service';
import { Lab, LabWorkspace } from './models/lab.model';

@Resolver(() => Lab)
export class LabsResolver {
  constructor(private readonly service: LabsService) {}

  @Requires('teach')
  @Mutation(() => Lab, { description: 'A lab from its YAML file (also imports an exported lab); every error is located (line, column, path) and nothing is stored.' })
  async createLab(@CurrentCaller() caller: Caller, @Args('input') input: CreateLabInput): Promise<Lab> {
    const record = await this.service.create(caller, input.source, input.classroomId);
    return toLab(await this.service.get(caller, record.id));
  }

  @Requires('teach')
  @Mutation(() => Lab, { description: 'The edited lab file becomes the next version; regradeLab grades earlier submissions against it.' })
  async updateLab(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string, @Args('input') input: UpdateLabInput): Promise<Lab> {
    await this.service.update(caller, id, input.source);
    return toLab(await this.service.get(caller, id));
  }

  @Requires('read')
  @Query(() => Lab, { description: 'A lab; students get their own variant (parameters filled in, hidden checks hidden).' })
  async lab(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string): Promise<Lab> {
    return toLab(await this.service.get(caller, id));
  }

  @Requires('read')
  @Query(() => [Lab], { description: "Staff: the organization's labs; students: their classrooms' labs." })
  async labs(@CurrentCaller() caller: Caller): Promise<Lab[]> {
    return (await this.service.list(caller)).map(toLab);
  }

  @Requires('read')
  @Query(() => String, { description: 'The lab file of a version (latest by default) as YAML: keep it in git, import it with createLab (staff).' })
  exportLab(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string, @Args('version', { type: () => Int, nullable: true }) version?: number): Promise<string> {
    return this.service.export(caller, id, version ?? undefined);
  }

  @Requires('read')
  @Mutation(() => LabWorkspace, { description: "The caller's own copy of the lab's starter scenario (made on first call, the same one afterwards)." })
  async startLab(@CurrentCaller() caller: Caller, @Args('labId', { type: () => ID }) labId: string): Promise<LabWorkspace> {
    const { view, scenario } = await this.service.workspace(caller, labId);
    return { lab: toLab(view), scenario: toScenario(scenario) };
  }
}
