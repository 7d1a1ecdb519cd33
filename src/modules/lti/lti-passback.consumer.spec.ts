import type { AppConfig } from '../../platform/config/app-config';

// The unit project runs without NestJS (ES modules only): its decorators are no-ops here, its Logger quiet.
jest.mock('@nestjs/common', () => ({
  Injectable: () => () => undefined,
  Global: () => () => undefined,
  Module: () => () => undefined,
  Inject: () => () => undefined,
  Logger: class {
    log() {}
    warn() {}
    error() {}
  },
}));
import { GradeHooks } from '../grading/grade-hooks';
import type { LtiPassbackService } from './lti-passback.service';
import { LtiPassbackConsumer } from './lti-passback.consumer';
import type { LtiRepository } from './lti.repository';

describe('LtiPassbackConsumer with Redis away', () => {
  // Nothing listens on port 1: ioredis keeps the commands in its offline queue and retries.
  const config = { redisUrl: 'redis://127.0.0.1:1', ltiPassbackAttempts: 3, ltiPassbackBackoffMs: 100 } as AppConfig;
  let consumer: LtiPassbackConsumer;
  const hooks = new GradeHooks();
  const passbacks = { gradeFinished: async () => ['passback-1', 'passback-2'] } as unknown as LtiPassbackService;

  beforeEach(() => {
    consumer = new LtiPassbackConsumer(config, hooks, passbacks, {} as LtiRepository);
    consumer.onModuleInit();
  });
  afterEach(() => consumer.onApplicationShutdown());

  it('records the grade’s passbacks and returns within the enqueue timeouts, leaving them to the reconciler', async () => {
    const started = Date.now();
    // The grading processor awaits every listener after storing a grade.
    await hooks.gradeFinished({ gradeId: 'g', submissionId: 's', organizationId: 'o', labId: 'l', userId: 'u', classroomId: null, regradeId: null, status: 'graded', score: 1, maxScore: 1 });
    expect(Date.now() - started).toBeLessThan(2 * 2000 + 1000);
  }, 10_000);
});
