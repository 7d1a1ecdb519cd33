import { createServer, type Server } from 'node:http';
import { publicFetch } from './public-fetch';

describe('publicFetch', () => {
  let server: Server;
  let base: string;
  const seen: { method: string; url: string; body: string; type?: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen.push({ method: req.method!, url: req.url!, body, type: req.headers['content-type'] });
        if (req.url === '/moved') return res.writeHead(302, { location: '/jwks' }).end();
        if (req.url === '/loop') return res.writeHead(307, { location: '/loop' }).end();
        if (req.url === '/big') return res.end('x'.repeat(2048));
        res.writeHead(200, { 'content-type': 'application/json', link: '<http://next>; rel="next"' }).end(JSON.stringify({ ok: true, method: req.method }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const allowed = publicFetch({ allowPrivateAddresses: true, timeoutMs: 2000, maxBytes: 1024 });
  const guarded = publicFetch({ allowPrivateAddresses: false, timeoutMs: 2000 });

  it('answers like fetch: status, headers, JSON; sends form bodies with their content type', async () => {
    const response = await allowed(`${base}/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials' }) });
    expect(response.status).toBe(200);
    expect(response.headers.get('link')).toBe('<http://next>; rel="next"');
    expect(await response.json()).toEqual({ ok: true, method: 'POST' });
    expect(seen.at(-1)).toMatchObject({ body: 'grant_type=client_credentials', type: 'application/x-www-form-urlencoded;charset=UTF-8' });
  });

  it('follows redirects, a 302 after POST as a GET, and stops at the limit', async () => {
    expect(await (await allowed(`${base}/moved`, { method: 'POST', body: 'x' })).json()).toEqual({ ok: true, method: 'GET' });
    await expect(allowed(`${base}/loop`)).rejects.toThrow(/more than 5 redirects/);
  });

  it('refuses loopback, private and link-local destinations, literal or by name, and non-http schemes', async () => {
    await expect(guarded(`${base}/jwks`)).rejects.toThrow(/127\.0\.0\.1 is not a public address/);
    await expect(guarded('http://169.254.169.254/latest/meta-data/')).rejects.toThrow(/not a public address/);
    await expect(guarded('http://localhost:1/')).rejects.toThrow(/loopback name/);
    await expect(guarded('file:///etc/passwd')).rejects.toThrow(/only http and https/);
  });

  it('stops reading an answer over the size limit', async () => {
    await expect(allowed(`${base}/big`)).rejects.toThrow(/larger than 1024 bytes/);
  });
});
