/**
 * The events an organization can subscribe a URL to, named as Standard Webhooks recommends
 * (full-stop delimited, [a-z_] parts). Each type's `data` keeps one shape:
 *
 * | type | data |
 * | --- | --- |
 * | run.finished | { runId, scenarioId, versionNumber, status: 'succeeded' or 'failed', error } |
 * | submission.graded | set by the labs module |
 * | regrade.finished | set by the labs module |
 */
export const WEBHOOK_EVENT_TYPES = ['run.finished', 'submission.graded', 'regrade.finished'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
