/** `kube-netlab reach`: one verdict (text, JSON, exit status 3 when denied) and the matrix. */
import * as path from 'path';
import { Readable } from 'stream';
import { run } from '../../../src/cli/main';
import type { ConnectionJudgement, ReachMatrix } from '../../../src/engine';

const example = path.join(__dirname, '../../../examples/networkpolicy-backend.yaml');

async function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, stdin: Readable.from(['']) });
  return { code, stdout, stderr };
}

describe('kube-netlab reach', () => {
  it('allows the frontend to the backend on the named port api (8080), with the rule that allowed it', async () => {
    const { code, stdout, stderr } = await cli(['reach', '-f', example, '--from', 'shop/frontend', '--to', 'shop/backend', '--port', '8080']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^ALLOWED  shop\/frontend \(10\.244\.\d+\.\d+\) -> shop\/backend \(10\.244\.\d+\.\d+\) 8080\/TCP$/);
    expect(stdout).toContain('        isolated by: shop/backend-from-frontend, shop/default-deny\n');
    expect(stdout).toContain('        allowed by:  shop/backend-from-frontend ingress[0]\n');
    expect(stdout).toContain('cni     kindnet: enforces NetworkPolicy\n');
  });

  it('denies another Pod, says which rule did not match, and exits 3', async () => {
    const { code, stdout } = await cli(['reach', '-f', example, '--from', 'shop/other', '--to', 'shop/backend', '--port', '8080']);
    expect(code).toBe(3);
    expect(stdout.split('\n')[0]).toMatch(/^DENIED  shop\/other/);
    expect(stdout).toContain('        shop/backend-from-frontend ingress[0]: from[0] podSelector app=frontend does not match shop/other (labels app=other)\n');
    expect(stdout).toContain('        shop/default-deny: it has no ingress rules: it denies all ingress of the Pods it selects\n');
  });

  it('-o json is the judgement', async () => {
    const { stdout } = await cli(['reach', '-f', example, '--from', 'shop/frontend', '--to', 'shop/backend', '--port', '80', '-o', 'json']);
    const j = JSON.parse(stdout) as ConnectionJudgement;
    expect(j).toMatchObject({ allowed: false, port: 80, protocol: 'TCP', ingress: { allowed: false, isolated: true } });
    // The named port api is 8080 on the backend, so 80 misses it.
    expect(j.ingress.misses[0].reason).toBe('80/TCP is not in ports api/TCP (named ports resolve on the destination Pod, shop/backend has api=8080/TCP)');
  });

  it('--matrix prints the truth table', async () => {
    const { code, stdout } = await cli(['reach', '-f', example, '--matrix', '--port', '8080', '-n', 'shop']);
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        'TCP/8080: 3 Pods, 3 equivalence classes of Pods; kindnet enforces NetworkPolicy',
        '               1 2 3',
        'shop/backend   . X X',
        'shop/frontend  . . X',
        'shop/other     X X .',
        '',
        'columns: 1=shop/backend  2=shop/frontend  3=shop/other',
        'rows: source, columns: destination; . allowed, X denied',
        '',
      ].join('\n'),
    );
    const json = JSON.parse((await cli(['reach', '-f', example, '--matrix', '--port', '8080', '-n', 'shop', '-o', 'json'])).stdout) as ReachMatrix;
    expect(json.cells[1]).toEqual(['allowed', 'allowed', 'denied']);
  });

  it('reports bad input without a stack trace', async () => {
    expect(await cli(['reach', '-f', example, '--from', 'shop/nope', '--to', 'shop/backend', '--port', '80'])).toEqual({ code: 1, stdout: '', stderr: 'error: source: pods "nope" not found in namespace "shop"\n' });
    expect((await cli(['reach', '-f', example, '--from', 'shop/frontend', '--port', '80'])).stderr).toBe('error: give --from and --to (ns/pod or an IP address), or --matrix\n');
    expect((await cli(['reach', '-f', example, '--matrix', '--port', '80', '-n', 'nope'])).stderr).toBe('error: namespaces "nope" not found\n');
  });
});
