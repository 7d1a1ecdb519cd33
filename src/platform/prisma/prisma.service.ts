import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../../generated/prisma/client';
import { AppConfig } from '../config/app-config';

/** The one Prisma client of a process, on the pg driver adapter (no native engine). */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  constructor(config: AppConfig) {
    super({
      // 20 connections per process (pg's default is 10): a class submitting at once queues on the pool, not on a timeout.
      adapter: new PrismaPg({ connectionString: config.databaseUrl, max: 20 }),
      // Prisma's defaults (2 s to get a connection, 5 s per transaction) turn a burst of load into 500s; wait it out instead.
      transactionOptions: { maxWait: 10_000, timeout: 20_000 },
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }
}
