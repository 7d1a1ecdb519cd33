import type { LoggerService } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { JsonLogger } from './json-logger';

/** The logger a process starts with: JSON lines, or Nest's default text logger (undefined). */
export function createLogger(config: Pick<AppConfig, 'logFormat'>, processName: 'api' | 'worker'): LoggerService | undefined {
  return config.logFormat === 'json' ? new JsonLogger(processName) : undefined;
}
