/** The kube-netlab command, called in-process through run(). */
import { mkdtempSync, writeFileSync, mkdirSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { Readable } from 'stream';
import { run } from '../../src/cli/main';
import type { SimulationResult } from '../../src/engine';

const examples = path.join(__dirname, '../../examples');

async function cli(argv: string[], stdin = '', cwd = process.cwd()) {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdin: Readable.from([stdin]),
    cwd,
  });
  return { code, stdout, stderr };
}

describe('kube-netlab simulate', () => {
  it('prints the result as JSON with -o json (2-space indent, trailing newline)', async () => {
    const { code, stdout, stderr } = await cli(['simulate', '-f', path.join(examples, 'web-deployment.yaml'), '-o', 'json']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout.endsWith('}\n')).toBe(true);
    expect(stdout.startsWith('{\n  "')).toBe(true);
    const result = JSON.parse(stdout) as SimulationResult;
    expect(result.services.find((s) => s.name === 'web')!.endpoints).toHaveLength(3);
  });

  it('prints a text summary by default', async () => {
    const { code, stdout } = await cli(['simulate', '-f', path.join(examples, 'web-deployment.yaml')]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^NAMESPACE\s+NAME\s+READY\s+STATUS\s+IP\s+NODE/);
    expect(stdout).toMatch(/default\s+web\s+ClusterIP\s+10\.96\.\S+\s+80\/TCP\s+10\.244\.\d+\.\d+:80,10\.244/);
  });

  it('reads a directory (sorted *.yaml, *.yml, *.json, not recursive) and stdin', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'netlab-'));
    writeFileSync(path.join(dir, 'b-svc.yml'), '{apiVersion: v1, kind: Service, metadata: {name: s}, spec: {selector: {app: p}, ports: [{port: 80}]}}\n');
    writeFileSync(path.join(dir, 'a-ns.json'), JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'fromdir' } }));
    writeFileSync(path.join(dir, 'notes.txt'), 'not a manifest: [');
    mkdirSync(path.join(dir, 'sub'));
    writeFileSync(path.join(dir, 'sub', 'x.yaml'), 'broken: [');
    const pod = '{apiVersion: v1, kind: Pod, metadata: {name: p, labels: {app: p}}, spec: {containers: [{name: c, image: nginx}]}}\n';
    const { code, stdout, stderr } = await cli(['simulate', '-f', dir, '-f', '-', '-o', 'json'], pod);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const result = JSON.parse(stdout) as SimulationResult;
    expect(result.namespaces).toContain('fromdir');
    expect(result.services.find((s) => s.name === 's')!.endpoints.map((e) => e.podName)).toEqual(['p']);
  });

  it('prints located syntax errors on stderr and exits 1', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'netlab-'));
    writeFileSync(path.join(dir, 'bad.yaml'), 'metadata:\n  name: x\n labels: {}\n');
    const { code, stdout, stderr } = await cli(['simulate', '-f', 'bad.yaml'], '', dir);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe('bad.yaml:3:1: error: All mapping items must start at the same column\n');
  });

  it('says so when a file does not exist, exit 1', async () => {
    const { code, stderr } = await cli(['simulate', '-f', 'nope.yaml']);
    expect(code).toBe(1);
    expect(stderr).toBe('error: the path "nope.yaml" does not exist\n');
  });

  it('exits 2 when objects were refused, after printing the result', async () => {
    const { code, stdout } = await cli(['simulate', '-f', '-', '-o', 'text'], '{apiVersion: v1, kind: Service, metadata: {name: web}, spec: {}}\n');
    expect(code).toBe(2);
    expect(stdout).toContain('<stdin>:1:56: error: The Service "web" is invalid: spec.ports: Required value');
  });

  it('refuses an unknown output format', async () => {
    const { code, stderr } = await cli(['simulate', '-f', '-', '-o', 'yaml']);
    expect(code).toBe(1);
    expect(stderr).toContain('output format "yaml"');
  });

  it('requires -f', async () => {
    const { code, stderr } = await cli(['simulate']);
    expect(code).toBe(1);
    expect(stderr).toContain('--filename');
  });
});

describe('kube-netlab check', () => {
  it('exits 0 for valid manifests and 1 with located errors otherwise', async () => {
    expect((await cli(['check', '-f', examples])).code).toBe(0);
    const bad = await cli(['check', '-f', '-'], 'a: [1\n');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^<stdin>:\d+:\d+: error: /);
  });
});

