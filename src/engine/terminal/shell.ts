/**
 * The slice of POSIX shell the course notes use: words with single quotes, double quotes
 * and backslash escapes, pipelines (`a | b`), and lists (`a; b`, `a && b`, `a || b`).
 * No expansion (`$VAR`, globs, `$(...)`) and no redirection: a word keeps such text as it is.
 */

/** One simple command: its words, the command name first. */
export type Argv = string[];

/** Commands joined by `|`: each one's stdout is the next one's stdin. */
export interface Pipeline {
  commands: Argv[];
  /** How this pipeline is joined to the previous one; ';' for the first. */
  after: ';' | '&&' | '||';
}

export class ShellSyntaxError extends Error {}

/**
 * Splits a command line into pipelines. Throws ShellSyntaxError for an unterminated quote
 * or an operator without a command (`| grep`), with bash's wording.
 */
export function parseCommandLine(line: string): Pipeline[] {
  type Token = { word: string } | { op: '|' | ';' | '&&' | '||' };
  const tokens: Token[] = [];
  let i = 0;
  let word: string | null = null;
  const flush = () => {
    if (word !== null) tokens.push({ word });
    word = null;
  };
  while (i < line.length) {
    const c = line[i];
    if (c === ' ' || c === '\t' || c === '\n') {
      flush();
      i++;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new ShellSyntaxError("unexpected EOF while looking for matching `''");
      word = (word ?? '') + line.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      let j = i + 1;
      let text = '';
      for (;;) {
        if (j >= line.length) throw new ShellSyntaxError('unexpected EOF while looking for matching `"\'');
        const d = line[j];
        if (d === '"') break;
        // Inside double quotes a backslash escapes only $ ` " \ and newline (bash(1), QUOTING).
        if (d === '\\' && j + 1 < line.length && '$`"\\\n'.includes(line[j + 1])) {
          text += line[j + 1];
          j += 2;
        } else {
          text += d;
          j++;
        }
      }
      word = (word ?? '') + text;
      i = j + 1;
    } else if (c === '\\') {
      if (i + 1 < line.length) word = (word ?? '') + line[i + 1];
      i += 2;
    } else if (c === '|' || c === ';' || c === '&') {
      flush();
      const two = line.slice(i, i + 2);
      if (two === '&&' || two === '||') {
        tokens.push({ op: two });
        i += 2;
      } else if (c === '&') {
        throw new ShellSyntaxError('background jobs (&) are not supported here');
      } else {
        tokens.push({ op: c as '|' | ';' });
        i++;
      }
    } else {
      word = (word ?? '') + c;
      i++;
    }
  }
  flush();

  const pipelines: Pipeline[] = [];
  let current: Argv = [];
  let pipeline: Pipeline = { commands: [], after: ';' };
  for (const t of tokens) {
    if ('word' in t) {
      current.push(t.word);
      continue;
    }
    if (current.length === 0) throw new ShellSyntaxError(`syntax error near unexpected token \`${t.op}'`);
    pipeline.commands.push(current);
    current = [];
    if (t.op !== '|') {
      pipelines.push(pipeline);
      pipeline = { commands: [], after: t.op };
    }
  }
  if (current.length > 0) pipeline.commands.push(current);
  else if (pipeline.commands.length > 0) throw new ShellSyntaxError('syntax error: unexpected end of file');
  if (pipeline.commands.length > 0) pipelines.push(pipeline);
  return pipelines;
}
