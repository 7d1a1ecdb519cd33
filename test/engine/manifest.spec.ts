/** Reading and validating manifests: syntax errors located, diagnostics in the API server's words. */
import { checkSyntax, ManifestSyntaxError, simulate } from '../../src/engine';
import { podsOf, run, service } from './support/scenario';

function syntaxErrorOf(fn: () => unknown): ManifestSyntaxError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ManifestSyntaxError) return err;
    throw err;
  }
  throw new Error('expected a ManifestSyntaxError');
}

describe('syntax', () => {
  const good = { name: 'good.yaml', content: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ok\n' };
  // Line 4 has a tab-free but unterminated flow sequence; the error is reported where the parser notices it.
  const bad = { name: 'bad.yaml', content: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  labels: {app: web\n' };

  it('locates a YAML error in the right file of several', () => {
    const errors = checkSyntax([good, bad]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ severity: 'error', file: 'bad.yaml' });
    expect(errors[0].line).toBeGreaterThanOrEqual(5);
    expect(errors[0].message).not.toContain('\n');
  });

  it('reports a bad indentation at its line and column', () => {
    const errors = checkSyntax([{ name: 'indent.yaml', content: 'metadata:\n  name: x\n labels: {}\n' }]);
    expect(errors).toEqual([expect.objectContaining({ file: 'indent.yaml', line: 3, column: 1, message: 'All mapping items must start at the same column' })]);
  });

  it('makes simulate throw ManifestSyntaxError carrying every error', () => {
    const err = syntaxErrorOf(() => simulate([bad, { ...bad, name: 'bad2.yaml' }]));
    expect(err.diagnostics.map((d) => d.file)).toEqual(['bad.yaml', 'bad2.yaml']);
    expect(err.message).toMatch(/^bad\.yaml:\d+:\d+: /);
  });

  it('refuses duplicate keys, as sigs.k8s.io/yaml does', () => {
    expect(checkSyntax([{ name: 'dup.yaml', content: 'a: 1\na: 2\n' }])[0]).toMatchObject({ line: 2, column: 1 });
  });

  it('returns [] for valid input and skips empty and comment-only documents', () => {
    const content = '---\n# only a comment\n---\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\n';
    expect(checkSyntax([{ name: 'a.yaml', content }])).toEqual([]);
    expect(run(content).namespaces).toContain('a');
  });

  it('stops a billion-laughs alias bomb fast with a clear error', () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      lines.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const started = process.hrtime.bigint();
    const errors = checkSyntax([{ name: 'bomb.yaml', content: lines.join('\n') + '\n' }]);
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(2000);
    expect(errors).toEqual([expect.objectContaining({ severity: 'error', file: 'bomb.yaml', message: expect.stringMatching(/alias/i) })]);
  });

  it('refuses input above the size limit', () => {
    const errors = checkSyntax([{ name: 'big.yaml', content: 'a: "' + 'x'.repeat(11 * 1024 * 1024) + '"\n' }]);
    expect(errors[0].message).toMatch(/too large/);
  });
});

describe('formats', () => {
  it('reads JSON', () => {
    const r = run(JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'j', labels: { app: 'j' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } }), 'pod.json');
    expect(podsOf(r).map((p) => p.name)).toEqual(['j']);
  });

  it('expands kind: List and locates diagnostics inside its items', () => {
    const r = run(`apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata: {name: a, labels: {app: a}}
    spec: {containers: [{name: c, image: nginx}]}
  - apiVersion: v1
    kind: Service
    metadata: {name: a}
    spec:
      selector: {app: a}
      ports:
        - port: 80
          targetPort: "8080"
`);
    expect(podsOf(r).map((p) => p.name)).toEqual(['a']);
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        path: 'spec.ports[0].targetPort',
        line: 15,
        column: 11,
        message: 'The Service "a" is invalid: spec.ports[0].targetPort: Invalid value: "8080": must contain at least one letter (a-z)',
      }),
    ]);
  });
});

