import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import { nonPublicAddressLiteral, publicOnlyLookup } from '../../platform/http/public-address';

/** How much of a receiver's answer is kept with the attempt. */
export const RESPONSE_BODY_LIMIT = 2048;

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  allowPrivateAddresses: boolean;
}

/** What one attempt got back. */
export interface AttemptOutcome {
  /** The receiver's HTTP status; null when none came (timeout, refused connection, refused address). */
  responseStatus: number | null;
  /** The first 2 KB of the answer's body (NUL characters dropped: Postgres text cannot hold them). */
  responseBody: string | null;
  /** Why the attempt failed; null when the receiver answered 2xx. */
  error: string | null;
  durationMs: number;
}

/**
 * POSTs one webhook and settles with what happened; it never rejects. Redirects are not
 * followed (Standard Webhooks: a 3xx is a failure). The timeout covers the whole exchange
 * up to the end of the answer or its first 2 KB.
 */
export async function sendWebhook(request: WebhookRequest): Promise<AttemptOutcome> {
  const started = performance.now();
  const url = new URL(request.url);
  // IP literals are never looked up; names are checked as they resolve.
  const refused = request.allowPrivateAddresses ? null : nonPublicAddressLiteral(url.hostname);
  if (refused) return { responseStatus: null, responseBody: null, error: `${refused} (WEBHOOK_ALLOW_PRIVATE_ADDRESSES is off)`, durationMs: 0 };

  return new Promise((resolve) => {
    let settled = false;
    let responseStatus: number | null = null;
    const client = url.protocol === 'https:' ? https : http;
    const outgoing = client.request(url, {
      method: 'POST',
      headers: { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) },
      ...(request.allowPrivateAddresses ? {} : { lookup: publicOnlyLookup }),
    });
    const timer = setTimeout(() => {
      finish(null, `no answer within ${request.timeoutMs} ms`);
      outgoing.destroy();
    }, request.timeoutMs);
    const finish = (responseBody: string | null, error: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ responseStatus, responseBody, error, durationMs: Math.round(performance.now() - started) });
    };

    outgoing.on('response', (response) => {
      responseStatus = response.statusCode ?? null;
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () => {
        const body = Buffer.concat(chunks).subarray(0, RESPONSE_BODY_LIMIT).toString('utf8').replace(/\0/g, '');
        const ok = responseStatus !== null && responseStatus >= 200 && responseStatus < 300;
        finish(body, ok ? null : `the receiver answered ${responseStatus} ${response.statusMessage ?? ''}`.trim());
        response.destroy();
      };
      response.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= RESPONSE_BODY_LIMIT) done();
      });
      response.on('end', done);
      response.on('error', done); // a broken answer still has its status
    });
    outgoing.on('error', (error) => finish(null, error.message));
    outgoing.end(request.body);
  });
}
