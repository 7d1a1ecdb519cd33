/**
 * The HTTP side of the protocol: every outbound request (platform key sets, token
 * endpoint, AGS, NRPS, dynamic registration) goes through `HttpClient`, so tests hand in
 * their own `fetch` and every request carries the User-Agent some platforms require
 * (Canvas refuses service calls without one).
 */

/** The fetch function the protocol calls; Node's global `fetch` in production. */
export type Fetch = (input: string | URL, init?: RequestInit) => Promise<Response>;

/** Milliseconds since the epoch; `Date.now` in production, a controlled clock in tests. */
export type Clock = () => number;

export interface HttpClient {
  fetch: Fetch;
  /** e.g. `ltiUserAgent('0.1.0')` → `kube-netlab/0.1.0`. */
  userAgent: string;
}

/** The User-Agent kube-netlab sends on every service call. */
export function ltiUserAgent(version: string): string {
  return `kube-netlab/${version}`;
}

/** A service call the platform answered with a non-2xx status; the caller decides whether to retry. */
export class LtiHttpError extends Error {
  constructor(
    readonly method: string,
    readonly url: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`${method} ${url} answered ${status}: ${body.slice(0, 500)}`);
    this.name = 'LtiHttpError';
  }

  /** 408, 429 and 5xx are worth retrying; other 4xx will fail the same way again. */
  get retryable(): boolean {
    return this.status === 408 || this.status === 429 || this.status >= 500;
  }
}

/** Sends a request with the User-Agent and returns the response; non-2xx throws `LtiHttpError`. */
export async function send(http: HttpClient, url: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('User-Agent', http.userAgent);
  const response = await http.fetch(url, { ...init, headers });
  if (!response.ok) throw new LtiHttpError(init.method ?? 'GET', url, response.status, await response.text());
  return response;
}

/** `send`, then the body as JSON. */
export async function sendForJson<T = unknown>(http: HttpClient, url: string, init: RequestInit = {}): Promise<{ body: T; response: Response }> {
  const response = await send(http, url, init);
  return { body: await readJson<T>(response, init.method ?? 'GET', url), response };
}

/** The body of a 2xx response as JSON; a body that is not JSON throws `LtiHttpError` naming the URL. */
export async function readJson<T = unknown>(response: Response, method: string, url: string): Promise<T> {
  const text = await response.text();
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new LtiHttpError(method, url, response.status, `not JSON: ${text}`);
  }
}

/** The target of the `rel="next"` link of an RFC 8288 Link header, resolved against `base`. */
export function nextPageUrl(link: string | null, base: string): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(',')) {
    const match = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
    if (match && /(^|;)\s*rel\s*=\s*"?([^";]*\s)?next(\s[^";]*)?"?\s*(;|$)/i.test(match[2])) return new URL(match[1], base).toString();
  }
  return undefined;
}
