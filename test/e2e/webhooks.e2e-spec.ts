import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import request from 'supertest';
import { as, signUp } from '../support/auth';
import { bootStack, Stack, waitFor } from '../support/boot';

const manifests = readFileSync(join(__dirname, '..', 'fixtures', 'web-deployment.yaml'), 'utf8');

jest.setTimeout(60_000);

/** A webhook receiver on this machine: records every request; `/runs` answers 500 to its first two, `/gone` 410. */
interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/**
 * Verification as a receiver following the Standard Webhooks specification would do it,
 * written from the spec: the key is the base64 after `whsec_`; the signed content is
 * `{webhook-id}.{webhook-timestamp}.{body}`; the header is a space-delimited list of
 * `v1,<base64 HMAC-SHA256>`; compared in constant time.
 */
function verifySignature(secret: string, headers: IncomingHttpHeaders, body: string): boolean {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`).digest();
  return String(headers['webhook-signature'] ?? '')
    .split(' ')
    .some((entry) => {
      const [version, signature] = entry.split(',');
      const given = Buffer.from(signature ?? '', 'base64');
      return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
    });
}

async function until<T>(what: string, read: () => T | undefined | Promise<T | undefined>, timeoutMs = 20000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const DELIVERIES = `query ($id: ID!) { webhookDeliveries(webhookId: $id) {
  id webhookId eventId type payload status nextAttemptAt finishedAt
  attempts { number startedAt durationMs responseStatus responseBody error } } }`;

describe('signed webhooks (API + worker + a receiver on 127.0.0.1)', () => {
  let stack: Stack;
  let receiver: Server;
  let base: string;
  const received: Received[] = [];
  let owner: ReturnType<typeof as>;
  let runs: { id: string; secret: string };
  let other: { id: string; secret: string };
  let goneId: string;
  let runId: string;
  let scenarioId: string;

  beforeAll(async () => {
    let runsRequests = 0;
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push({ path: req.url ?? '', headers: req.headers, body, at: Date.now() });
        if (req.url === '/runs' && ++runsRequests <= 2) res.writeHead(500).end('receiver not ready');
        else if (req.url === '/gone') res.writeHead(410).end();
        else res.writeHead(200).end('thanks');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    stack = await bootStack({ WEBHOOK_RETRY_BASE_MS: '200', WEBHOOK_ATTEMPTS: '5', RECONCILE_INTERVAL_MS: '500', STALE_RUN_AFTER_MS: '1000' });
    owner = as(stack, (await signUp(stack, 'webhook org')).token);
  });
  afterAll(async () => {
    await stack.close();
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('creates webhooks over GraphQL and REST; the secret (whsec_) is shown once and never listed', async () => {
    const created = await owner.graphql(`mutation ($input: CreateWebhookInput!) { createWebhook(input: $input) { webhook { id url events active } secret } }`, {
      input: { url: `${base}/runs`, events: ['run.finished'], description: 'gradebook' },
    });
    expect(created.errors).toBeUndefined();
    const { webhook, secret } = created.data!.createWebhook;
    expect(webhook).toMatchObject({ url: `${base}/runs`, events: ['run.finished'], active: true });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    runs = { id: webhook.id, secret };

    const rest = await owner.post('/api/webhooks').send({ url: `${base}/other`, events: ['submission.graded', 'regrade.finished'] }).expect(201);
    expect(rest.body.webhook.events).toEqual(['submission.graded', 'regrade.finished']);
    other = { id: rest.body.webhook.id, secret: rest.body.secret };

    goneId = (await owner.post('/api/webhooks').send({ url: `${base}/gone`, events: ['run.finished'] }).expect(201)).body.webhook.id;

    const listed = await owner.get('/api/webhooks').expect(200);
    expect(listed.body.map((w: any) => w.id)).toEqual([goneId, other.id, runs.id]); // newest first
    expect(JSON.stringify(listed.body)).not.toContain(runs.secret.slice('whsec_'.length));
    expect(listed.body[0]).not.toHaveProperty('secret');
  });

  it('refuses URLs that are not http(s) and unknown event types', async () => {
    const ftp = await owner.post('/api/webhooks').send({ url: 'ftp://127.0.0.1/x', events: ['run.finished'] }).expect(400);
    expect(ftp.body.error.message).toBe('url "ftp://127.0.0.1/x" must start with http:// or https://');
    const unknown = await owner.graphql(`mutation { createWebhook(input: { url: "${base}/x", events: ["run.started"] }) { secret } }`);
    expect(unknown.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('delivers run.finished signed, retries two 500s with backoff, and logs every attempt', async () => {
    const scenario = await owner.graphql(`mutation ($input: CreateScenarioInput!) { createScenario(input: $input) { id } }`, { input: { name: 'web', manifests } });
    scenarioId = scenario.data!.createScenario.id;
    const started = await owner.graphql(`mutation ($id: ID!) { runSimulation(scenarioId: $id) { id } }`, { id: scenarioId });
    runId = started.data!.runSimulation.id;
    const run = await waitFor(async () => (await owner.get(`/api/simulations/${runId}`).expect(200)).body);
    expect(run.status).toBe('succeeded');

    const attempts = await until('three requests to /runs', () => {
      const hits = received.filter((r) => r.path === '/runs');
      return hits.length >= 3 ? hits : undefined;
    });
    expect(attempts).toHaveLength(3);
    // One event: the same webhook-id on every attempt; each attempt signed afresh.
    expect(new Set(attempts.map((a) => a.headers['webhook-id'])).size).toBe(1);
    for (const attempt of attempts) {
      expect(attempt.headers['content-type']).toBe('application/json');
      expect(verifySignature(runs.secret, attempt.headers, attempt.body)).toBe(true);
      expect(verifySignature(other.secret, attempt.headers, attempt.body)).toBe(false);
      const timestamp = Number(attempt.headers['webhook-timestamp']);
      expect(Number.isInteger(timestamp)).toBe(true);
      expect(Math.abs(attempt.at / 1000 - timestamp)).toBeLessThan(5);
    }
    // A body altered in transit no longer verifies.
    expect(verifySignature(runs.secret, attempts[2].headers, attempts[2].body.replace('succeeded', 'failed'))).toBe(false);
    // Exponential backoff from a 200 ms base: at least 200 ms, then 400 ms, between attempts.
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(180);
    expect(attempts[2].at - attempts[1].at).toBeGreaterThanOrEqual(360);

    const body = JSON.parse(attempts[2].body);
    expect(body).toEqual({
      type: 'run.finished',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      data: { runId, scenarioId, versionNumber: 1, status: 'succeeded', error: null },
    });

    const delivery = await until('the delivery to succeed', async () => {
      const page = await owner.graphql(DELIVERIES, { id: runs.id });
      expect(page.errors).toBeUndefined();
      const first = page.data!.webhookDeliveries[0];
      return first?.status === 'succeeded' ? first : undefined;
    });
    expect(delivery).toMatchObject({ webhookId: runs.id, eventId: attempts[0].headers['webhook-id'], type: 'run.finished', nextAttemptAt: null });
    expect(JSON.parse(delivery.payload)).toEqual(body);
    expect(delivery.attempts.map((a: any) => [a.number, a.responseStatus, a.responseBody, a.error])).toEqual([
      [1, 500, 'receiver not ready', 'the receiver answered 500 Internal Server Error'],
      [2, 500, 'receiver not ready', 'the receiver answered 500 Internal Server Error'],
      [3, 200, 'thanks', null],
    ]);
    for (const attempt of delivery.attempts) expect(attempt.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('a 410 Gone fails the delivery at once and disables the webhook', async () => {
    const [delivery] = await until('the /gone delivery to fail', async () => {
      const page = (await owner.get(`/api/webhooks/${goneId}/deliveries`).expect(200)).body;
      return page[0]?.status === 'failed' ? page : undefined;
    });
    expect(delivery.attempts.map((a: any) => [a.number, a.responseStatus, a.error])).toEqual([[1, 410, 'the receiver answered 410 Gone']]);
    const gone = (await owner.graphql(`{ webhooks { id active disabledAt } }`)).data!.webhooks.find((w: any) => w.id === goneId);
    expect(gone).toMatchObject({ active: false, disabledAt: expect.any(String) });
    const redeliver = await owner.graphql(`mutation ($id: ID!) { redeliverWebhook(deliveryId: $id) { id } }`, { id: delivery.id });
    expect(redeliver.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('sends nothing to a subscription for other events', async () => {
    expect(received.filter((r) => r.path === '/other')).toEqual([]);
    expect((await owner.get(`/api/webhooks/${other.id}/deliveries`).expect(200)).body).toEqual([]);
  });

  it('redelivers an event as a new delivery with the same webhook-id', async () => {
    const [original] = (await owner.graphql(DELIVERIES, { id: runs.id })).data!.webhookDeliveries;
    const redelivered = await owner.post(`/api/webhooks/deliveries/${original.id}/redeliver`).expect(202);
    expect(redelivered.body).toMatchObject({ eventId: original.eventId, status: 'pending', attempts: [] });
    expect(redelivered.body.id).not.toBe(original.id);
    const hit = await until('the redelivery', () => received.filter((r) => r.path === '/runs')[3]);
    expect(hit.headers['webhook-id']).toBe(original.eventId);
    expect(verifySignature(runs.secret, hit.headers, hit.body)).toBe(true);
  });

  it('queues a recorded delivery whose job never reached Redis (the reconciler)', async () => {
    // As if Redis had been down when the event was emitted: a pending row, no job.
    await stack.db.query(
      `INSERT INTO webhook_deliveries (id, subscription_id, event_id, type, payload, updated_at, next_attempt_at)
       VALUES (gen_random_uuid(), $1, 'msg_reconciled', 'run.finished', $2, now(), now() - interval '1 minute')`,
      [runs.id, JSON.stringify({ type: 'run.finished', timestamp: new Date().toISOString(), data: { runId } })],
    );
    const hit = await until('the reconciled delivery', () => received.find((r) => r.headers['webhook-id'] === 'msg_reconciled'));
    expect(verifySignature(runs.secret, hit.headers, hit.body)).toBe(true);
  });

  it("refuses another organization's reads and changes as not found, and students' reads and changes as forbidden", async () => {
    const stranger = as(stack, (await signUp(stack, 'other org')).token);
    expect((await stranger.graphql(`{ webhooks { id } }`)).data!.webhooks).toEqual([]);
    const deliveries = await stranger.graphql(DELIVERIES, { id: runs.id });
    expect(deliveries.errors![0].extensions!.code).toBe('NOT_FOUND');
    await stranger.get(`/api/webhooks/${runs.id}/deliveries`).expect(404);
    await stranger.delete(`/api/webhooks/${runs.id}`).expect(404);
    const [delivery] = (await owner.graphql(DELIVERIES, { id: runs.id })).data!.webhookDeliveries;
    const redeliver = await stranger.graphql(`mutation ($id: ID!) { redeliverWebhook(deliveryId: $id) { id } }`, { id: delivery.id });
    expect(redeliver.errors![0].extensions!.code).toBe('NOT_FOUND');

    const email = `pupil-${process.pid}-${Date.now()}@example.test`;
    await owner.post('/api/auth/members').send({ email, password: 'pupil password', role: 'student' }).expect(201);
    const student = as(stack, (await request(stack.url).post('/api/auth/sign-in').send({ email, password: 'pupil password' }).expect(200)).body.token);
    await student.get('/api/webhooks').expect(403); // deliveries carry other students' grades
    const forbidden = await student.post('/api/webhooks').send({ url: `${base}/x`, events: ['run.finished'] }).expect(403);
    expect(forbidden.body.error).toMatchObject({ code: 'FORBIDDEN', details: { permission: 'admin' } });
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await request(stack.url).get('/api/docs/openapi.json').expect(200)).body;
    for (const path of ['/api/webhooks', '/api/webhooks/{id}', '/api/webhooks/{id}/deliveries', '/api/webhooks/deliveries/{deliveryId}/redeliver']) expect(Object.keys(doc.paths)).toContain(path);
    expect(Object.keys(doc.components.schemas.CreateWebhookInput.properties)).toEqual(['url', 'events', 'description']);
    expect(Object.keys(doc.components.schemas.CreatedWebhook.properties)).toEqual(['webhook', 'secret']);
  });

  it('deletes a webhook with its delivery log', async () => {
    const deleted = await owner.graphql(`mutation ($id: ID!) { deleteWebhook(id: $id) { id } }`, { id: other.id });
    expect(deleted.data!.deleteWebhook).toEqual({ id: other.id });
    expect((await owner.graphql(`{ webhooks { id } }`)).data!.webhooks).toEqual([{ id: goneId }, { id: runs.id }]);
    await owner.get(`/api/webhooks/${other.id}/deliveries`).expect(404);
  });
});
