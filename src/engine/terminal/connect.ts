/**
 * Clients that open a connection — `curl`, `wget`, `nc -z` — run from a node or a Pod: the
 * connection is traced (trace/), and the tool prints what it prints for that verdict.
 * Messages: curl 8.x (`curl: (7) Failed to connect to H port P after N ms: Connection
 * refused`, `(28) ... Timeout was reached`), BusyBox 1.36 wget/nc in busybox and alpine
 * images, GNU wget and OpenBSD nc elsewhere. A delivered HTTP request is answered the way
 * nginxdemos/hello's plain-text page answers: the address and name of the Pod that served it.
 * Without a timeout option a connection nothing answers gives up when the kernel does
 * (tcp_syn_retries 6: 127 s).
 */
import { lookupFrom } from '../trace/lookup';
import { traceConnection, TraceRequestError } from '../trace/trace';
import { parseTraceTarget, TraceSyntaxError, type TraceTarget } from '../trace/parse';
import type { TraceRequest, TraceResult } from '../trace/types';
import { renderHttpResponse } from '../ingress/responses';
import { fail, ok, type HostCommand, type HostContext } from './host';
import type { CommandOutput } from './text-tools';

const KERNEL_GIVES_UP_MS = 127_000;
/** Debian's /etc/services names for the ports labs use. */
const SERVICES: Record<number, string> = { 22: 'ssh', 53: 'domain', 80: 'http', 443: 'https', 3306: 'mysql', 5432: 'postgresql', 6379: 'redis', 8080: 'http-alt', 27017: 'mongodb' };

function trace(ctx: HostContext, target: TraceTarget, protocol: 'TCP' | 'UDP' = 'TCP', http?: TraceRequest['http']): TraceResult | CommandOutput {
  const { host } = ctx;
  const from = host.kind === 'node' ? { kind: 'node' as const, name: host.node } : { kind: 'pod' as const, namespace: host.pod.namespace, name: host.pod.name };
  try {
    return traceConnection(ctx.result, { from, to: { ip: target.host, port: target.port }, protocol, ...(http ? { http } : {}) });
  } catch (err) {
    if (err instanceof TraceRequestError) return fail(`kube-netlab: ${err.message}\n`);
    throw err;
  }
}

/** BusyBox tools in busybox and alpine images; the full GNU/OpenBSD tools elsewhere (netshoot, debian, ubuntu). */
function busybox(ctx: HostContext): boolean {
  if (ctx.host.kind === 'node') return false;
  const image = ctx.host.pod.containers.find((c) => c.name === (ctx.host as { container: string }).container)?.image ?? '';
  return /(^|\/)(busybox|alpine)(:|@|$)/.test(image);
}

/** The page the official nginx image serves at `/` (/usr/share/nginx/html/index.html, 615 bytes). */
const NGINX_WELCOME = "<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n<style>\nhtml { color-scheme: light dark; }\nbody { width: 35em; margin: 0 auto;\nfont-family: Tahoma, Verdana, Arial, sans-serif; }\n</style>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n<p>If you see this page, the nginx web server is successfully installed and\nworking. Further configuration is required.</p>\n\n<p>For online documentation and support please refer to\n<a href=\"http://nginx.org/\">nginx.org</a>.<br/>\nCommercial support is available at\n<a href=\"http://nginx.com/\">nginx.com</a>.</p>\n\n<p><em>Thank you for using nginx.</em></p>\n</body>\n</html>\n";

/**
 * The page a delivered HTTP request gets: an nginx image's welcome page at `/`; otherwise
 * a page naming who answered and the URI asked for (the address and name lines of
 * nginxdemos/hello's plain-text page), so a student sees which Pod served the request.
 */
function helloPage(ctx: HostContext, t: TraceResult, path: string): string {
  const [namespace, podName] = t.destination.pod?.split('/') ?? [];
  const pod = ctx.result.pods.find((p) => p.namespace === namespace && p.name === podName);
  const server = pod?.containers.find((c) => c.ports.some((x) => x.containerPort === t.destination.port)) ?? pod?.containers[0];
  if (server && /(^|\/)nginx(:|@|$)/.test(server.image) && (path === '/' || path === '/index.html')) return NGINX_WELCOME;
  const name = podName ?? t.destination.node ?? '';
  return `Server address: ${t.destination.ip}:${t.destination.port}\nServer name: ${name}\nDate: 01/Jan/2025:00:00:00 +0000\nURI: ${path}\n`;
}

