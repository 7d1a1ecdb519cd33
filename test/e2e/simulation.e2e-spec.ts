import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { as, signUp } from '../support/auth';
import { bootStack, count, Stack, waitFor } from '../support/boot';
import { inCidr } from '../support/ip';

const manifests = readFileSync(join(__dirname, '..', 'fixtures', 'web-deployment.yaml'), 'utf8');

// Hooks boot the stack and sign up an account (scrypt at full cost); jest applied its 5 s
// default to them despite the e2e project's testTimeout, so set it here.
jest.setTimeout(60_000);

// Kind's defaults (v1.33): pods from 10.244.0.0/16, one /24 per node, Services from
// 10.96.0.0/16; the control plane carries the NoSchedule taint, so ordinary Pods land
// on the two workers.
const POD_SUBNET = '10.244.0.0/16';
const CONTROL_PLANE_POD_CIDR = '10.244.0.0/24';
const SERVICE_SUBNET = '10.96.0.0/16';

const RUN_FIELDS = `id status error result {
  services { namespace name type clusterIP ports { name port targetPort protocol } endpoints { ip port podName nodeName ready } }
  diagnostics { severity message path } }`;

describe('a simulation end to end (API + worker on real Postgres and Redis)', () => {
  let stack: Stack;
  let api: ReturnType<typeof as>;

  beforeAll(async () => {
    stack = await bootStack();
    api = as(stack, (await signUp(stack)).token);
  });
  afterAll(() => stack.close());

  function expectWebService(result: any) {
    const web = result.services.find((s: any) => s.namespace === 'default' && s.name === 'web');
    expect(web).toBeDefined();
    expect(web.type).toBe('ClusterIP');
    expect(inCidr(web.clusterIP, SERVICE_SUBNET)).toBe(true);
    expect(web.ports).toEqual([{ name: 'http', port: 8080, targetPort: 'http', protocol: 'TCP' }]);
    expect(web.endpoints).toHaveLength(3);
    const ips = web.endpoints.map((e: any) => e.ip);
    expect(new Set(ips).size).toBe(3);
    for (const endpoint of web.endpoints) {
      expect(inCidr(endpoint.ip, POD_SUBNET)).toBe(true);
      expect(inCidr(endpoint.ip, CONTROL_PLANE_POD_CIDR)).toBe(false);
      expect(endpoint.port).toBe(80); // the named targetPort "http" is containerPort 80
      expect(endpoint.ready).toBe(true);
      expect(endpoint.podName).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]+-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(['kind-worker', 'kind-worker2']).toContain(endpoint.nodeName);
    }
    // The default kubernetes Service is there as on any cluster.
    expect(result.services.find((s: any) => s.namespace === 'default' && s.name === 'kubernetes')?.clusterIP).toBe(
      '10.96.0.1',
    );
  }

  it('GraphQL: createScenario, runSimulation, then simulationRun returns each Service with its endpoints', async () => {
    const created = await api.graphql(
      `mutation ($input: CreateScenarioInput!) { createScenario(input: $input) { id latestVersion { id number } } }`,
      { input: { name: 'web', manifests } },
    );
    expect(created.errors).toBeUndefined();
    const scenario = created.data!.createScenario;
    expect(scenario.latestVersion.number).toBe(1);

    const started = await api.graphql(`mutation ($id: ID!) { runSimulation(scenarioId: $id) { id status } }`, {
      id: scenario.id,
    });
    expect(started.errors).toBeUndefined();
    expect(['queued', 'running', 'succeeded']).toContain(started.data!.runSimulation.status);

    const run = await waitFor(async () => {
      const read = await api.graphql(`query ($id: ID!) { simulationRun(id: $id) { ${RUN_FIELDS} } }`, {
        id: started.data!.runSimulation.id,
      });
      expect(read.errors).toBeUndefined();
      return read.data!.simulationRun;
    });
    expect(run.error).toBeNull();
    expect(run.status).toBe('succeeded');
    expectWebService(run.result);
    expect(run.result.diagnostics.filter((d: any) => d.severity === 'error')).toEqual([]);
  });

  it('REST: POST /api/scenarios, POST /api/scenarios/:id/simulations, GET /api/simulations/:id', async () => {
    const created = await api.post('/api/scenarios').send({ name: 'web', manifests }).expect(201);
    expect(created.body.latestVersion.number).toBe(1);
    const started = await api.post(`/api/scenarios/${created.body.id}/simulations`).send({}).expect(202);
    expect(started.body.status).toBe('queued');

    const run = await waitFor(async () => (await api.get(`/api/simulations/${started.body.id}`).expect(200)).body);
    expect(run.status).toBe('succeeded');
    expect(run.engineVersion).toEqual(expect.any(String));
    expect(run.attempts).toBe(1);
    expectWebService(run.result);
  });

  it('GraphQL exposes the cluster, Pods, EndpointSlices and a Timeline as the engine computes them', async () => {
    const timeline = [
      manifests,
      '---',
      'apiVersion: kube-netlab.io/v1alpha1',
      'kind: Timeline',
      'steps:',
      '  - name: scale down',
      '    kubectl: kubectl scale deployment web --replicas=2',
      '',
    ].join('\n');
    const created = await api.post('/api/scenarios').send({ name: 'steps', manifests: timeline }).expect(201);
    const started = await api.post(`/api/scenarios/${created.body.id}/simulations`).expect(202);
    await waitFor(async () => (await api.get(`/api/simulations/${started.body.id}`)).body);
    const read = await api.graphql(
      `query ($id: ID!) { simulationRun(id: $id) { status result {
        cluster { name nodes { name ready podCIDR } }
        pods { namespace name labels { key value } }
        endpointSlices { namespace name service labels { key value } endpoints { addresses conditions { ready } } }
        timeline { steps { index name ok output changes { podsDeleted { name ip } podsCreated { name } } } }
      } } }`,
      { id: started.body.id },
    );
    expect(read.errors).toBeUndefined();
    const result = read.data!.simulationRun.result;
    expect(result.cluster.nodes.map((n: any) => n.name)).toEqual(['kind-control-plane', 'kind-worker', 'kind-worker2']);
    const web = result.pods.filter((p: any) => p.namespace === 'default' && p.name.startsWith('web-'));
    expect(web).toHaveLength(2);
    expect(web[0].labels).toContainEqual({ key: 'app', value: 'web' });
    // The EndpointSlice controller names slices <service>-<5 chars> and labels them with the Service.
    const slices = result.endpointSlices.filter((s: any) => s.service === 'web');
    expect(slices).toHaveLength(1);
    expect(slices[0].name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(slices[0].labels).toContainEqual({ key: 'kubernetes.io/service-name', value: 'web' });
    expect(slices[0].endpoints).toHaveLength(2);
    // kubectl's own words for a scale, and the Pod it removed.
    const [step] = result.timeline.steps;
    expect(step).toMatchObject({ index: 1, name: 'scale down', ok: true, output: 'deployment.apps/web scaled\n' });
    expect(step.changes.podsDeleted).toHaveLength(1);
    expect(step.changes.podsCreated).toEqual([]);
  });

  it('probes: a run answers traces and terminal commands; malformed probes are refused and store nothing', async () => {
    const created = await api.post('/api/scenarios').send({ name: 'probes', manifests }).expect(201);
    const probes = {
      traces: [
        { from: 'node/kind-worker', to: '10.96.0.10:53', protocol: 'UDP' },
        { from: 'default/nobody', to: '10.96.0.10:53' },
      ],
      commands: [{ command: 'kubectl get svc kubernetes' }],
      dns: [{ name: 'web.default.svc.cluster.local' }, { from: 'node/kind-worker', name: 'web.default' }],
      reach: [{ from: 'default/nobody', to: '10.244.1.2', port: 80 }],
    };
    const started = await api.graphql(`mutation ($id: ID!, $probes: ProbesInput) { runSimulation(scenarioId: $id, probes: $probes) { id } }`, { id: created.body.id, probes });
    expect(started.errors).toBeUndefined();
    await waitFor(async () => (await api.get(`/api/simulations/${started.data!.runSimulation.id}`)).body);
    const read = await api.graphql(
      `query ($id: ID!) { simulationRun(id: $id) { status result { probes {
        traces { probe { from to protocol } error trace { verdict destination { pod port } candidates { pod probability } hops { node netns kind packet { src dst } } } }
        commands { probe { command } stdout exitCode }
        dns { probe { name from } error answer { rcode server answers { name type ttl data } tried { name rcode } } }
        reach { probe { from to port } error judgement { allowed } }
        } services { name clusterIP } } } }`,
      { id: started.data!.runSimulation.id },
    );
    expect(read.errors).toBeUndefined();
    const { traces, commands, dns, reach } = read.data!.simulationRun.result.probes;
    const webIP = read.data!.simulationRun.result.services.find((s: any) => s.name === 'web').clusterIP;
    // The Service's A record, from the kubernetes plugin with kubeadm's Corefile (ttl 30).
    expect(dns[0].answer).toMatchObject({ rcode: 'NOERROR', server: '10.96.0.10', answers: [{ name: 'web.default.svc.cluster.local.', type: 'A', ttl: 30, data: webIP }] });
    // A kind node asks docker's resolver, which knows nothing of cluster names.
    expect(dns[1].answer.rcode).toBe('NXDOMAIN');
    expect(reach[0]).toEqual({ probe: { from: 'default/nobody', to: '10.244.1.2', port: 80 }, error: 'source: pods "nobody" not found in namespace "default"', judgement: null });
    // kube-dns answers on 53/UDP from the two CoreDNS Pods, each chosen with probability 1/2.
    expect(traces[0].trace.verdict).toBe('delivered');
    expect(traces[0].trace.destination.pod).toMatch(/^kube-system\/coredns-/);
    expect(traces[0].trace.candidates.map((c: any) => c.probability)).toEqual([0.5, 0.5]);
    expect(traces[1]).toEqual({ probe: { from: 'default/nobody', to: '10.96.0.10:53', protocol: null }, error: 'pods "nobody" not found in namespace default', trace: null });
    expect(commands[0]).toMatchObject({ exitCode: 0, stdout: expect.stringMatching(/^NAME\s+TYPE\s+CLUSTER-IP/) });

    const before = await count(stack, 'simulation_runs');
    const refused = await api
      .post(`/api/scenarios/${created.body.id}/simulations`)
      .send({ probes: { traces: [{ from: 'default/a/b', to: '10.96.0.1' }] } })
      .expect(400);
    expect(refused.body.error.code).toBe('BAD_USER_INPUT');
    expect(refused.body.error.details.problems.map((p: any) => p.path)).toEqual(['traces[0].from', 'traces[0].to']);
    expect(await count(stack, 'simulation_runs')).toBe(before);
  });

  it('identical work is done once: the same version and probes share a run; other probes make a new one', async () => {
    const created = await api.post('/api/scenarios').send({ name: 'reuse', manifests }).expect(201);
    const first = await api.post(`/api/scenarios/${created.body.id}/simulations`).send({}).expect(202);
    await waitFor(async () => (await api.get(`/api/simulations/${first.body.id}`)).body);
    const again = await api.post(`/api/scenarios/${created.body.id}/simulations`).send({}).expect(202);
    expect(again.body).toMatchObject({ id: first.body.id, status: 'succeeded' });
    const probes = { commands: [{ command: 'kubectl get pods' }] };
    const probed = await api.post(`/api/scenarios/${created.body.id}/simulations`).send({ probes }).expect(202);
    expect(probed.body.id).not.toBe(first.body.id);
    // Asked twice at once: the second request finds the first still queued or running.
    const twice = await api.post(`/api/scenarios/${created.body.id}/simulations`).send({ probes }).expect(202);
    expect(twice.body.id).toBe(probed.body.id);
    const { rows } = await stack.db.query('SELECT count(*)::int AS n FROM simulation_runs r JOIN scenario_versions v ON v.id = r.version_id WHERE v.scenario_id = $1', [created.body.id]);
    expect(rows[0].n).toBe(2);
  });

  it('GraphQL refuses a document costlier than 5,000 before running it', async () => {
    const aliases = Array.from({ length: 300 }, (_, i) => `r${i}: simulationRun(id: "00000000-0000-0000-0000-000000000000") { result { pods { name ip containers { name ports { containerPort } } } } }`).join(' ');
    const costly = await api.graphql(`{ ${aliases} }`);
    expect(costly.errors?.[0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
  });

  it('the CLI prints the same result as the service stores for the same scenario', async () => {
    const created = await api.post('/api/scenarios').send({ name: 'cli', manifests }).expect(201);
    const started = await api.post(`/api/scenarios/${created.body.id}/simulations`).expect(202);
    await waitFor(async () => (await api.get(`/api/simulations/${started.body.id}`)).body);
    const { rows } = await stack.db.query('SELECT result FROM simulation_runs WHERE id = $1', [started.body.id]);

    const dir = mkdtempSync(join(tmpdir(), 'kube-netlab-'));
    const file = join(dir, 'manifests.yaml'); // the name the service gives a scenario's source
    writeFileSync(file, manifests);
    // The command a user runs (`npx kube-netlab` resolves to this bin).
    const stdout = execFileSync(process.execPath, [join(__dirname, '..', '..', 'bin', 'kube-netlab.js'), 'simulate', '-f', file, '-o', 'json'], {
      encoding: 'utf8',
    });
    // Postgres' jsonb reorders object keys, so compare values, not bytes.
    expect(JSON.parse(stdout)).toEqual(rows[0].result);
  });

  it('an edit makes a new version; identical content makes none', async () => {
    const created = await api.post('/api/scenarios').send({ name: 'v', manifests }).expect(201);
    const edited = await api
      .post(`/api/scenarios/${created.body.id}/versions`)
      .send({ manifests: manifests.replace('replicas: 3', 'replicas: 2') })
      .expect(201);
    expect(edited.body.latestVersion.number).toBe(2);
    const same = await api
      .post(`/api/scenarios/${created.body.id}/versions`)
      .send({ manifests: manifests.replace('replicas: 3', 'replicas: 2') })
      .expect(201);
    expect(same.body.latestVersion.number).toBe(2);
    const versions = await api.get(`/api/scenarios/${created.body.id}/versions`).expect(200);
    expect(versions.body.map((v: any) => v.number)).toEqual([1, 2]);
    expect(versions.body[0].content).toBe(manifests);
  });
});

describe('bad input', () => {
  let stack: Stack;
  let api: ReturnType<typeof as>;

  beforeAll(async () => {
    stack = await bootStack();
    api = as(stack, (await signUp(stack)).token);
  });
  afterAll(() => stack.close());

  const broken = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports: [\n';

  it('invalid YAML is refused over GraphQL with its line and column, and nothing is stored', async () => {
    const before = await count(stack, 'scenarios');
    const response = await api.graphql(
      `mutation ($input: CreateScenarioInput!) { createScenario(input: $input) { id } }`,
      { input: { name: 'broken', manifests: broken } },
    );
    expect(response.data).toBeNull();
    expect(response.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const [diagnostic] = response.errors![0].extensions!.diagnostics;
    expect(diagnostic).toMatchObject({ severity: 'error', file: 'manifests.yaml' });
    expect(diagnostic.line).toBeGreaterThanOrEqual(6); // the flow sequence opened on line 6 never closes
    expect(diagnostic.column).toEqual(expect.any(Number));
    expect(await count(stack, 'scenarios')).toBe(before);
  });

  it('invalid YAML is refused over REST with 400 and the same diagnostics', async () => {
    const before = await count(stack, 'scenario_versions');
    const response = await api.post('/api/scenarios').send({ name: 'broken', manifests: broken }).expect(400);
    expect(response.body.error.code).toBe('BAD_USER_INPUT');
    expect(response.body.error.details.diagnostics[0].line).toBeGreaterThanOrEqual(6);
    expect(await count(stack, 'scenario_versions')).toBe(before);
  });

  it('a failed edit keeps the earlier version intact', async () => {
    const created = await api.post('/api/scenarios').send({ name: 'keep', manifests: 'kind: Namespace\napiVersion: v1\nmetadata: {name: a}\n' }).expect(201);
    await api.post(`/api/scenarios/${created.body.id}/versions`).send({ manifests: broken }).expect(400);
    const versions = await api.get(`/api/scenarios/${created.body.id}/versions`).expect(200);
    expect(versions.body).toHaveLength(1);
  });

  it('missing fields are BAD_USER_INPUT, not a server error', async () => {
    const response = await api.post('/api/scenarios').send({ name: '' }).expect(400);
    expect(response.body.error.code).toBe('BAD_USER_INPUT');
    expect(response.body.error.message).toMatch(/manifests/);
  });

  it('malformed JSON bodies are BAD_USER_INPUT', async () => {
    const response = await api
      .post('/api/scenarios')
      .set('content-type', 'application/json')
      .send('{"name": ')
      .expect(400);
    expect(response.body.error.code).toBe('BAD_USER_INPUT');
  });

  it('unknown ids are NOT_FOUND over both APIs', async () => {
    await api.get('/api/simulations/00000000-0000-4000-8000-000000000000').expect(404);
    await api.get('/api/scenarios/not-a-uuid').expect(404);
    await api.post('/api/scenarios/00000000-0000-4000-8000-000000000000/simulations').expect(404);
    const response = await api.graphql(`{ simulationRun(id: "nope") { id } }`);
    expect(response.errors![0].extensions!.code).toBe('NOT_FOUND');
  });

  it('a manifest that parses but makes no sense is stored and simulated, with a located diagnostic', async () => {
    const odd = [
      'apiVersion: v1',
      'kind: Service',
      'metadata:',
      '  name: lonely',
      'spec:',
      '  selector:',
      '    app: nothing-has-this',
      '  ports:',
      '    - port: 80',
      '---',
      'apiVersion: example.com/v1',
      'kind: Gadget',
      'metadata:',
      '  name: g',
      '',
    ].join('\n');
    const created = await api.post('/api/scenarios').send({ name: 'odd', manifests: odd }).expect(201);
    const started = await api.post(`/api/scenarios/${created.body.id}/simulations`).expect(202);
    const run = await waitFor(async () => (await api.get(`/api/simulations/${started.body.id}`)).body);
    expect(run.status).toBe('succeeded');
    const lonely = run.result.services.find((s: any) => s.name === 'lonely');
    expect(lonely.endpoints).toEqual([]);
    const messages = run.result.diagnostics.map((d: any) => d.message).join('\n');
    expect(messages).toMatch(/lonely/);
    expect(messages).toMatch(/Gadget/);
    const gadget = run.result.diagnostics.find((d: any) => /Gadget/.test(d.message));
    expect(gadget.line).toBe(12);
  });
});

describe('health', () => {
  let stack: Stack;
  beforeAll(async () => (stack = await bootStack()));
  afterAll(() => stack.close());

  it('reports Postgres and Redis up, without credentials', async () => {
    const response = await as(stack, undefined).get('/health').expect(200);
    expect(response.body).toEqual({ status: 'ok', postgres: { status: 'up' }, redis: { status: 'up' } });
  });
});
