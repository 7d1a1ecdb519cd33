import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { CoreModule } from './core.module';
import { AuthModule } from './modules/auth/auth.module';
import { HealthModule } from './modules/health/health.module';
import { AllExceptionsFilter } from './platform/errors/exception.filter';

/** The API process: the shared graph plus HTTP (REST under /api, GraphQL at /graphql, /health). */
@Module({
  imports: [
    CoreModule,
    HealthModule,
    AuthModule,
    GraphQLModule.forRoot<ApolloDriverConfig>({
      driver: ApolloDriver,
      path: '/graphql',
      autoSchemaFile: true,
      sortSchema: true,
      introspection: true,
      // The guard reads credentials from the HTTP request behind each operation.
      context: ({ req }: { req: unknown }) => ({ req }),
    }),
  ],
  providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }],
})
export class ApiModule {}
