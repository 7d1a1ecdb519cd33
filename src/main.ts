import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApi } from './bootstrap';
import { AppConfig, loadConfig } from './platform/config/app-config';
import { createLogger } from './platform/logging/create-logger';

async function main(): Promise<void> {
  const logger = createLogger(loadConfig(), 'api');
  const app = await createApi(logger ? { logger } : {});
  const { port } = app.get(AppConfig);
  await app.listen(port);
  Logger.log(`kube-netlab API on http://localhost:${port} (GraphQL /graphql, REST /api, /health)`, 'Main');
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
