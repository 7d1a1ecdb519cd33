import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

describe('GraphQL schema', () => {
  it('matches the committed schema.graphql (after changing it: npm run build && npm run schema:print)', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'schema-')), 'schema.graphql');
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'print-schema.js'), file], { stdio: 'pipe' });
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(join(ROOT, 'schema.graphql'), 'utf8'));
  });
});
