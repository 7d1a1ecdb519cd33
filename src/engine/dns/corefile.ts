/**
 * The Corefile's syntax (CoreDNS reads it with Caddy's caddyfile lexer and parser):
 * server blocks `KEY [KEY...] { ... }` whose keys are `[scheme://]zone[:port]`; inside,
 * one directive per line, `name arg...`, optionally followed by a `{ ... }` block of
 * sub-directives; `#` starts a comment; `"..."` quotes a word. Errors read like CoreDNS's
 * (`Corefile:LINE - Error during parsing: ...`) and carry the 1-based line in the Corefile.
 */

export interface CorefileDirective {
  name: string;
  args: string[];
  line: number;
  /** Sub-directives of a `{ ... }` block; [] when the directive has none. */
  block: CorefileDirective[];
}

export interface CorefileKey {
  /** As written (`.:53`, `example.com`). */
  text: string;
  /** Lower case, absolute (`.`, `example.com.`). */
  zone: string;
  port: number;
}

export interface CorefileServerBlock {
  keys: CorefileKey[];
  directives: CorefileDirective[];
  line: number;
}

export interface CorefileError {
  line: number;
  message: string;
}

interface Token {
  text: string;
  line: number;
  /** Quoted: never an operator (`{`, `}`). */
  quoted: boolean;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\n') {
      line++;
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r') {
      i++;
    } else if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '"') {
      const start = line;
      let word = '';
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && text[i + 1] === '"') i++;
        if (text[i] === '\n') line++;
        word += text[i++];
      }
      i++;
      tokens.push({ text: word, line: start, quoted: true });
    } else {
      let word = '';
      while (i < text.length && !' \t\r\n'.includes(text[i])) word += text[i++];
      // `{` and `}` glued to a word (`.:53{`) are still operators, as Caddy's lexer splits them only when alone; keep them whole like Caddy.
      tokens.push({ text: word, line, quoted: false });
    }
  }
  return tokens;
}

/** `[dns://]zone[:port]` → zone (absolute, lower case) and port (53 when absent). */
export function parseKey(text: string): CorefileKey | string {
  let rest = text;
  const scheme = /^([a-z]+):\/\//.exec(rest);
  if (scheme) {
    if (scheme[1] !== 'dns') return `${scheme[1]}:// servers are not simulated`;
    rest = rest.slice(scheme[0].length);
  }
  let port = 53;
  const colon = rest.lastIndexOf(':');
  if (colon >= 0) {
    const p = rest.slice(colon + 1);
    if (!/^\d+$/.test(p) || Number(p) > 65535) return `invalid port ${JSON.stringify(p)}`;
    port = Number(p);
    rest = rest.slice(0, colon);
  }
  if (rest === '') rest = '.';
  const zone = rest === '.' ? '.' : `${rest.replace(/\.$/, '').toLowerCase()}.`;
  if (zone !== '.' && !/^[a-z0-9_*]([-a-z0-9_]*[a-z0-9_])?(\.[a-z0-9_]([-a-z0-9_]*[a-z0-9_])?)*\.$/.test(zone) && !/^[\d./]+$/.test(rest)) return `invalid zone ${JSON.stringify(rest)}`;
  return { text, zone, port };
}

/** Parses a Corefile into server blocks, or the first error (CoreDNS refuses the whole file). */
export function parseCorefile(text: string): { blocks: CorefileServerBlock[] } | { error: CorefileError } {
  const tokens = tokenize(text);
  const blocks: CorefileServerBlock[] = [];
  let i = 0;
  const err = (line: number, message: string) => ({ error: { line, message } });
  while (i < tokens.length) {
    const first = tokens[i];
    if (first.text === '}' && !first.quoted) return err(first.line, "Unexpected '}' because no matching opening brace");
    // Keys: every token up to `{` on the key lines (commas allowed between keys).
    const keys: CorefileKey[] = [];
    while (i < tokens.length && !(tokens[i].text === '{' && !tokens[i].quoted)) {
      const t = tokens[i];
      if (t.text === '}' && !t.quoted) return err(t.line, "Unexpected '}' because no matching opening brace");
      if (keys.length > 0 && t.line !== tokens[i - 1].line) return err(t.line, `Expected '{' after the server block keys, got ${JSON.stringify(t.text)} on a new line`);
      for (const part of t.text.split(',').filter(Boolean)) {
        const key = parseKey(part);
        if (typeof key === 'string') return err(t.line, `${key} in server block key ${JSON.stringify(t.text)}`);
        keys.push(key);
      }
      i++;
    }
    if (i >= tokens.length) return err(tokens[tokens.length - 1].line, 'Unexpected EOF: a server block needs { ... } after its keys');
    const open = tokens[i++];
    const directives: CorefileDirective[] = [];
    const result = parseDirectives(tokens, i, directives, 0);
    if ('error' in result) return result;
    i = result.next;
    blocks.push({ keys, directives, line: open.line });
  }
  // Each zone:port is served by one block only (core/dnsserver: "cannot serve ... - it is already defined").
  const seen = new Set<string>();
  for (const b of blocks) {
    for (const k of b.keys) {
      const id = `${k.zone}:${k.port}`;
      if (seen.has(id)) return err(b.line, `cannot serve dns://${k.zone}:${k.port} - it is already defined`);
      seen.add(id);
    }
  }
  return { blocks };
}

function parseDirectives(tokens: Token[], start: number, out: CorefileDirective[], depth: number): { next: number } | { error: CorefileError } {
  let i = start;
  while (i < tokens.length) {
    const t = tokens[i];
    if (t.text === '}' && !t.quoted) return { next: i + 1 };
    if (t.text === '{' && !t.quoted) return { error: { line: t.line, message: "Unexpected '{' without a directive before it" } };
    const directive: CorefileDirective = { name: t.text, args: [], line: t.line, block: [] };
    i++;
    while (i < tokens.length && tokens[i].line === t.line && !((tokens[i].text === '{' || tokens[i].text === '}') && !tokens[i].quoted)) directive.args.push(tokens[i++].text);
    if (i < tokens.length && tokens[i].text === '{' && !tokens[i].quoted && tokens[i].line === t.line) {
      if (depth > 0) return { error: { line: tokens[i].line, message: 'Nesting of blocks is not allowed' } };
      const inner = parseDirectives(tokens, i + 1, directive.block, depth + 1);
      if ('error' in inner) return inner;
      i = inner.next;
    }
    out.push(directive);
  }
  const last = tokens[tokens.length - 1];
  return { error: { line: last ? last.line : 1, message: "Unexpected EOF: missing '}' to close a block" } };
}
