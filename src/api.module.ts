import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { CoreModule } from './core.module';
import { HealthModule } from './modules/health/health.module';
import { AllExceptionsFilter } from './platform/errors/exception.filter';
import { LoggingModule } from './platform/logging/logging.module';
import { graphqlMetricsPlugin } from './platform/metrics/graphql-metrics.plugin';
import { MetricsModule } from './platform/metrics/metrics.module';

/** The API process: the shared graph plus HTTP (REST under /api, GraphQL at /graphql, /health). */
@Module({
  imports: [
    CoreModule,
    HealthModule,
    LoggingModule,
    MetricsModule,
    GraphQLModule.forRoot<ApolloDriverConfig>({
      driver: ApolloDriver,
      path: '/graphql',
      autoSchemaFile: true,
      sortSchema: true,
      introspection: true,
      plugins: [graphqlMetricsPlugin()],
    }),
  ],
  providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }],
})
export class ApiModule {}
