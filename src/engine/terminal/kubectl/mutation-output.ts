/**
 * What a mutating kubectl command printed: stdout and stderr apart (as the terminal keeps
 * them) and interleaved in the order they were written (as a timeline step records them).
 */
import type { CommandOutput } from '../text-tools';

export interface MutationOutput extends CommandOutput {
  /** stdout and stderr in the order written, as a terminal shows them. */
  transcript: string;
}

export class OutputWriter {
  private stdout = '';
  private stderr = '';
  private transcript = '';

  out(text: string): void {
    this.stdout += text;
    this.transcript += text;
  }

  err(text: string): void {
    this.stderr += text;
    this.transcript += text;
  }

  /** `Warning: <text>`, as k8s.io/cli-runtime's WarningPrinter writes to stderr. */
  warn(text: string): void {
    this.err(`Warning: ${text}\n`);
  }

  done(exitCode: number): MutationOutput {
    return { stdout: this.stdout, stderr: this.stderr, exitCode, transcript: this.transcript };
  }

  /** Writes `text` to stderr and finishes with exit status 1. */
  fail(text: string): MutationOutput {
    this.err(text);
    return this.done(1);
  }
}