/** What each tool prints when a name does not resolve. */
function unresolved(ctx: HostContext, tool: string, name: string, port: number): CommandOutput {
  if (tool === 'curl') return fail(`curl: (6) Could not resolve host: ${name}\n`, 6);
  if (busybox(ctx)) return fail(`${tool}: bad address '${name}'\n`, 1);
  if (tool === 'wget') return fail(`Resolving ${name} (${name})... failed: Name or service not known.\nwget: unable to resolve host address '${name}'\n`, 4);
  return fail(`nc: getaddrinfo for host "${name}" port ${port}: Name or service not known\n`, 1);
}

/**
 * The target of a URL or `host:port`: an address, `localhost`, a name pinned with curl's
 * `--resolve`, or a name the host's resolver looks up (dns/: the Pod's resolv.conf and
 * search list, or the node's resolver).
 */
function targetOf(ctx: HostContext, text: string, tool: string, resolve: Map<string, string> = new Map()): TraceTarget | CommandOutput {
  const withScheme = /^[a-z]+:\/\//i.test(text) ? text : `http://${text}`;
  let target: TraceTarget;
  try {
    target = parseTraceTarget(withScheme);
  } catch (err) {
    if (err instanceof TraceSyntaxError) return fail(`${tool}: bad address ${text}\n`, tool === 'curl' ? 3 : 1);
    throw err;
  }
  const pinned = resolve.get(`${target.host}:${target.port}`) ?? (target.host === 'localhost' ? '127.0.0.1' : undefined);
  if (pinned) return { ...target, name: target.host, host: pinned, isAddress: true } as TraceTarget;
  if (target.isAddress) return target;
  const from = ctx.host.kind === 'node' ? { kind: 'node' as const, name: ctx.host.node } : { kind: 'pod' as const, namespace: ctx.host.pod.namespace, name: ctx.host.pod.name };
  const address = lookupFrom(ctx.result, from, target.host).answers.find((r) => r.type === 'A')?.data;
  if (!address) return unresolved(ctx, tool, target.host, target.port);
  return { ...target, name: target.host, host: address, isAddress: true } as TraceTarget;
}

