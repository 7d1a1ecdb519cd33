import { Type } from 'class-transformer';
import { IsInt, IsOptional, Min, ValidateNested } from 'class-validator';
import { ProbesInput } from './probes.input';

/** REST body of POST /api/scenarios/:id/simulations (all optional). */
export class RunSimulationBody {
  @IsOptional()
  @IsInt()
  @Min(1)
  versionNumber?: number;

  @IsOptional()
  @ValidateNested()
  @Type(() => ProbesInput)
  probes?: ProbesInput;
}
