import { Injectable, OnModuleInit } from '@nestjs/common';
import { WebhookEvents } from '../webhooks/webhook-events.service';
import { GradeHooks } from './grade-hooks';

/**
 * Announces grades to the organization's webhooks: `submission.graded` for every finished
 * grade (first grading or regrade), `regrade.finished` once a regrade's last grade is done.
 */
@Injectable()
export class GradeWebhooks implements OnModuleInit {
  constructor(
    private readonly hooks: GradeHooks,
    private readonly webhooks: WebhookEvents,
  ) {}

  onModuleInit(): void {
    this.hooks.onGraded((g) =>
      this.webhooks.emit(g.organizationId, 'submission.graded', {
        submissionId: g.submissionId,
        gradeId: g.gradeId,
        labId: g.labId,
        studentId: g.userId,
        classroomId: g.classroomId,
        regradeId: g.regradeId,
        status: g.status,
        score: g.score,
        maxScore: g.maxScore,
      }),
    );
    this.hooks.onRegradeFinished((r) => this.webhooks.emit(r.organizationId, 'regrade.finished', { regradeId: r.regradeId, labId: r.labId }));
  }
}