export const curl: HostCommand = (ctx, args) => {
  let url: string | undefined;
  let include = false;
  let head = false;
  let silent = false;
  let showError = false;
  let output: string | undefined;
  let writeOut: string | undefined;
  let timeout: number | undefined;
  let failOnError = false;
  let hostHeader: string | undefined;
  const resolve = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-H' || a === '--header') {
      const h = args[++i] ?? '';
      if (/^host:/i.test(h)) hostHeader = h.slice(5).trim();
    } else if (a === '--resolve') {
      const [name, port, ip] = (args[++i] ?? '').split(':');
      if (ip) resolve.set(`${name.toLowerCase()}:${port}`, ip);
    } else if (a === '-f' || a === '--fail') failOnError = true;
    else if (/^-[sSfiILkv4]{2,}$/.test(a)) {
      // Bundled short flags (-sSf, -fsSL, -sI, ...).
      if (a.includes('s')) silent = true;
      if (a.includes('S')) showError = true;
      if (a.includes('f')) failOnError = true;
      if (a.includes('i')) include = true;
      if (a.includes('I')) head = true;
    } else if (a === '-i' || a === '--include') include = true;
    else if (a === '-I' || a === '--head') head = true;
    else if (a === '-s' || a === '--silent') silent = true;
    else if (a === '-S' || a === '--show-error') showError = true;
    else if (a === '-o' || a === '--output') output = args[++i];
    else if (a === '-w' || a === '--write-out') writeOut = args[++i];
    else if (a === '-m' || a === '--max-time' || a === '--connect-timeout') timeout = Number(args[++i]);
    else if (['-v', '--verbose', '-k', '--insecure', '-L', '--location', '-4'].includes(a)) continue;
    else if (a.startsWith('-')) return fail(`curl: option ${a}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n`, 2);
    else url = a;
  }
  if (url === undefined) return fail("curl: no URL specified\ncurl: try 'curl --help' or 'curl --manual' for more information\n", 2);
  const target = targetOf(ctx, url, 'curl', resolve);
  if ('exitCode' in target) return silent && !showError ? { ...target, stderr: '' } : target;
  const named = (target as TraceTarget & { name?: string }).name ?? target.host;
  const t = trace(ctx, target, 'TCP', { host: hostHeader ?? named, path: target.path ?? '/', scheme: target.scheme ?? 'http' });
  if ('exitCode' in t) return t;
  const err = (code: number, text: string): CommandOutput => ({ stdout: writeOut ? writeOut.replace(/%\{http_code\}/g, '000').replace(/\\n/g, '\n') : '', stderr: !silent || showError ? `curl: (${code}) ${text}\n` : '', exitCode: code });
  const where = `Failed to connect to ${target.host} port ${target.port}`;
  switch (t.verdict) {
    case 'refused':
    case 'rejected':
      return err(7, `${where} after 1 ms: Connection refused`);
    case 'dropped':
    case 'timed-out':
      return timeout !== undefined && Number.isFinite(timeout) ? err(28, `${where} after ${Math.round(timeout * 1000) + 2} ms: Timeout was reached`) : err(28, `${where} after ${KERNEL_GIVES_UP_MS} ms: Couldn't connect to server`);
  }
  // An Ingress controller answers itself (404, 503, redirects, 502/504 for a failed backend), or the backend does.
  const own = t.http?.response;
  const status = t.http?.status ?? 200;
  const body = own ? own.body : helloPage(ctx, t, t.http?.upstreamPath ?? target.path ?? '/');
  const headers = own ? renderHttpResponse({ ...own, body: '' }) : `HTTP/1.1 200 OK\r\nServer: nginx\r\nDate: Wed, 01 Jan 2025 00:00:00 GMT\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\nConnection: keep-alive\r\n\r\n`;
  const code = writeOut ? writeOut.replace(/%\{http_code\}/g, String(status)).replace(/\\n/g, '\n') : '';
  if (failOnError && status >= 400) return { stdout: code, stderr: !silent || showError ? `curl: (22) The requested URL returned error: ${status}\n` : '', exitCode: 22 };
  let stdout = head ? headers : (include ? headers : '') + body;
  if (output !== undefined && output !== '-') stdout = '';
  return ok(stdout + code);
};

