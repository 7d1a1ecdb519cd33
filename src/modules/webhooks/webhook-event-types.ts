/**
 * The events an organization can subscribe a URL to, named as Standard Webhooks recommends
 * (full-stop delimited, [a-z_] parts). Each type's `data` keeps one shape:
 *
 * | type | data |
 * | --- | --- |
 * | run.finished | { runId, scenarioId, versionNumber, status: 'succeeded' or 'failed', error } |
 * | submission.graded | { submissionId, gradeId, labId, studentId, classroomId, regradeId (null for a first grading), status: 'graded', 'not_gradable' or 'failed', score, maxScore } |
 * | regrade.finished | { regradeId, labId } |
 */
export const WEBHOOK_EVENT_TYPES = ['run.finished', 'submission.graded', 'regrade.finished'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
