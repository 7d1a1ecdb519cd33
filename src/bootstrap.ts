import { INestApplication, LoggerService, LogLevel, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ApiModule } from './api.module';
import { AppConfig } from './platform/config/app-config';

/** Builds the API application (not yet listening): shared by main.ts and the e2e tests. */
export async function createApi(options: { logger?: LoggerService | LogLevel[] | false } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule, options);
  const config = app.get(AppConfig);
  // A little headroom over the manifest limit for the JSON envelope and escaping.
  app.useBodyParser('json', { limit: config.maxScenarioBytes * 2 });
  app.setGlobalPrefix('api', { exclude: ['health', 'health/live', 'health/ready', 'metrics'] });
  app.useGlobalPipes(new ValidationPipe({ transform: true, whitelist: true, forbidUnknownValues: false }));
  app.enableShutdownHooks();
  return app;
}
