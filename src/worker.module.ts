import { Module } from '@nestjs/common';
import { CoreModule } from './core.module';
import { LtiWorkerModule } from './modules/lti/lti-worker.module';
import { SimulationWorkerModule } from './modules/simulations/simulation-worker.module';
import { WebhookWorkerModule } from './modules/webhooks/webhook-worker.module';
import { WorkerMetricsModule } from './platform/metrics/worker-metrics.module';

/** The worker process: the shared graph plus the queue consumers; no HTTP listener. */
@Module({ imports: [CoreModule, SimulationWorkerModule, WebhookWorkerModule, WorkerMetricsModule, LtiWorkerModule] })
export class WorkerModule {}
