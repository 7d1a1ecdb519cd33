import { Injectable } from '@nestjs/common';
import { Prisma, WebhookDeliveryStatus } from '../../generated/prisma/client';
import { PrismaService } from '../../platform/prisma/prisma.service';

/** A delivery to record: the id is chosen by the caller so it can queue the job at once. */
export interface NewDelivery {
  id: string;
  subscriptionId: string;
  eventId: string;
  type: string;
  payload: Prisma.InputJsonValue;
}

/** One attempt as the processor saw it. */
export interface AttemptRecord {
  number: number;
  startedAt: Date;
  durationMs: number;
  responseStatus: number | null;
  responseBody: string | null;
  error: string | null;
}

/** Where a delivery stands after an attempt: finished (succeeded or failed), or pending until nextAttemptAt. */
export type DeliveryState = { status: 'succeeded' | 'failed' } | { status: 'pending'; nextAttemptAt: Date };

const withAttempts = { attempts: { orderBy: { number: 'asc' as const } } };

/**
 * The only file of the webhooks feature that touches Prisma. What a request reaches is
 * scoped to the caller's organization (another organization's webhook or delivery is
 * indistinguishable from one that does not exist); the rest serves the worker, which acts
 * on delivery ids it was given.
 */
@Injectable()
export class WebhooksRepository {
  constructor(private readonly prisma: PrismaService) {}

  createSubscription(organizationId: string, data: { url: string; events: string[]; description: string; secret: string }) {
    return this.prisma.webhookSubscription.create({ data: { organizationId, ...data } });
  }

  listSubscriptions(organizationId: string) {
    return this.prisma.webhookSubscription.findMany({ where: { organizationId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
  }

  findSubscription(organizationId: string, id: string) {
    return this.prisma.webhookSubscription.findFirst({ where: { id, organizationId } });
  }

  /** Deletes a subscription with its deliveries and their attempts; returns what was deleted, or null. */
  async deleteSubscription(organizationId: string, id: string) {
    const found = await this.findSubscription(organizationId, id);
    if (!found) return null;
    await this.prisma.webhookSubscription.deleteMany({ where: { id, organizationId } });
    return found;
  }

  /** The organization's active subscriptions to an event type. */
  subscribersOf(organizationId: string, type: string) {
    return this.prisma.webhookSubscription.findMany({ where: { organizationId, disabledAt: null, events: { has: type } }, select: { id: true } });
  }

  createDeliveries(deliveries: NewDelivery[]) {
    return this.prisma.webhookDelivery.createMany({ data: deliveries });
  }

  /** A subscription's deliveries, newest first, each with its attempts in order. */
  listDeliveries(organizationId: string, subscriptionId: string, take: number) {
    return this.prisma.webhookDelivery.findMany({
      where: { subscriptionId, subscription: { organizationId } },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take,
      include: withAttempts,
    });
  }

  findDelivery(organizationId: string, id: string) {
    return this.prisma.webhookDelivery.findFirst({ where: { id, subscription: { organizationId } }, include: { ...withAttempts, subscription: true } });
  }

  /**
   * Counts the next attempt of a pending delivery and returns it with its subscription;
   * null when it finished already or was deleted with its webhook (a duplicate job).
   */
  async startAttempt(id: string) {
    const { count } = await this.prisma.webhookDelivery.updateMany({
      where: { id, status: WebhookDeliveryStatus.pending },
      data: { attemptCount: { increment: 1 } },
    });
    if (count === 0) return null;
    return this.prisma.webhookDelivery.findUnique({ where: { id }, include: { subscription: true } });
  }

  /** Stores an attempt and where the delivery stands after it, together. */
  recordAttempt(deliveryId: string, attempt: AttemptRecord, state: DeliveryState) {
    const finished = state.status !== 'pending';
    return this.prisma.$transaction([
      this.prisma.webhookAttempt.create({ data: { deliveryId, ...attempt } }),
      this.prisma.webhookDelivery.update({
        where: { id: deliveryId },
        data: { status: state.status, nextAttemptAt: finished ? null : state.nextAttemptAt, finishedAt: finished ? new Date() : null },
      }),
    ]);
  }

  /** Marks a still-pending delivery failed (its webhook was disabled, or the queue gave up); whether it was pending. */
  async fail(id: string): Promise<boolean> {
    const { count } = await this.prisma.webhookDelivery.updateMany({
      where: { id, status: WebhookDeliveryStatus.pending },
      data: { status: WebhookDeliveryStatus.failed, nextAttemptAt: null, finishedAt: new Date() },
    });
    return count === 1;
  }

  disableSubscription(id: string) {
    return this.prisma.webhookSubscription.updateMany({ where: { id, disabledAt: null }, data: { disabledAt: new Date() } });
  }

  /** Pending deliveries whose attempt was due before `before`: candidates for the reconciler. */
  findOverdue(before: Date, take = 100) {
    return this.prisma.webhookDelivery.findMany({
      where: { status: WebhookDeliveryStatus.pending, nextAttemptAt: { lt: before } },
      select: { id: true },
      orderBy: { nextAttemptAt: 'asc' },
      take,
    });
  }

  /** What a run.finished event tells about a run, with the organization it belongs to. */
  findRunOutcome(runId: string) {
    return this.prisma.simulationRun.findUnique({
      where: { id: runId },
      select: { id: true, status: true, error: true, version: { select: { number: true, scenarioId: true, scenario: { select: { organizationId: true } } } } },
    });
  }
}
