import { InvalidInputError } from '../../platform/errors/domain-errors';

/** An archived scenario is read-only: no new versions, no new runs, until it is unarchived. */
export class ScenarioArchivedError extends InvalidInputError {
  constructor(id: string, action: string) {
    super(`scenario ${id} is archived: cannot ${action}; unarchive it first`, [], { archived: true, id });
  }
}