describe('kube-netlab dns', () => {
  const scenario = `apiVersion: v1
kind: Namespace
metadata: {name: prod}
---
apiVersion: v1
kind: Service
metadata: {name: data, namespace: prod}
spec:
  clusterIP: 10.96.40.10
  ports: [{name: http, port: 80}]
---
apiVersion: v1
kind: Pod
metadata: {name: client}
spec:
  containers: [{name: c, image: nicolaka/netshoot}]
`;

  it('asks from a Pod: JSON with rcode, answers (name, type, ttl, data) and every name tried with its rcode', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dns-'));
    writeFileSync(path.join(dir, 's.yaml'), scenario);
    const { code, stdout, stderr } = await cli(['dns', '-f', path.join(dir, 's.yaml'), '--from', 'default/client', 'data.prod', '-o', 'json']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const answer = JSON.parse(stdout) as { rcode: string; answers: unknown[]; tried: { name: string; rcode: string }[] };
    expect(answer.rcode).toBe('NOERROR');
    expect(answer.answers).toEqual([{ name: 'data.prod.svc.cluster.local.', type: 'A', ttl: 30, data: '10.96.40.10' }]);
    expect(answer.tried.map((t) => `${t.name} ${t.rcode}`)).toEqual(['data.prod.default.svc.cluster.local. NXDOMAIN', 'data.prod.svc.cluster.local. NOERROR']);
  });

  it('without --from asks the cluster DNS Service directly, no search list (text output)', async () => {
    const { code, stdout } = await cli(['dns', '-f', '-', 'data.prod.svc.cluster.local', 'SRV'], scenario);
    expect(code).toBe(0);
    expect(stdout).toBe(';; data.prod.svc.cluster.local. SRV from 10.96.0.10: NOERROR, flags: aa rd\n\n;; ANSWER SECTION:\ndata.prod.svc.cluster.local.\t30\tIN\tSRV\t0 100 80 data.prod.svc.cluster.local.\n\n;; ADDITIONAL SECTION:\ndata.prod.svc.cluster.local.\t30\tIN\tA\t10.96.40.10\n');
  });

  it('names a missing Pod', async () => {
    const { code, stderr } = await cli(['dns', '-f', '-', '--from', 'prod/nope', 'data'], scenario);
    expect({ code, stderr }).toEqual({ code: 1, stderr: 'error: pods "nope" not found in namespace "prod"\n' });
  });
});

describe('kube-netlab grade', () => {
  const lab = path.join(examples, 'labs', 'expose-web.lab.yaml');
  const service = (targetPort: number) =>
    `---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: store\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n      targetPort: ${targetPort}\n`;

  it("prints a student's starter with their parameters, and grades an answer as the service does", async () => {
    const starter = await cli(['grade', '--lab', lab, '--param', 'namespace=store', '--starter']);
    expect(starter.code).toBe(0);
    expect(starter.stdout).toContain('kind: Namespace\nmetadata:\n  name: store\n');
    const right = await cli(['grade', '--lab', lab, '--param', 'namespace=store', '-f', '-', '-o', 'json'], starter.stdout + service(80));
    expect(right.code).toBe(0);
    expect(JSON.parse(right.stdout)).toMatchObject({ gradable: true, score: 10, maxScore: 10, parameters: { namespace: 'store' } });
    // Nothing listens on 8080 in the nginx Pods: the Service has endpoints, but the connection is refused.
    const partly = await cli(['grade', '--lab', lab, '--param', 'namespace=store', '-f', '-'], starter.stdout + service(8080));
    expect(partly.code).toBe(3);
    expect(partly.stdout).toMatch(/^SCORE 8\/10 {2}\(namespace=store\)\n/);
    expect(partly.stdout).toMatch(/^FAIL {2}curl +0\/2 {2}client reaches a web Pod through the Service: the connection was refused/m);
  });

  it('reports a lab file’s errors with their place, and manifests that cannot be graded', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lab-'));
    writeFileSync(path.join(dir, 'lab.yaml'), 'apiVersion: kube-netlab.io/v1alpha1\nkind: Lab\nmetadata:\n  name: x\nspec:\n  title: X\n  instructions: ""\n  checks:\n    - id: a\n      kind: exists\n      resource: service\n      name: web\n      points: lots\n      message: m\n');
    const bad = await cli(['grade', '--lab', path.join(dir, 'lab.yaml'), '-f', '-'], 'kind: Namespace');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/lab\.yaml:13:\d+: spec\.checks\[0\]\.points: /);
    const broken = await cli(['grade', '--lab', lab, '-f', '-'], 'kind: [');
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/^<stdin>:1:\d+: /);
  });
});
