import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { GraphQLModule } from '@nestjs/graphql';
import type { GraphQLError, ValidationContext } from 'graphql';
import { CoreModule } from './core.module';
import { AuthModule } from './modules/auth/auth.module';
import { IdempotencyModule } from './modules/idempotency/idempotency.module';
import { HealthModule } from './modules/health/health.module';
import { AllExceptionsFilter } from './platform/errors/exception.filter';
import { LoggingModule } from './platform/logging/logging.module';
import { graphqlMetricsPlugin } from './platform/metrics/graphql-metrics.plugin';
import { MetricsModule } from './platform/metrics/metrics.module';

/**
 * Bounds on one GraphQL document (introspection excepted): the deepest result field is 8
 * levels down (simulationRun → result → probes → traces → trace → hops → before → src), and
 * a full run result with every probe costs well under 5,000 in graphql-armor's cost model;
 * many aliased copies of it do not.
 */
export const GRAPHQL_LIMITS = { maxDepth: 12, maxCost: 5000 };

/** graphql-armor throws by default (a 500); reported on the validation context, a refusal is a validation error. */
const reportAsValidationError = {
  propagateOnRejection: false,
  onReject: [(ctx: ValidationContext | null, error: GraphQLError) => ctx?.reportError(error)],
};

/** The API process: the shared graph plus HTTP (REST under /api, GraphQL at /graphql, /health). */
@Module({
  imports: [
    CoreModule,
    HealthModule,
    AuthModule,
    IdempotencyModule,
    LoggingModule,
    MetricsModule,
    GraphQLModule.forRoot<ApolloDriverConfig>({
      driver: ApolloDriver,
      path: '/graphql',
      autoSchemaFile: true,
      sortSchema: true,
      introspection: true,
      // A query's depth and cost are bounded before it runs (GRAPHQL_VALIDATION_FAILED otherwise).
      validationRules: [maxDepthRule({ n: GRAPHQL_LIMITS.maxDepth, ...reportAsValidationError }), costLimitRule({ maxCost: GRAPHQL_LIMITS.maxCost, ...reportAsValidationError })],
      // The guard reads credentials from the HTTP request behind each operation; over
      // graphql-ws (subscriptions), from the connection's `authorization` parameter.
      context: (ctx: { req?: { ip?: string }; connectionParams?: Record<string, unknown>; extra?: { request?: { socket?: { remoteAddress?: string } } } }) =>
        ctx.req
          ? { req: ctx.req }
          : { req: { headers: { authorization: ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization }, ip: ctx.extra?.request?.socket?.remoteAddress } },
      subscriptions: { 'graphql-ws': true },
      plugins: [graphqlMetricsPlugin()],
    }),
  ],
  providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }],
})
export class ApiModule {}