describe('objects that parse but make no sense', () => {
  it('reports a wrong field type with the decoder message, at the field', () => {
    const r = run('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: three\n');
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        path: 'spec.replicas',
        line: 6,
        column: 3,
        object: 'Deployment default/web',
        message: 'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
      }),
    ]);
  });

  it('reports ports that are not a list', () => {
    const r = run('{apiVersion: v1, kind: Service, metadata: {name: web}, spec: {ports: {port: 80}}}\n');
    expect(r.diagnostics[0].message).toBe('Service in version "v1" cannot be handled as a Service: json: cannot unmarshal object into Go struct field ServiceSpec.spec.ports of type []v1.ServicePort');
  });

  it('reports a label value that is not a string', () => {
    const r = run('{apiVersion: v1, kind: Pod, metadata: {name: p, labels: {version: 2}}, spec: {containers: [{name: c, image: nginx}]}}\n');
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', path: 'metadata.labels[version]' });
  });

  it('reports a missing metadata.name', () => {
    const r = run('apiVersion: v1\nkind: Pod\nmetadata:\n  labels: {app: x}\nspec: {containers: [{name: c, image: nginx}]}\n');
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', path: 'metadata.name', line: 3, message: 'The Pod "" is invalid: metadata.name: Required value: name or generateName is required' });
  });

  it('reports a Service without ports', () => {
    const r = run('{apiVersion: v1, kind: Service, metadata: {name: web}, spec: {selector: {app: web}}}\n');
    expect(r.diagnostics[0].message).toBe('The Service "web" is invalid: spec.ports: Required value');
    expect(r.services.find((s) => s.name === 'web')).toBeUndefined();
  });

  it('accepts a headless Service without ports', () => {
    const r = run('{apiVersion: v1, kind: Service, metadata: {name: web}, spec: {clusterIP: None, selector: {app: web}}}\n');
    expect(service(r, 'default', 'web').clusterIP).toBe('None');
  });

  it('reports an unknown kind with its apiVersion, suggesting the likely one', () => {
    const r = run('apiVersion: apps/v1\nkind: Deploymnet\nmetadata: {name: web}\n');
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        path: 'kind',
        line: 2,
        message: 'resource mapping not found for name: "web" namespace: "default" from "scenario.yaml": no matches for kind "Deploymnet" in version "apps/v1"',
        hint: 'did you mean kind: Deployment?',
      }),
    ]);
  });

  it('reports a known kind at the wrong apiVersion', () => {
    const r = run('apiVersion: v1\nkind: Deployment\nmetadata: {name: web}\n');
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', path: 'apiVersion', hint: 'Deployment is served as apiVersion apps/v1' });
  });

  it('accepts known but unsimulated kinds with an info', () => {
    const r = run('{apiVersion: batch/v1, kind: CronJob, metadata: {name: c}, spec: {}}\n---\n{apiVersion: policy/v1, kind: PodDisruptionBudget, metadata: {name: i}}\n');
    expect(r.diagnostics.map((d) => [d.severity, d.object])).toEqual([
      ['info', 'CronJob default/c'],
      ['info', 'PodDisruptionBudget default/i'],
    ]);
    expect(r.diagnostics[0].message).toContain('not simulated yet');
  });

  it('refuses objects in a namespace nobody creates', () => {
    const r = run('{apiVersion: v1, kind: Pod, metadata: {name: p, namespace: prod}, spec: {containers: [{name: c, image: nginx}]}}\n');
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', message: 'namespaces "prod" not found' });
    expect(podsOf(r, 'prod')).toEqual([]);
  });

  it('reports a Service name that is not a DNS-1035 label', () => {
    const r = run('{apiVersion: v1, kind: Service, metadata: {name: 1web}, spec: {ports: [{port: 80}]}}\n');
    expect(r.diagnostics[0].message).toMatch(/^The Service "1web" is invalid: metadata\.name: Invalid value: "1web": a DNS-1035 label must consist of/);
  });

  it('keeps reporting the other objects when one is bad', () => {
    const r = run('{apiVersion: v1, kind: Service, metadata: {name: a}, spec: {}}\n---\n{apiVersion: v1, kind: Service, metadata: {name: b}, spec: {ports: [{port: 80}]}}\n');
    expect(r.services.map((s) => s.name)).toContain('b');
  });
});

describe('ConfigMap', () => {
  const configMap = (data: string) => ({ name: 'cm.yaml', content: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: coredns\n  namespace: kube-system\ndata:\n${data}` });

  it('accepts string data without diagnostics', () => {
    // A Corefile that serves the cluster domain: one without the kubernetes plugin is a DNS warning (dns/corefile-check.ts).
    const result = simulate([configMap('  Corefile: |\n    .:53 {\n        errors\n        kubernetes cluster.local\n    }\n')]);
    expect(result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  // pkg/apis/core/validation: config keys match [-._a-zA-Z0-9]+.
  it('refuses a key that is not a config key, at its path', () => {
    const result = simulate([configMap('  "bad key": x\n')]);
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ severity: 'error', path: 'data[bad key]', message: expect.stringContaining('a valid config key must consist of alphanumeric characters') }));
  });

  // A value must be a string: a number is a decoding error, as the API server's JSON decoder says.
  it('refuses a non-string value', () => {
    const result = simulate([configMap('  port: 53\n')]);
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ severity: 'error', message: expect.stringContaining('cannot unmarshal number 53 into Go struct field ConfigMap.data of type string') }));
  });
});
