import { INestApplication, LoggerService, LogLevel, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ApiModule } from './api.module';
import { LTI_ROUTES } from './modules/lti/lti.controller';
import { AppConfig } from './platform/config/app-config';
import { ENGINE_VERSION } from './engine';

/** Builds the API application (not yet listening): shared by main.ts and the e2e tests. */
export async function createApi(options: { logger?: LoggerService | LogLevel[] | false } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule, options);
  const config = app.get(AppConfig);
  // A little headroom over the manifest limit for the JSON envelope and escaping.
  app.useBodyParser('json', { limit: config.maxScenarioBytes * 2 });
  app.setGlobalPrefix('api', { exclude: ['health', 'health/live', 'health/ready', 'metrics', ...LTI_ROUTES] });
  app.useGlobalPipes(new ValidationPipe({ transform: true, whitelist: true, forbidUnknownValues: false }));
  serveOpenApi(app);
  app.enableShutdownHooks();
  return app;
}

/**
 * The REST API's OpenAPI document, built from the controllers and DTOs: the UI at
 * /api/docs, the JSON at /api/docs/openapi.json (both public; the routes they describe need
 * `Authorization: Bearer <token or API key>` except health, metrics, sign-up and sign-in).
 */
function serveOpenApi(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('kube-netlab')
      .setDescription('Kubernetes-networking lab backend: scenarios, simulation runs with probes, accounts. GraphQL at /graphql offers the same.')
      .setVersion(ENGINE_VERSION)
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'a sign-in token or an API key (knl_...)' })
      .addSecurityRequirements('bearer')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });
}
