import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import type { Response } from 'express';
import { NoRateLimit } from '../../platform/rate-limit/no-rate-limit';
import { Public } from '../auth/auth.decorators';
import { HealthService } from './health.service';

/** Public: load balancers and orchestrators probe it without credentials. */
@Public()
@NoRateLimit()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** 200 when Postgres and Redis both answer, 503 otherwise; the body says which. */
  @Get()
  async check(@Res() response: Response): Promise<void> {
    await this.ready(response);
  }

  /** Liveness: the process is up and its event loop turns; never touches a dependency. */
  @Get('live')
  live(): { status: 'ok'; uptimeSeconds: number } {
    return { status: 'ok', uptimeSeconds: Math.round(process.uptime()) };
  }

  /** Readiness: as GET /health — send traffic only while Postgres and Redis answer. */
  @Get('ready')
  async ready(@Res() response: Response): Promise<void> {
    const report = await this.health.check();
    response.status(report.status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(report);
  }
}