export const wget: HostCommand = (ctx, args) => {
  let url: string | undefined;
  let quiet = false;
  let output: string | undefined;
  let timeout: number | undefined;
  let spider = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-q' || a === '--quiet') quiet = true;
    else if (a === '-O') output = args[++i];
    else if (a === '-qO-' || a === '-qO') {
      quiet = true;
      output = a === '-qO-' ? '-' : args[++i];
    } else if (a.startsWith('-O')) output = a.slice(2);
    else if (a === '-T' || a === '--timeout') timeout = Number(args[++i]);
    else if (a.startsWith('--timeout=')) timeout = Number(a.slice('--timeout='.length));
    else if (a === '--spider') spider = true;
    else if (a === '-S' || a === '--server-response') continue;
    else if (a.startsWith('-')) return fail(`wget: unrecognized option '${a}'\n`, 1);
    else url = a;
  }
  if (url === undefined) return fail('wget: missing URL\n', 1);
  const target = targetOf(ctx, url, 'wget');
  if ('exitCode' in target) return target;
  const named = (target as TraceTarget & { name?: string }).name ?? target.host;
  const t = trace(ctx, target, 'TCP', { host: named, path: target.path ?? '/', scheme: target.scheme ?? 'http' });
  if ('exitCode' in t) return t;
  const bb = busybox(ctx);
  const hostPort = `${target.host}:${target.port}`;
  const connecting = quiet ? '' : bb ? `Connecting to ${hostPort} (${hostPort})\n` : `Connecting to ${target.host}:${target.port}... `;
  if (t.verdict !== 'delivered') {
    const timedOut = t.verdict === 'dropped' || t.verdict === 'timed-out';
    if (bb) return fail(`${connecting}wget: ${timedOut ? (timeout !== undefined ? 'download timed out' : `can't connect to remote host (${target.host}): Connection timed out`) : `can't connect to remote host (${target.host}): Connection refused`}\n`, 1);
    return fail(`${connecting}${timedOut ? 'failed: Connection timed out.\nRetrying.\n' : 'failed: Connection refused.\n'}`, 4);
  }
  const status = t.http?.status ?? 200;
  if (status >= 400) {
    const reason = t.http?.response?.reason ?? '';
    return bb ? fail(`${connecting}wget: server returned error: HTTP/1.1 ${status} ${reason}\n`, 1) : fail(`${connecting}connected.\nHTTP request sent, awaiting response... ${status} ${reason}\n2025-01-01 00:00:00 ERROR ${status}: ${reason}.\n\n`, 8);
  }
  const body = t.http?.response ? t.http.response.body : helloPage(ctx, t, t.http?.upstreamPath ?? target.path ?? '/');
  const file = output ?? 'index.html';
  if (spider) return { stdout: '', stderr: quiet ? '' : `${connecting}${bb ? 'remote file exists\n' : 'connected.\nHTTP request sent, awaiting response... 200 OK\nRemote file exists.\n'}`, exitCode: 0 };
  const progress = quiet ? '' : bb ? `${file === '-' ? 'writing to stdout' : `saving to '${file}'`}\n${file === '-' ? '-' : file}${' '.repeat(Math.max(1, 21 - file.length))}100% |********************************|   ${body.length}  0:00:00 ETA\n${file === '-' ? 'written to stdout' : `'${file}' saved`}\n` : `connected.\nHTTP request sent, awaiting response... 200 OK\nLength: ${body.length} [text/plain]\nSaving to: '${file === '-' ? 'STDOUT' : file}'\n`;
  return { stdout: file === '-' ? body : '', stderr: `${connecting}${progress}`, exitCode: 0 };
};

export const nc: HostCommand = (ctx, args) => {
  let scan = false;
  let udp = false;
  let timeout: number | undefined;
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-w') timeout = Number(args[++i]);
    else if (/^-[zvnuw]+$/.test(a)) {
      if (a.includes('z')) scan = true;
      if (a.includes('u')) udp = true;
      if (a.endsWith('w')) timeout = Number(args[++i]);
    } else if (a.startsWith('-')) return fail(`nc: invalid option -- '${a.slice(1, 2)}'\n`, 1);
    else words.push(a);
  }
  const [hostText, portText] = words;
  if (!scan || hostText === undefined || portText === undefined || !/^\d+$/.test(portText)) return fail('kube-netlab: nc is simulated as a port check: nc -zv HOST PORT [-u] [-w SECONDS]\n', 1);
  const target = targetOf(ctx, `${hostText}:${portText}`, 'nc');
  if ('exitCode' in target) return target;
  const protocol = udp ? 'UDP' : 'TCP';
  const t = trace(ctx, target, protocol);
  if ('exitCode' in t) return t;
  const proto = protocol.toLowerCase();
  const timedOut = t.verdict === 'dropped' || t.verdict === 'timed-out';
  if (busybox(ctx)) {
    if (t.verdict === 'delivered' || (udp && timedOut)) return { stdout: '', stderr: `${hostText} (${target.host}:${target.port}) open\n`, exitCode: 0 };
    return fail(`nc: ${hostText} (${target.host}:${target.port}): ${timedOut ? 'Connection timed out' : 'Connection refused'}\n`);
  }
  // OpenBSD nc: a UDP "scan" succeeds unless an ICMP error comes back; the service name comes from /etc/services.
  if (t.verdict === 'delivered' || (udp && timedOut)) return { stdout: '', stderr: `Connection to ${hostText} ${target.port} port [${proto}/${SERVICES[target.port] ?? '*'}] succeeded!\n`, exitCode: 0 };
  if (timedOut) return fail(`nc: connect to ${hostText} port ${target.port} (${proto}) ${timeout !== undefined ? 'timed out: Operation now in progress' : 'failed: Connection timed out'}\n`);
  return fail(`nc: connect to ${hostText} port ${target.port} (${proto}) failed: Connection refused\n`);
};
