// Nest ships ES modules only, which the unit project does not load: stand-ins for what the service imports from it.
jest.mock('@nestjs/common', () => ({ Injectable: () => () => undefined, Logger: class {} }));
jest.mock('../../platform/queue/queue.module', () => ({ SimulationQueue: class {} }));
jest.mock('../../platform/config/app-config', () => ({ AppConfig: class {} }));
jest.mock('../../platform/events/run-events', () => ({ RunEvents: class {} }));
jest.mock('../classrooms/classrooms.service', () => ({ ClassroomsService: class {} }));
jest.mock('../scenarios/scenarios.service', () => ({ ScenariosService: class {} }));
jest.mock('../labs/labs.service', () => ({ LabsService: class {}, parameterSeed: (lab: string, user: string) => `${lab}:${user}` }));
jest.mock('./grade-hooks', () => ({ GradeHooks: class {} }));
jest.mock('./grading.repository', () => ({ GradingRepository: class {} }));

import { applyLateRule, type LabRules } from '../../engine';
import type { Caller } from '../auth/permissions';
import type { NewSubmission, SubmissionHistory } from './grading.repository';
import { GradingService } from './grading.service';

/**
 * A submission's time is the instant its rules were checked at: one admitted on time (at
 * dueAt itself) stays on time, however long it waits for the student's lock before it is stored.
 */
describe('GradingService.submit', () => {
  const rules: LabRules = { dueAt: '2026-09-08T23:59:00Z', lateUntil: '2026-09-09T23:59:00Z', latePercent: 50 };
  const student: Caller = { organizationId: 'org', userId: 'ann', apiKeyId: null, role: 'student', permissions: new Set(['read']) };

  afterEach(() => jest.useRealTimers());

  it('stores the instant the window was checked at, not the instant the row is written', async () => {
    jest.useFakeTimers({ now: Date.parse(rules.dueAt!), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const stored: NewSubmission[] = [];
    const repository = {
      submit: async (submission: NewSubmission, _grade: unknown, admit: (history: SubmissionHistory) => void) => {
        jest.setSystemTime(Date.parse(rules.dueAt!) + 250); // waiting for the advisory lock
        admit({ gradedAttempts: 0 });
        stored.push(submission);
        return { id: 's', organizationId: 'org', classroomId: null, grades: [{ id: 'g', status: 'queued' }] };
      },
    };
    const labs = { get: async () => ({ staff: false, record: { versions: [{ id: 'v1' }] }, definition: { parameters: [], rules } }) };
    const classrooms = { membershipsForLab: async () => [] };
    const queue = { enqueueGrade: async () => undefined };
    const service = new GradingService(repository as never, labs as never, classrooms as never, {} as never, queue as never, {} as never, { maxScenarioBytes: 1 << 20 } as never, {} as never);

    await service.submit(student, 'lab', { manifests: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n' });

    expect(stored[0].submittedAt).toEqual(new Date(rules.dueAt!));
    expect(applyLateRule(rules, stored[0].submittedAt, 10)).toEqual({ score: 10, late: false });
  });
});
