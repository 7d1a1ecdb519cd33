import { JsonLogger } from './json-logger';
import { requestIdFrom, runWithContext } from './request-context';

describe('JsonLogger', () => {
  const capture = () => {
    const out: string[] = [];
    const err: string[] = [];
    const logger = new JsonLogger('worker', (l) => out.push(l), (l) => err.push(l));
    return { logger, out, err, parsed: (lines: string[]) => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
  };

  it('writes one JSON line per call with level, time, process, context, msg and the ids of the work', async () => {
    const { logger, out, parsed } = capture();
    await runWithContext({ requestId: 'r-1' }, async () => {
      await Promise.resolve();
      runWithContext({ runId: 'run-9' }, () => logger.log('run run-9 started', 'SimulationProcessor'));
    });
    logger.warn({ msg: 'slow', durationMs: 12 });
    expect(out.every((l) => l.endsWith('\n') && !l.slice(0, -1).includes('\n'))).toBe(true);
    const [first, second] = parsed(out);
    expect(first).toEqual({ level: 'info', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/), process: 'worker', context: 'SimulationProcessor', msg: 'run run-9 started', requestId: 'r-1', runId: 'run-9' });
    expect(second).toMatchObject({ level: 'warn', msg: 'slow', durationMs: 12 });
    expect(second).not.toHaveProperty('requestId');
  });

  it('sends errors to stderr with the stack Nest passes before the context', () => {
    const { logger, out, err, parsed } = capture();
    logger.error('boom', 'Error: boom\n    at x', 'Errors');
    expect(out).toEqual([]);
    expect(parsed(err)[0]).toMatchObject({ level: 'error', msg: 'boom', context: 'Errors', stack: 'Error: boom\n    at x' });
  });

  it('honours the log levels Nest sets', () => {
    const { logger, out } = capture();
    logger.setLogLevels(['error', 'warn']);
    logger.log('hidden');
    logger.debug('hidden');
    logger.warn('shown');
    expect(out).toHaveLength(1);
  });
});

describe('requestIdFrom', () => {
  it('keeps a sane caller id and replaces anything else with a UUID', () => {
    expect(requestIdFrom('abc-123')).toBe('abc-123');
    expect(requestIdFrom(['first', 'second'])).toBe('first');
    for (const bad of [undefined, '', 'x'.repeat(129), 'has space', 'line\nbreak', '{"json":1}']) {
      expect(requestIdFrom(bad)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });
});
