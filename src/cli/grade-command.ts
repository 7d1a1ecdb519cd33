/**
 * `kube-netlab grade --lab lab.yaml -f manifests.yaml [--student ID] [--param name=value]...
 * [-o text|json]`: grades manifests against a lab file as the service does (src/engine/grading),
 * so an instructor can try a lab's checks, or a course's CI test its labs, without the service.
 * `--starter` prints the student's starter manifests instead. Exits 3 when a check fails, 1 for
 * a lab file with errors or manifests that cannot be graded.
 */
import type { Command } from 'commander';
import { createHash } from 'node:crypto';
import { drawParameters, gradeSubmission, instantiateLab, parseLab, type GradedSubmission } from '../engine';
import { collect, type CommandContext } from './context';

export function gradeCommand(program: Command, ctx: CommandContext): void {
  program
    .command('grade')
    .description("grade manifests against a lab file's checks (as the service grades a submission); exit 3 when a check fails")
    .requiredOption('--lab <path>', 'the lab file (kind: Lab)')
    .option('-f, --filename <path>', 'the manifests handed in: file, directory or - for stdin (repeatable)', collect)
    .option('--student <id>', "draw the lab's parameters for this student id (the service uses the user's id)", 'student')
    .option('--param <name=value>', 'set a parameter instead of drawing it (repeatable)', collect)
    .option('--starter', "print the student's starter manifests and exit")
    .option('-o, --output <format>', 'text or json', 'text')
    .action(async (opts: { lab: string; filename?: string[]; student: string; param?: string[]; starter?: boolean; output: string }) => {
      if (!ctx.checkOutput(opts.output)) return;
      const labSources = await ctx.loadSources([opts.lab]);
      if (!labSources) return;
      if (labSources.length !== 1) return ctx.fail(`--lab takes one file, not ${labSources.length}`);
      const parsed = parseLab(labSources[0].content, labSources[0].name);
      if (!parsed.lab) {
        for (const e of parsed.errors) ctx.io.stderr.write(`${labSources[0].name}:${e.line}:${e.column}: ${e.path ? `${e.path}: ` : ''}${e.message}\n`);
        ctx.exitCode = 1;
        return;
      }
      const values = drawParameters(parsed.lab, opts.student);
      for (const assignment of opts.param ?? []) {
        const [name, ...rest] = assignment.split('=');
        if (!(name in values) || rest.length === 0) return ctx.fail(`--param ${assignment}: the lab has no parameter "${name}" (it has ${Object.keys(values).join(', ') || 'none'})`);
        const value = rest.join('=');
        values[name] = typeof values[name] === 'number' && /^-?\d+$/.test(value) ? Number(value) : value;
      }
      const lab = instantiateLab(parsed.lab, values);
      if (opts.starter) {
        ctx.io.stdout.write(lab.starter);
        return;
      }
      if (!opts.filename) return ctx.fail('give the manifests to grade with -f (or --starter to print the starter)');
      const sources = await ctx.loadSources(opts.filename);
      if (!sources) return;
      const content = sources.map((s) => s.content).join('\n---\n');
      // As the service does: the traces' load balancing is drawn from the manifests.
      const graded = gradeSubmission(content, lab.checks, { seed: createHash('sha256').update(content).digest('hex'), sourceName: sources[0]?.name ?? 'manifests.yaml' });
      if (!graded.gradable) {
        for (const error of graded.errors) ctx.io.stderr.write(`${error}\n`);
        ctx.exitCode = 1;
        return;
      }
      ctx.print(opts.output, { parameters: values, ...graded }, formatGrade);
      if (graded.score < graded.maxScore) ctx.exitCode = 3;
    });
}

/** SCORE, then a line per check: PASS/FAIL, points, and the feedback. */
function formatGrade(grade: GradedSubmission & { parameters: Record<string, string | number> }): string {
  const width = Math.max(...grade.checks.map((c) => c.id.length));
  const params = Object.entries(grade.parameters).map(([k, v]) => `${k}=${v}`).join(' ');
  const lines = grade.checks.map((c) => `${c.passed ? 'PASS' : 'FAIL'}  ${c.id.padEnd(width)}  ${`${c.points}/${c.maxPoints}`.padStart(5)}  ${c.feedback.replace(/\n/g, '\n        ')}`);
  return `SCORE ${grade.score}/${grade.maxScore}${params ? `  (${params})` : ''}\n${lines.join('\n')}\n`;
}
