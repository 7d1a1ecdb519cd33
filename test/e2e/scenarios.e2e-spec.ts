import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { as, signUp } from '../support/auth';
import { bootStack, Stack, waitFor } from '../support/boot';

const kubectlOutput = readFileSync(join(__dirname, '..', 'fixtures', 'kubectl-get-pod-svc.yaml'), 'utf8');

// Hooks boot the stack and sign up accounts (scrypt at full cost).
jest.setTimeout(60_000);

const manifest = (name: string, port = 80) => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  selector:
    app: ${name}
  ports:
  - port: ${port}
`;

const PAGE = `edges { cursor node { id name archivedAt } } pageInfo { hasNextPage endCursor } totalCount`;

describe('scenarios API: list, archive, diff, import', () => {
  let stack: Stack;
  let api: ReturnType<typeof as>;
  let other: ReturnType<typeof as>;

  beforeAll(async () => {
    stack = await bootStack();
    api = as(stack, (await signUp(stack, 'org A')).token);
    other = as(stack, (await signUp(stack, 'org B')).token);
  });
  afterAll(() => stack.close());

  async function create(client: ReturnType<typeof as>, name: string): Promise<string> {
    const created = await client.graphql(`mutation ($input: CreateScenarioInput!) { createScenario(input: $input) { id } }`, {
      input: { name, manifests: manifest(name) },
    });
    expect(created.errors).toBeUndefined();
    return created.data!.createScenario.id;
  }

  it('lists only the organization’s scenarios, newest first, in Relay pages that chain by cursor', async () => {
    const ids: string[] = [];
    for (const name of ['s1', 's2', 's3', 's4', 's5']) ids.push(await create(api, name));
    await create(other, 'foreign');

    const first = await api.graphql(`query { scenarios(first: 2) { ${PAGE} } }`);
    expect(first.errors).toBeUndefined();
    const page1 = first.data!.scenarios;
    expect(page1.totalCount).toBe(5);
    expect(page1.edges.map((e: any) => e.node.name)).toEqual(['s5', 's4']);
    expect(page1.pageInfo).toEqual({ hasNextPage: true, endCursor: page1.edges[1].cursor });

    const names: string[] = page1.edges.map((e: any) => e.node.name);
    let after = page1.pageInfo.endCursor;
    for (;;) {
      const next = await api.graphql(`query ($after: String) { scenarios(first: 2, after: $after) { ${PAGE} } }`, { after });
      expect(next.errors).toBeUndefined();
      names.push(...next.data!.scenarios.edges.map((e: any) => e.node.name));
      if (!next.data!.scenarios.pageInfo.hasNextPage) break;
      after = next.data!.scenarios.pageInfo.endCursor;
    }
    expect(names).toEqual(['s5', 's4', 's3', 's2', 's1']);

    // REST: the same page shape.
    const rest = await api.get('/api/scenarios?first=3');
    expect(rest.status).toBe(200);
    expect(rest.body.totalCount).toBe(5);
    expect(rest.body.edges.map((e: any) => e.node.name)).toEqual(['s5', 's4', 's3']);
    expect(rest.body.pageInfo.hasNextPage).toBe(true);
    const rest2 = await api.get(`/api/scenarios?first=3&after=${encodeURIComponent(rest.body.pageInfo.endCursor)}`);
    expect(rest2.body.edges.map((e: any) => e.node.name)).toEqual(['s2', 's1']);
    expect(rest2.body.pageInfo).toEqual({ hasNextPage: false, endCursor: rest2.body.edges[1].cursor });

    const foreign = await other.get('/api/scenarios');
    expect(foreign.body.edges.map((e: any) => e.node.name)).toEqual(['foreign']);
    expect(foreign.body.totalCount).toBe(1);
  });

  it('refuses a malformed cursor or page size with BAD_USER_INPUT', async () => {
    const bad = await api.graphql(`query { scenarios(after: "nope") { totalCount } }`);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await api.get('/api/scenarios?first=0')).status).toBe(400);
    expect((await api.get('/api/scenarios?first=101')).status).toBe(400);
  });

  it('archives: hidden from lists unless asked, no new versions or runs, reads still work; unarchive restores', async () => {
    const id = await create(api, 'to-archive');
    const archived = await api.post(`/api/scenarios/${id}/archive`);
    expect(archived.status).toBe(200);
    expect(archived.body.archivedAt).toEqual(expect.any(String));

    const listed = await api.graphql(`query { scenarios(first: 100) { ${PAGE} } }`);
    expect(listed.data!.scenarios.edges.map((e: any) => e.node.id)).not.toContain(id);
    const withArchived = await api.graphql(`query { scenarios(first: 100, includeArchived: true) { ${PAGE} } }`);
    expect(withArchived.data!.scenarios.edges.map((e: any) => e.node.id)).toContain(id);
    expect(withArchived.data!.scenarios.totalCount).toBe(listed.data!.scenarios.totalCount + 1);

    expect((await api.get(`/api/scenarios/${id}`)).status).toBe(200);
    const edit = await api.post(`/api/scenarios/${id}/versions`).send({ manifests: manifest('to-archive', 81) });
    expect(edit.status).toBe(400);
    expect(edit.body.error.message).toMatch(/archived/);
    const run = await api.graphql(`mutation ($id: ID!) { runSimulation(scenarioId: $id) { id } }`, { id });
    expect(run.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(run.errors?.[0].message).toMatch(/archived/);

    const unarchived = await api.graphql(`mutation ($id: ID!) { unarchiveScenario(id: $id) { archivedAt } }`, { id });
    expect(unarchived.data!.unarchiveScenario.archivedAt).toBeNull();
    expect((await api.post(`/api/scenarios/${id}/versions`).send({ manifests: manifest('to-archive', 81) })).status).toBe(201);
  });

  it('another organization cannot archive or see the archive of a scenario', async () => {
    const id = await create(api, 'mine');
    expect((await other.post(`/api/scenarios/${id}/archive`)).status).toBe(404);
    const gql = await other.graphql(`mutation ($id: ID!) { archiveScenario(id: $id) { id } }`, { id });
    expect(gql.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await api.get(`/api/scenarios/${id}`)).body.archivedAt).toBeNull();
  });

  it('diffs two versions: a unified diff and the objects added, removed or changed', async () => {
    const id = await create(api, 'web');
    const v2 = `${manifest('web', 8080)}---\n${manifest('api')}`;
    expect((await api.post(`/api/scenarios/${id}/versions`).send({ manifests: v2 })).status).toBe(201);

    const diff = await api.graphql(
      `query ($id: ID!) { scenarioDiff(id: $id, from: 1, to: 2) { from to unified objects { change kind namespace name } } }`,
      { id },
    );
    expect(diff.errors).toBeUndefined();
    const body = diff.data!.scenarioDiff;
    expect(body.objects).toEqual([
      { change: 'changed', kind: 'Service', namespace: null, name: 'web' },
      { change: 'added', kind: 'Service', namespace: null, name: 'api' },
    ].sort((a, b) => (a.name < b.name ? -1 : 1)));
    // GNU diffutils' `diff -u --label manifests.yaml@v1 --label manifests.yaml@v2` of the two texts.
    expect(body.unified).toBe(
      [
        '--- manifests.yaml@v1',
        '+++ manifests.yaml@v2',
        '@@ -6,4 +6,14 @@',
        '   selector:',
        '     app: web',
        '   ports:',
        '+  - port: 8080',
        '+---',
        '+apiVersion: v1',
        '+kind: Service',
        '+metadata:',
        '+  name: api',
        '+spec:',
        '+  selector:',
        '+    app: api',
        '+  ports:',
        '   - port: 80',
        '',
      ].join('\n'),
    );

    const rest = await api.get(`/api/scenarios/${id}/diff?from=2&to=1`);
    expect(rest.status).toBe(200);
    expect(rest.body.objects.map((o: any) => [o.change, o.name])).toEqual([['removed', 'api'], ['changed', 'web']]);
    expect((await api.get(`/api/scenarios/${id}/diff?from=1&to=3`)).status).toBe(404);
    expect((await api.get(`/api/scenarios/${id}/diff?from=x&to=1`)).status).toBe(400);

    // Another organization sees no such scenario.
    expect((await other.get(`/api/scenarios/${id}/diff?from=1&to=2`)).status).toBe(404);
    const foreign = await other.graphql(`query ($id: ID!) { scenarioDiff(id: $id, from: 1, to: 2) { unified } }`, { id });
    expect(foreign.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('imports kubectl get -o yaml output: noise dropped and reported, pinned addresses honoured by a run', async () => {
    const imported = await api.graphql(
      `mutation ($input: ImportScenarioInput!) { importScenario(input: $input) {
        scenario { id latestVersion { number content } } objects dropped { kind namespace name path } } }`,
      { input: { name: 'dump', kubectlOutput } },
    );
    expect(imported.errors).toBeUndefined();
    const result = imported.data!.importScenario;
    expect(result.objects).toBe(2);
    expect(result.scenario.latestVersion.number).toBe(1);
    expect(result.scenario.latestVersion.content).not.toMatch(/uid:|resourceVersion|creationTimestamp|last-applied/);
    expect(result.dropped).toContainEqual({ kind: 'Pod', namespace: 'default', name: 'web-0', path: 'status.containerStatuses' });

    const started = await api.post(`/api/scenarios/${result.scenario.id}/simulations`).send({});
    expect(started.status).toBe(202);
    const run = await waitFor(async () => (await api.get(`/api/simulations/${started.body.id}`)).body);
    expect(run.status).toBe('succeeded');
    const web = run.result.services.find((s: any) => s.name === 'web' && s.namespace === 'default');
    expect(web.clusterIP).toBe('10.96.12.34');
    expect(web.endpoints.map((e: any) => [e.ip, e.nodeName])).toEqual([['10.244.1.5', 'kind-worker']]);

    // REST, and refusals: bad YAML is located, an empty List is refused, nothing is stored.
    const rest = await api.post('/api/scenarios/import').send({ name: 'dump2', kubectlOutput });
    expect(rest.status).toBe(201);
    expect(rest.body.objects).toBe(2);
    const bad = await api.post('/api/scenarios/import').send({ name: 'bad', kubectlOutput: 'items: [\n' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^kubectl output is not valid YAML: kubectl-output\.yaml:\d+:\d+: /);
    const empty = await api.post('/api/scenarios/import').send({ name: 'e', kubectlOutput: 'apiVersion: v1\nitems: []\nkind: List\n' });
    expect(empty.status).toBe(400);
  });
});
