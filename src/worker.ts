import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(WorkerModule);
  app.enableShutdownHooks();
  Logger.log('kube-netlab worker consuming simulation jobs', 'Worker');
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
