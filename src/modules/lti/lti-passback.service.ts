import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../platform/config/app-config';
import { ForbiddenError } from '../../platform/errors/domain-errors';
import { isUuid } from '../../platform/util/uuid';
import { permissionsOfRole, type Caller } from '../auth/permissions';
import type { FinishedGrade } from '../grading/grade-hooks';
import { studentScore } from '../grading/gradebook';
import { GradingRepository } from '../grading/grading.repository';
import { toLab } from '../labs/lab.mapper';
import { LabsService } from '../labs/labs.service';
import { LtiKeysService } from './lti-keys.service';
import { scoreComment } from './score-comment';
import { LtiRepository, toPlatformRegistration, type PassbackWork } from './lti.repository';
import { AgsClient, LtiHttpError } from './protocol';

/** What became of one attempt: sent, worth another try, or given up. */
export type PassbackOutcome = { status: 'sent' } | { status: 'retry'; error: Error } | { status: 'failed' };

/**
 * Grade passback (AGS 2.0), in the worker. A finished grade whose lab is placed in a course
 * the student launched from becomes an outbox row per resource link (unique per grade and
 * link); each row is then sent by a job: the line item is found or made once per link, and
 * the student's gradebook score (best, late rule applied) is posted with a comment.
 * Failures stay on the row (attempts, last error and status) until the job's attempts are
 * used up; a platform that is down delays the score, it never loses it.
 */
@Injectable()
export class LtiPassbackService {
  private readonly logger = new Logger(LtiPassbackService.name);

  constructor(
    private readonly repository: LtiRepository,
    private readonly grading: GradingRepository,
    private readonly labs: LabsService,
    private readonly keys: LtiKeysService,
    private readonly config: AppConfig,
  ) {}

  /**
   * The outbox rows a finished grade makes (their ids, to enqueue). Only graded grades
   * count; of a regrade, only each student's last grade, so the LMS gets one score per
   * student per regrade.
   */
  async gradeFinished(event: FinishedGrade): Promise<string[]> {
    if (event.status !== 'graded') return [];
    if (event.regradeId && (await this.repository.regradeOpenForStudent(event.regradeId, event.userId))) return [];
    const targets = await this.repository.passbackTargets(event.labId, event.userId, event.classroomId);
    if (targets.length === 0) return [];
    return this.repository.addPassbacks(
      targets.map((t) => ({ gradeId: event.gradeId, resourceLinkId: t.resourceLinkId, platformUserId: t.platformUserId, organizationId: event.organizationId, labId: event.labId, userId: event.userId })),
    );
  }

  /** One attempt at sending an outbox row. */
  async send(id: string): Promise<PassbackOutcome> {
    const row = await this.repository.findPassbackForWork(id);
    if (!row || row.status === 'sent') return { status: 'sent' };
    const attempts = row.attempts + 1;
    try {
      const sent = await this.publish(row);
      await this.repository.updatePassback(id, { status: 'sent', attempts, sentAt: new Date(), lastError: null, lastResponseStatus: null, ...sent });
      this.logger.log(`passback ${id}: ${sent.scoreGiven}/${sent.scoreMaximum} sent for user ${row.userId} (attempt ${attempts})`);
      return { status: 'sent' };
    } catch (error) {
      const http = error instanceof LtiHttpError ? error : undefined;
      // Network errors (fetch failed) are worth retrying, as are 408, 429 and 5xx answers.
      const final = (http !== undefined && !http.retryable) || attempts >= this.config.ltiPassbackAttempts;
      await this.repository.updatePassback(id, { status: final ? 'failed' : 'pending', attempts, lastError: (error as Error).message.slice(0, 2000), lastResponseStatus: http?.status ?? null });
      this.logger.warn(`passback ${id} attempt ${attempts} ${final ? 'failed for good' : 'failed, will retry'}: ${(error as Error).message}`);
      return final ? { status: 'failed' } : { status: 'retry', error: error as Error };
    }
  }

  /** A lab's passbacks, for its staff (FORBIDDEN for students). */
  async list(caller: Caller, labId: string) {
    const view = await this.labs.get(caller, labId);
    if (!view.staff) throw new ForbiddenError('teach', "not allowed: a lab's grade passbacks are for its staff");
    return this.repository.listPassbacks(caller.organizationId, labId);
  }

  /** Puts a failed passback back to pending; the worker's reconciler sends it again. */
  async retry(caller: Caller, id: string): Promise<boolean> {
    return isUuid(id) && this.repository.retryPassback(caller.organizationId, id);
  }

  private async publish(row: PassbackWork): Promise<{ scoreGiven: number; scoreMaximum: number }> {
    const link = row.resourceLink;
    const registration = toPlatformRegistration(link.registration);
    const lab = toLab(await this.labs.get({ organizationId: row.organizationId, userId: null, apiKeyId: null, role: 'instructor', permissions: permissionsOfRole('instructor') }, row.labId));
    const submissions = await this.grading.listSubmissions(row.labId, [row.userId]);
    const score = studentScore(submissions);
    if (score.best === null || score.maxScore === null) throw new Error(`user ${row.userId} has no graded submission of lab ${row.labId}`);

    const ags = new AgsClient(await this.keys.serviceTokens());
    // The link's column: the one the platform named in its launches (AGS `lineitem`), else found or made in the course's container.
    const lineItemUrl = await this.repository.lineItemOf(link.id, async () => {
      const lineItemsUrl = link.context?.lineItemsUrl;
      if (!lineItemsUrl) throw new LtiHttpError('POST', link.registration.issuer, 403, 'the course gave kube-netlab neither a line item nor a line items URL (AGS): grade passback is not enabled for this placement');
      const spec = { label: lab.title, scoreMaximum: lab.maxScore, resourceId: lab.id, resourceLinkId: link.resourceLinkId };
      return (await ags.findOrCreateLineItem(registration, lineItemsUrl, spec)).lineItem.id;
    });
    await ags.publishScore(registration, lineItemUrl, {
      userId: row.platformUserId,
      scoreGiven: score.best,
      scoreMaximum: score.maxScore,
      activityProgress: 'Completed',
      gradingProgress: 'FullyGraded',
      timestamp: new Date(),
      comment: scoreComment(submissions, score.best, score.maxScore, lab),
    });
    return { scoreGiven: score.best, scoreMaximum: score.maxScore };
  }
}
