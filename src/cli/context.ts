/**
 * What every kube-netlab subcommand shares: reading the -f sources, simulating them with
 * syntax errors printed as located diagnostics, error output and the exit code.
 */
import type { Command } from 'commander';
import { ManifestSyntaxError, simulate, type ManifestSource, type SimulateOptions, type SimulationResult } from '../engine';
import { formatDiagnostic } from './format-text';
import { readSources, SourceError } from './read-sources';

export interface CliIO {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  stdin: AsyncIterable<string | Buffer>;
  /** Directory relative paths are resolved against (default: process.cwd()). */
  cwd?: string;
}

export class CommandContext {
  exitCode = 0;

  constructor(readonly io: CliIO) {}

  /** Prints `error: MESSAGE` and exits 1 (kubectl's style). */
  fail(message: string): void {
    this.io.stderr.write(`error: ${message}\n`);
    this.exitCode = 1;
  }

  /** The -f sources; null (with the error printed) when one cannot be read. */
  async loadSources(filenames: string[]): Promise<ManifestSource[] | null> {
    try {
      return await readSources(filenames, this.io.stdin, this.io.cwd ?? process.cwd());
    } catch (err) {
      if (!(err instanceof SourceError)) throw err;
      this.fail(err.message);
      return null;
    }
  }

  /** Reads and simulates the -f sources; null (with located diagnostics printed) when they do not parse. */
  async simulate(filenames: string[], options: SimulateOptions = {}): Promise<SimulationResult | null> {
    const sources = await this.loadSources(filenames);
    if (!sources) return null;
    try {
      return simulate(sources, options);
    } catch (err) {
      if (!(err instanceof ManifestSyntaxError)) throw err;
      for (const d of err.diagnostics) this.io.stderr.write(`${formatDiagnostic(d)}\n`);
      this.exitCode = 1;
      return null;
    }
  }

  /** Writes `value` as 2-space JSON with a trailing newline for `-o json`, else as `text` renders it. */
  print<T>(output: string, value: T, text: (value: T) => string): void {
    this.io.stdout.write(output === 'json' ? `${JSON.stringify(value, null, 2)}\n` : text(value));
  }

  /** `-o text|json`: false (with kubectl's error printed) for anything else. */
  checkOutput(output: string): boolean {
    if (output === 'text' || output === 'json') return true;
    this.fail(`unable to match a printer suitable for the output format "${output}", allowed formats are: json, text`);
    return false;
  }
}

/** Commander's collector for repeatable options (`-f a -f b`). */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** A subcommand that reads a scenario: its `-f` (repeatable) comes first. */
export function scenarioCommand(program: Command, name: string, description: string): Command {
  return program.command(name).description(description).requiredOption('-f, --filename <path>', 'manifest file, directory of manifests, or - for stdin (repeatable)', collect);
}

/** `-o text|json` and `--seed`, the last options of every scenario subcommand. */
export function outputOptions(command: Command, seedHelp = 're-roll generated names (Pod suffixes)'): Command {
  return command.option('-o, --output <format>', 'text or json', 'text').option('--seed <seed>', seedHelp, '');
}
