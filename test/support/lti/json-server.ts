import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Serves `body()` as JSON at every path of a local port: stands in for the tool's /lti/jwks in unit tests. */
export async function serveJson(body: () => unknown): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body())));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/lti/jwks`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
