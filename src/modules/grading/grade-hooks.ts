import { Injectable, Logger } from '@nestjs/common';

/** A grade that has just finished (graded, not gradable or failed), as other features need it. */
export interface FinishedGrade {
  gradeId: string;
  submissionId: string;
  organizationId: string;
  labId: string;
  userId: string;
  classroomId: string | null;
  regradeId: string | null;
  status: 'graded' | 'not_gradable' | 'failed';
  score: number | null;
  maxScore: number | null;
}

export interface FinishedRegrade {
  regradeId: string;
  organizationId: string;
  labId: string;
}

type Listener<T> = (event: T) => Promise<void>;

/**
 * Where features that act on grades (LMS grade passback, webhooks) plug in, in the worker
 * that graded: they register at start-up, and the grading processor awaits every listener
 * after storing a grade. A listener that throws is logged, not fatal: the grade is stored,
 * and a listener keeps its own durable record (an outbox) of what it still has to do.
 */
@Injectable()
export class GradeHooks {
  private readonly logger = new Logger(GradeHooks.name);
  private readonly graded: Listener<FinishedGrade>[] = [];
  private readonly regraded: Listener<FinishedRegrade>[] = [];

  onGraded(listener: Listener<FinishedGrade>): void {
    this.graded.push(listener);
  }

  onRegradeFinished(listener: Listener<FinishedRegrade>): void {
    this.regraded.push(listener);
  }

  async gradeFinished(event: FinishedGrade): Promise<void> {
    await this.call(this.graded, event, `grade ${event.gradeId}`);
  }

  async regradeFinished(event: FinishedRegrade): Promise<void> {
    await this.call(this.regraded, event, `regrade ${event.regradeId}`);
  }

  private async call<T>(listeners: Listener<T>[], event: T, what: string): Promise<void> {
    for (const listener of listeners) {
      try {
        await listener(event);
      } catch (error) {
        this.logger.error(`${what}: a grade listener failed: ${(error as Error).message}`);
      }
    }
  }
}
