import http from 'node:http';
import https from 'node:https';
import { nonPublicHost, publicOnlyLookup } from './public-address';

export interface PublicFetchOptions {
  /** Let requests reach loopback and private addresses (development, tests). */
  allowPrivateAddresses: boolean;
  timeoutMs: number;
  /** Largest answer read, in bytes. */
  maxBytes?: number;
  maxRedirects?: number;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * A `fetch` for calls to URLs other people chose (an LMS's key set, token, grade and roster
 * endpoints): http(s) only, and unless allowed, never to loopback, private or link-local
 * addresses. Names are checked as they resolve and the connection goes to the address
 * checked (Node's global fetch offers no such hook). Redirects are followed up to a limit,
 * each hop checked the same way; a 303 (and a 301/302 after POST) becomes a GET.
 * Bodies: strings and URLSearchParams, which is all the LTI calls send.
 */
export function publicFetch(options: PublicFetchOptions): (input: string | URL, init?: RequestInit) => Promise<Response> {
  const { allowPrivateAddresses, timeoutMs, maxBytes = 5 * 1024 * 1024, maxRedirects = 5 } = options;

  const once = (url: URL, method: string, headers: Headers, body: string | undefined): Promise<Response> =>
    new Promise((resolve, reject) => {
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return reject(new TypeError(`${url.href}: only http and https URLs are fetched`));
      const refused = allowPrivateAddresses ? null : nonPublicHost(url.hostname);
      if (refused) return reject(new TypeError(`${url.href}: ${refused}`));
      const request = (url.protocol === 'https:' ? https : http).request(
        url,
        { method, headers: Object.fromEntries(headers), timeout: timeoutMs, ...(allowPrivateAddresses ? {} : { lookup: publicOnlyLookup }) },
        (response) => {
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size <= maxBytes) return void chunks.push(chunk);
            response.destroy();
            reject(new Error(`${url.href}: the answer is larger than ${maxBytes} bytes`));
          });
          response.on('end', () => {
            if (size > maxBytes) return;
            const status = response.statusCode ?? 502;
            const responseHeaders = new Headers();
            for (const [name, value] of Object.entries(response.headers)) {
              for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) responseHeaders.append(name, v);
            }
            const empty = status === 204 || status === 304 || method === 'HEAD';
            resolve(new Response(empty ? null : Buffer.concat(chunks), { status, statusText: response.statusMessage, headers: responseHeaders }));
          });
          response.on('error', reject);
        },
      );
      request.on('timeout', () => request.destroy(new Error(`${url.href}: no answer within ${timeoutMs} ms`)));
      request.on('error', reject);
      request.end(body);
    });

  return async (input, init = {}) => {
    if (init.body !== undefined && init.body !== null && typeof init.body !== 'string' && !(init.body instanceof URLSearchParams)) {
      throw new TypeError('publicFetch sends string and URLSearchParams bodies only');
    }
    let url = new URL(String(input));
    let method = (init.method ?? 'GET').toUpperCase();
    const headers = new Headers(init.headers);
    let body = init.body === undefined || init.body === null ? undefined : String(init.body);
    if (init.body instanceof URLSearchParams && !headers.has('content-type')) headers.set('content-type', 'application/x-www-form-urlencoded;charset=UTF-8');
    for (let hop = 0; ; hop += 1) {
      const response = await once(url, method, headers, body);
      const location = response.headers.get('location');
      if (!REDIRECTS.has(response.status) || !location || init.redirect === 'manual') return response;
      if (hop >= maxRedirects) throw new TypeError(`${url.href}: more than ${maxRedirects} redirects`);
      url = new URL(location, url);
      if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
        headers.delete('content-type');
      }
    }
  };
}
