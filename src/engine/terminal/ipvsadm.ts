/**
 * `ipvsadm` (1.31, as in Debian bookworm) on a node: `-L|-l|--list` (also bare `ipvsadm`),
 * `-n`, `--stats`, `--rate`, `--exact`, `-t|-u|--sctp-service VIP:PORT`, `-S|--save`,
 * `-c` (the connection table, empty: no packets move), short options bundled (`-lnc`). The
 * table comes from src/engine/proxy (kube-proxy's IPVS mode); in other modes, and in a
 * Pod's own network namespace, the kernel's IPVS table is empty and ipvsadm prints only
 * its headers. Commands that change the table are refused (the lab's nodes are read-only).
 */
import { buildIpvsState } from '../proxy/ipvs-rules';
import { renderIpvsadmList, type IpvsadmListOptions } from '../proxy/ipvs-list';
import type { IpvsVirtualServer } from '../proxy/ipvs-types';
import { fail, ok, type HostCommand } from './host';
import { proxyNode } from './proxy-host';

const VERSION = 'ipvsadm v1.31 2019/12/24 (compiled with popt and IPVS v1.2.1)\n';
const USAGE_HINT = 'Try `ipvsadm -h\' or \'ipvsadm --help\' for more information.\n';

/** `VIP:PORT` (IPv4) as -t/-u take it. */
function parseService(text: string | undefined, protocol: string): IpvsadmListOptions['service'] | null {
  const m = /^(\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})$/.exec(text ?? '');
  return m ? { protocol, address: m[1], port: Number(m[2]) } : null;
}

export const ipvsadm: HostCommand = (ctx, args) => {
  const o: IpvsadmListOptions = { numeric: false };
  let connections = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--list' || a === '--exact') continue;
    if (a === '--numeric') o.numeric = true;
    else if (a === '--stats') o.stats = true;
    else if (a === '--rate') o.rate = true;
    else if (a === '--save') o.save = true;
    else if (a === '--connection') connections = true;
    else if (a === '--version') return ok(VERSION);
    else if (a === '--tcp-service' || a === '--udp-service' || a === '--sctp-service') {
      const svc = parseService(args[++i], a === '--tcp-service' ? 'TCP' : a === '--udp-service' ? 'UDP' : 'SCTP');
      if (!svc) return fail(`Illegal virtual server address[:port] specified\n${USAGE_HINT}`, 2);
      o.service = svc;
    } else if (/^--(add|edit|delete|clear|restore|zero|set)/.test(a)) return fail(`kube-netlab: the lab's nodes are read-only; ipvsadm ${a} is not simulated\n`);
    else if (/^-[A-Za-z]+$/.test(a)) {
      // Bundled short options (`-Ln`, `-lnc`); -t/-u take the next word.
      for (const c of a.slice(1)) {
        if (c === 'L' || c === 'l') continue;
        if (c === 'n') o.numeric = true;
        else if (c === 'c') connections = true;
        else if (c === 'S') o.save = true;
        else if (c === 'v') return ok(VERSION);
        else if (c === 't' || c === 'u') {
          const svc = parseService(args[++i], c === 't' ? 'TCP' : 'UDP');
          if (!svc) return fail(`Illegal virtual server address[:port] specified\n${USAGE_HINT}`, 2);
          o.service = svc;
        } else if ('AEDCRaedZ'.includes(c)) return fail(`kube-netlab: the lab's nodes are read-only; ipvsadm -${c} is not simulated\n`);
        else return fail(`ipvsadm: invalid option -- '${c}'\n${USAGE_HINT}`, 2);
      }
    } else return fail(`ipvsadm: invalid option -- '${a.replace(/^-+/, '')}'\n${USAGE_HINT}`, 2);
  }
  const node = proxyNode(ctx);
  if (node !== null && typeof node !== 'string') return node;
  // The simulator moves no packets: the connection table is empty (ipvsadm.c list_conn's header only).
  if (connections) return ok('IPVS connection entries\npro expire state       source             virtual            destination\n');
  const servers: IpvsVirtualServer[] = node !== null && ctx.result.cluster.kubeProxyMode === 'ipvs' ? buildIpvsState(ctx.result, node).virtualServers : [];
  const out = renderIpvsadmList(servers, o);
  return out === null ? fail('No such service\n') : ok(out);
};
