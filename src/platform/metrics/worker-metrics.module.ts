import { Module } from '@nestjs/common';
import { WorkerMetricsServer } from './worker-metrics.server';

/** The worker's own /metrics listener (WORKER_METRICS_PORT). */
@Module({ providers: [WorkerMetricsServer] })
export class WorkerMetricsModule {}
