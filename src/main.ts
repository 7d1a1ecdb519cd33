import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApi } from './bootstrap';
import { AppConfig } from './platform/config/app-config';

async function main(): Promise<void> {
  const app = await createApi();
  const { port } = app.get(AppConfig);
  await app.listen(port);
  Logger.log(`kube-netlab API on http://localhost:${port} (GraphQL /graphql, REST /api, /health)`, 'Main');
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
