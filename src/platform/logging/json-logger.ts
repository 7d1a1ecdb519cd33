import type { LoggerService, LogLevel } from '@nestjs/common';
import { currentContext } from './request-context';

type Write = (line: string) => void;

/**
 * Nest's logger replaced by one JSON object per line: `level`, `time`, `msg`, `context`,
 * `process` (api or worker), and `requestId`/`runId` when the work has them. Errors go to
 * stderr with their stack in `stack`, everything else to stdout.
 */
export class JsonLogger implements LoggerService {
  private levels?: Set<LogLevel>;

  constructor(
    private readonly processName: string,
    private readonly out: Write = (line) => process.stdout.write(line),
    private readonly err: Write = (line) => process.stderr.write(line),
  ) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('verbose', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }
  setLogLevels(levels: LogLevel[]): void {
    this.levels = new Set(levels);
  }

  private write(level: string, message: unknown, rest: unknown[]): void {
    const nestLevel = (level === 'info' ? 'log' : level) as LogLevel;
    if (this.levels && !this.levels.has(nestLevel)) return;
    // Nest passes the context last; Logger.error passes a stack before it.
    const args = [...rest];
    const context = typeof args[args.length - 1] === 'string' ? (args.pop() as string) : undefined;
    let stack = level === 'error' && typeof args[0] === 'string' ? (args.shift() as string) : undefined;
    let msg: string;
    let extra: Record<string, unknown> = {};
    if (message instanceof Error) {
      msg = message.message;
      stack ??= message.stack;
    } else if (message !== null && typeof message === 'object') {
      const { msg: m, message: mm, ...fields } = message as Record<string, unknown>;
      msg = String(m ?? mm ?? '');
      extra = fields;
    } else {
      msg = String(message);
    }
    const entry = {
      level,
      time: new Date().toISOString(),
      process: this.processName,
      ...(context ? { context } : {}),
      msg,
      ...currentContext(),
      ...extra,
      ...(stack ? { stack } : {}),
    };
    const line = `${JSON.stringify(entry)}\n`;
    if (level === 'error' || level === 'fatal') this.err(line);
    else this.out(line);
  }
}
