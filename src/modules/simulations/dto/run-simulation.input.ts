import { IsInt, IsOptional, Min } from 'class-validator';

/** REST body of POST /api/scenarios/:id/simulations (all optional). */
export class RunSimulationBody {
  @IsOptional()
  @IsInt()
  @Min(1)
  versionNumber?: number;
}
