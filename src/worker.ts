import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from './platform/config/app-config';
import { createLogger } from './platform/logging/create-logger';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const logger = createLogger(loadConfig(), 'worker');
  const app = await NestFactory.createApplicationContext(WorkerModule, logger ? { logger } : {});
  app.enableShutdownHooks();
  Logger.log('kube-netlab worker consuming simulation jobs', 'Worker');
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
