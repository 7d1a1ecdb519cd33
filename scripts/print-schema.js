#!/usr/bin/env node
// `npm run schema:print [-- FILE]`: writes the GraphQL schema the code defines to
// schema.graphql, or FILE (committed; the e2e suite fails when the two drift apart).
// Needs `npm run build` first.
const { writeFileSync } = require('node:fs');
const path = require('node:path');
const { printSchema } = require('graphql');
const { GraphQLSchemaHost } = require('@nestjs/graphql');
const { createApi } = require('../dist/bootstrap');

(async () => {
  const app = await createApi({ logger: false });
  await app.init();
  const { schema } = app.get(GraphQLSchemaHost);
  const file = process.argv[2] ?? path.join(__dirname, '..', 'schema.graphql');
  writeFileSync(file, printSchema(schema) + '\n');
  await app.close();
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
