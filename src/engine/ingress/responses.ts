/**
 * The responses nginx (inside ingress-nginx) writes itself: its special error and redirect
 * pages (ngx_http_special_response.c: `<html>`…`<hr><center>nginx</center>` with CRLF line
 * ends; ingress-nginx runs with `server_tokens off`, so the tail says `nginx` and no Server
 * header is sent) and the header lines nginx's header filter emits, in its order: Date,
 * Content-Type, Content-Length, Location, Connection. HTTPS answers carry ingress-nginx's
 * HSTS header (lua_ingress.lua header(): hsts true, max-age 31536000, includeSubDomains; its
 * certificate check there is a function reference, always true).
 */
import { SCENARIO_EPOCH } from '../terminal/timestamps';

export interface HttpResponse {
  status: number;
  /** nginx's reason phrase (`Not Found`, `Service Temporarily Unavailable`, `Permanent Redirect`). */
  reason: string;
  /** Header lines in the order nginx sends them. */
  headers: [string, string][];
  body: string;
}

/** nginx's status lines (ngx_http_status_lines). */
export const NGINX_REASONS: Record<number, string> = {
  200: 'OK',
  301: 'Moved Permanently',
  302: 'Moved Temporarily',
  303: 'See Other',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  400: 'Bad Request',
  404: 'Not Found',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
  504: 'Gateway Time-out',
};

const CRLF = '\r\n';

/** ngx_http_error_NNN_page + ngx_http_error_tail (server_tokens off). */
export function nginxPage(status: number): string {
  // The 302 page says "Found" while the status line says "Moved Temporarily".
  const title = status === 302 ? '302 Found' : `${status} ${NGINX_REASONS[status] ?? ''}`;
  return `<html>${CRLF}<head><title>${title}</title></head>${CRLF}<body>${CRLF}<center><h1>${title}</h1></center>${CRLF}<hr><center>nginx</center>${CRLF}</body>${CRLF}</html>${CRLF}`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The Date header (RFC 7231 IMF-fixdate) at a scenario time, pinned like every other clock of the terminal. */
export function httpDate(scenarioSeconds: number): string {
  const d = new Date((SCENARIO_EPOCH + Math.floor(scenarioSeconds)) * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} GMT`;
}

export const HSTS_VALUE = 'max-age=31536000; includeSubDomains';

/** A page nginx writes itself (404, 503, a redirect), as curl receives it. */
export function nginxResponse(status: number, options: { at: number; location?: string; hsts?: boolean }): HttpResponse {
  const body = nginxPage(status);
  const headers: [string, string][] = [
    ['Date', httpDate(options.at)],
    ['Content-Type', 'text/html'],
    ['Content-Length', String(body.length)],
  ];
  if (options.location !== undefined) headers.push(['Location', options.location]);
  headers.push(['Connection', 'keep-alive']);
  if (options.hsts) headers.push(['Strict-Transport-Security', HSTS_VALUE]);
  return { status, reason: NGINX_REASONS[status] ?? '', headers, body };
}

/** The response as `curl -i` prints it: status line, headers, a blank line, the body (CRLF line ends as sent). */
export function renderHttpResponse(response: HttpResponse, httpVersion = 'HTTP/1.1'): string {
  return `${httpVersion} ${response.status} ${response.reason}${CRLF}${response.headers.map(([k, v]) => `${k}: ${v}${CRLF}`).join('')}${CRLF}${response.body}`;
}
