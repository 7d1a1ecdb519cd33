import { defineConfig } from 'prisma/config';

// The datasource URL lives here in Prisma 7, not in schema.prisma. Migrations are applied
// by `npm run db:migrate`; `prisma migrate deploy` on a connected machine agrees with it.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: {
    url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/kube_netlab',
  },
});
