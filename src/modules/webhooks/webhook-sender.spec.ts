import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RESPONSE_BODY_LIMIT, sendWebhook } from './webhook-sender';

describe('sending one webhook attempt', () => {
  let server: Server;
  let url: string;
  let received: { headers: IncomingHttpHeaders; body: string }[];
  let answer: (res: import('node:http').ServerResponse) => void;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        answer(res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  beforeEach(() => (received = []));
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const send = (overrides: Partial<Parameters<typeof sendWebhook>[0]> = {}) =>
    sendWebhook({ url, headers: { 'content-type': 'application/json', 'webhook-id': 'msg_1' }, body: '{"a":1}', timeoutMs: 2000, allowPrivateAddresses: true, ...overrides });

  it('POSTs the body and headers as given; a 2xx is a success', async () => {
    answer = (res) => res.writeHead(204).end();
    const outcome = await send();
    expect(outcome).toMatchObject({ responseStatus: 204, responseBody: '', error: null });
    expect(received).toEqual([{ headers: expect.objectContaining({ 'webhook-id': 'msg_1', 'content-length': '7' }), body: '{"a":1}' }]);
  });

  it('keeps the first 2 KB of a failing answer and names its status', async () => {
    answer = (res) => res.writeHead(500, 'Internal Server Error').end('x'.repeat(5000));
    const outcome = await send();
    expect(outcome.responseStatus).toBe(500);
    expect(outcome.responseBody).toBe('x'.repeat(RESPONSE_BODY_LIMIT));
    expect(outcome.error).toBe('the receiver answered 500 Internal Server Error');
  });

  it('does not follow a redirect: a 3xx is a failed attempt', async () => {
    answer = (res) => res.writeHead(301, { location: 'http://127.0.0.1:1/' }).end();
    expect(await send()).toMatchObject({ responseStatus: 301, error: 'the receiver answered 301 Moved Permanently' });
  });

  it('gives up after the timeout', async () => {
    answer = () => undefined; // never answers
    const outcome = await send({ timeoutMs: 200 });
    expect(outcome).toMatchObject({ responseStatus: null, error: 'no answer within 200 ms' });
    expect(outcome.durationMs).toBeGreaterThanOrEqual(195);
  });

  it('reports a refused connection', async () => {
    const outcome = await send({ url: 'http://127.0.0.1:1/' });
    expect(outcome.responseStatus).toBeNull();
    expect(outcome.error).toMatch(/ECONNREFUSED/);
  });

  it('with private addresses refused, sends nothing to 127.0.0.1 or to a name that resolves to loopback', async () => {
    answer = (res) => res.writeHead(200).end();
    expect(await send({ allowPrivateAddresses: false })).toMatchObject({ responseStatus: null, error: '127.0.0.1 is not a public address (WEBHOOK_ALLOW_PRIVATE_ADDRESSES is off)' });
    const port = (server.address() as AddressInfo).port;
    const outcome = await send({ url: `http://localhost:${port}/hook`, allowPrivateAddresses: false });
    expect(outcome.error).toMatch(/resolves to (127\.0\.0\.1|::1), not a public address/);
    expect(received).toEqual([]);
  });
});
