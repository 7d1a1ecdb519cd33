/**
 * Grading a student's manifests against an instantiated lab: a wrong, a partly right and a
 * right answer on a real scenario, and submissions that cannot be simulated. Expected
 * values are what Kubernetes does: a Pod without the selected label backs no endpoint.
 */
import { drawParameters, gradeSubmission, instantiateLab, parseLab, simulateSubmission, type LabDefinition } from '../../../src/engine';

const lab = parseLab(`apiVersion: kube-netlab.io/v1alpha1
kind: Lab
metadata: {name: two-pods}
spec:
  title: Two Pods behind a Service
  instructions: In \${namespace}, run Pods web-a and web-b (app=web) behind a Service web on port 80.
  parameters:
    - {name: namespace, oneOf: [shop, store]}
  checks:
    - id: svc
      kind: exists
      resource: svc
      namespace: \${namespace}
      name: web
      fields: {"ports[0].port": 80}
      points: 1
      message: A Service web on port 80
    - id: backed
      kind: endpoints
      service: \${namespace}/web
      pods: [web-a, web-b]
      partial: true
      points: 2
      message: web-a and web-b back the Service
    - id: count
      kind: endpoints
      service: \${namespace}/web
      ready: 2
      points: 1
      message: The Service has 2 ready endpoints
`).lab as LabDefinition;

const values = drawParameters(lab, 'two-pods:alice');
const ns = values.namespace as string;
const { checks } = instantiateLab(lab, values);

const pod = (name: string, app: string) => `---
apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: ${ns}, labels: {app: ${app}}}
spec: {containers: [{name: nginx, image: nginx, ports: [{containerPort: 80}]}]}
`;
const answer = (appA: string, appB: string, selector = 'web') => `apiVersion: v1
kind: Namespace
metadata: {name: ${ns}}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: ${ns}}
spec: {selector: {app: ${selector}}, ports: [{port: 80}]}
${pod('web-a', appA)}${pod('web-b', appB)}`;

const byId = (graded: ReturnType<typeof gradeSubmission>) => (graded.gradable ? Object.fromEntries(graded.checks.map((c) => [c.id, c])) : {});

describe('gradeSubmission', () => {
  it('a right answer: every check, full points', () => {
    const graded = gradeSubmission(answer('web', 'web'), checks);
    expect(graded).toMatchObject({ gradable: true, score: 4, maxScore: 4, refused: [] });
  });

  it('partly right: web-b mislabelled backs no endpoint; partial credit per Pod', () => {
    const graded = gradeSubmission(answer('web', 'api'), checks);
    expect(graded).toMatchObject({ gradable: true, score: 1 + 1 + 0, maxScore: 4 });
    const by = byId(graded);
    expect(by.backed).toMatchObject({ passed: false, points: 1, maxPoints: 2 });
    expect(by.backed.feedback).toBe(`web-a and web-b back the Service: Pod ${ns}/web-b does not have app=web, which the Service selects`);
    expect(by.count.feedback).toBe('The Service has 2 ready endpoints: 1 ready endpoint, expected 2');
  });

  it('wrong: a selector typo leaves the Service without endpoints', () => {
    const graded = gradeSubmission(answer('web', 'web', 'wbe'), checks);
    expect(graded).toMatchObject({ gradable: true, score: 1, maxScore: 4 });
    const by = byId(graded);
    expect(by.backed).toMatchObject({ passed: false, points: 0 });
    expect(by.backed.feedback).toContain(`Pod ${ns}/web-a does not have app=wbe, which the Service selects`);
    expect(by.count.feedback).toBe(`The Service has 2 ready endpoints: no ready endpoint: no Running, Ready Pod in ${ns} has all of app=wbe`);
  });

  it('names a Pod that does not exist', () => {
    const graded = gradeSubmission(answer('web', 'web').replace('name: web-b', 'name: web-c'), checks);
    expect(byId(graded).backed.feedback).toContain(`there is no Pod ${ns}/web-b`);
  });

  it('grades a cached simulation the same as the content', () => {
    const simulated = simulateSubmission(answer('web', 'api'));
    if (!simulated.ok) throw new Error(simulated.errors.join('\n'));
    expect(gradeSubmission('', checks, { simulation: simulated.result })).toEqual(gradeSubmission(answer('web', 'api'), checks));
  });

  it('an unknown kind beside valid objects is refused like kubectl apply refuses it; the rest is graded', () => {
    const graded = gradeSubmission(`${answer('web', 'web')}---\napiVersion: v1\nkind: Servise\nmetadata: {name: extra}\n`, checks, { sourceName: 'answer.yaml' });
    expect(graded).toMatchObject({ gradable: true, score: 4 });
    if (!graded.gradable) return;
    expect(graded.refused).toHaveLength(1);
    expect(graded.refused[0]).toMatch(/^answer\.yaml:21:1: resource mapping not found for name: "extra" namespace: "default" from "answer\.yaml": no matches for kind "Servise" in version "v1"/);
  });
});

describe('not gradable', () => {
  it.each([
    ['broken YAML, located', 'apiVersion: v1\nkind: Service\nkind: Pod\n', ['submission.yaml:3:1: Map keys must be unique']],
    ['an empty document', '# nothing yet\n---\n', ['submission.yaml: no Kubernetes objects: the submission is empty']],
    [
      'only an unknown kind',
      'apiVersion: v1\nkind: Servise\nmetadata: {name: web}\n',
      [
        'submission.yaml: no Kubernetes object the simulator accepts',
        expect.stringMatching(/^submission\.yaml:2:1: resource mapping not found for name: "web" namespace: "default" from "submission\.yaml": no matches for kind "Servise" in version "v1" \(hint: did you mean kind: Service\?\)$/),
      ],
    ],
  ])('%s', (_what, content, errors) => {
    expect(gradeSubmission(content, checks)).toEqual({ gradable: false, errors });
    expect(simulateSubmission(content)).toEqual({ ok: false, errors });
  });
});
