import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { as, signUp } from '../support/auth';
import { bootStack, count, Stack } from '../support/boot';

const manifests = readFileSync(join(__dirname, '..', 'fixtures', 'web-deployment.yaml'), 'utf8');

describe('Idempotency-Key on REST POSTs', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await bootStack();
  });
  afterAll(() => stack.close());

  it('a retry with the same key and body gets the first response, and nothing is done twice', async () => {
    const api = as(stack, (await signUp(stack)).token);
    const before = await count(stack, 'scenarios');
    const first = await api.post('/api/scenarios').set('Idempotency-Key', 'class-42-submit-1').send({ name: 'retry', manifests }).expect(201);
    const again = await api.post('/api/scenarios').set('Idempotency-Key', 'class-42-submit-1').send({ name: 'retry', manifests }).expect(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(await count(stack, 'scenarios')).toBe(before + 1);

    const run = await api.post(`/api/scenarios/${first.body.id}/simulations`).set('Idempotency-Key', 'run-1').send({}).expect(202);
    const rerun = await api.post(`/api/scenarios/${first.body.id}/simulations`).set('Idempotency-Key', 'run-1').send({}).expect(202);
    expect(rerun.body.id).toBe(run.body.id);
  });

  it('the same key with another request is refused; keys belong to one organization', async () => {
    const api = as(stack, (await signUp(stack)).token);
    await api.post('/api/scenarios').set('Idempotency-Key', 'k').send({ name: 'a', manifests }).expect(201);
    const clash = await api.post('/api/scenarios').set('Idempotency-Key', 'k').send({ name: 'b', manifests }).expect(400);
    expect(clash.body.error).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('was used for a different request') });
    // Another organization may use the same key for its own request.
    const other = as(stack, (await signUp(stack)).token);
    const theirs = await other.post('/api/scenarios').set('Idempotency-Key', 'k').send({ name: 'b', manifests }).expect(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
  });

  it('a request that fails is forgotten: its retry is answered afresh', async () => {
    const api = as(stack, (await signUp(stack)).token);
    await api.post('/api/scenarios').set('Idempotency-Key', 'bad').send({ name: 'x', manifests: 'kind: Pod\nmetadata: [\n' }).expect(400);
    const retried = await api.post('/api/scenarios').set('Idempotency-Key', 'bad').send({ name: 'x', manifests: 'kind: Pod\nmetadata: [\n' }).expect(400);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
  });
});
