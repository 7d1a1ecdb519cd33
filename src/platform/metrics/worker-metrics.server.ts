import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createServer, Server } from 'node:http';
import { AppConfig } from '../config/app-config';
import { registry } from './metrics';

/**
 * A worker has no HTTP API; it serves its own metrics (queue wait, run duration, runs
 * finished, process metrics) on WORKER_METRICS_PORT at /metrics. A port already taken (a
 * second worker on the same host) costs the metrics, not the worker.
 */
@Injectable()
export class WorkerMetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  private server?: Server;

  constructor(private readonly config: AppConfig) {}

  onApplicationBootstrap(): void {
    if (this.config.workerMetricsPort === 0) return;
    const server = createServer((request, response) => {
      if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
        response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
        return;
      }
      registry.metrics().then(
        (text) => response.writeHead(200, { 'Content-Type': registry.contentType }).end(text),
        (error: Error) => response.writeHead(500, { 'Content-Type': 'text/plain' }).end(`${error.message}\n`),
      );
    });
    server.on('error', (error) => this.logger.warn(`worker metrics not served on port ${this.config.workerMetricsPort}: ${error.message}`));
    server.listen(this.config.workerMetricsPort, () => this.logger.log(`worker metrics on http://localhost:${this.config.workerMetricsPort}/metrics`));
    this.server = server;
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise<void>((resolve) => (this.server?.listening ? this.server.close(() => resolve()) : resolve()));
  }
}
