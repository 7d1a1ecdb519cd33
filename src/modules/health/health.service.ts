import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../platform/prisma/prisma.service';
import { SimulationQueue } from '../../platform/queue/queue.module';

export interface DependencyHealth {
  status: 'up' | 'down';
  error?: string;
}

export interface HealthReport {
  status: 'ok' | 'error';
  postgres: DependencyHealth;
  redis: DependencyHealth;
}

const TIMEOUT_MS = 2000;

@Injectable()
export class HealthService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly queue: SimulationQueue,
  ) {}

  async check(): Promise<HealthReport> {
    const [postgres, redis] = await Promise.all([
      probe(() => this.prisma.$queryRaw`SELECT 1`),
      probe(() => this.queue.ping()),
    ]);
    return { status: postgres.status === 'up' && redis.status === 'up' ? 'ok' : 'error', postgres, redis };
  }
}

async function probe(check: () => Promise<unknown>): Promise<DependencyHealth> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), timeout]);
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}
