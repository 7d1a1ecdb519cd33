/**
 * `ip` (iproute2 6.1, Debian 12 as in kindest/node) on a node or inside a Pod, and
 * `kubectl exec POD -- ip ...`, printed as iproute2's ip/ipaddress.c, ip/iproute.c and
 * ip/ipnetns.c print them (trailing spaces included: iproute2 prints most fields as
 * "%s ").
 */
import { buildNodeNetwork, buildPodNetwork, lookupRoute } from '../datapath';
import type { NetnsView, NetworkInterface, Route } from '../datapath';
import type { SimulationResult } from '../result';
import type { CommandOutput } from './text-tools';
import { fail, ok, type HostCommand } from './host';


/** The node a terminal is "logged in" on when none is named: the first worker, else the first node. */
export function defaultNode(result: SimulationResult): string | undefined {
  return (result.cluster.nodes.find((n) => n.roles.length === 0) ?? result.cluster.nodes[0])?.name;
}

/** iproute2's object matching (ip.c `matches`): a word selects the first object it is a prefix of. */
function object(word: string): string | undefined {
  const objects = ['address', 'addrlabel', 'maddress', 'route', 'rule', 'neighbor', 'neighbour', 'ntable', 'ntbl', 'link', 'l2tp', 'fou', 'ila', 'macsec', 'tunnel', 'tuntap', 'token', 'tcpmetrics', 'monitor', 'xfrm', 'mroute', 'mrule', 'netns', 'netconf', 'vrf', 'sr', 'nexthop', 'mptcp', 'ioam', 'stats'];
  return objects.find((o) => o.startsWith(word));
}

function linkName(i: NetworkInterface): string {
  if (i.peerIndex !== undefined) return `${i.name}@if${i.peerIndex}`;
  return i.peerName === undefined ? i.name : `${i.name}@${i.peerName}`;
}

/** iproute2 6.1's `-d` tail of the link/ line (ipaddress.c print_linkinfo: promiscuity, min/max MTU). */
function detailTail(i: NetworkInterface): string {
  if (i.linkType === 'loopback') return ' promiscuity 0 minmtu 0 maxmtu 0 ';
  return ` promiscuity ${i.master ? 1 : 0} minmtu ${i.kind === 'ipip' ? 0 : 68} maxmtu ${i.kind === 'ipip' ? 65515 : 65535} `;
}

/** The `-d` line naming the link kind and its settings (iproute2 ip/iplink_vxlan.c, iplink_bridge.c, link_iptnl.c, link_veth.c). */
function detailLine(i: NetworkInterface): string {
  if (!i.kind) return '';
  let out = `    ${i.kind} `;
  const vx = i.vxlan;
  if ((i.kind === 'vxlan' || i.kind === 'geneve') && vx) {
    if (vx.external) out += 'external ';
    if (vx.id !== undefined) out += `id ${vx.id} `;
    if (vx.local) out += `local ${vx.local} `;
    if (vx.dev) out += `dev ${vx.dev} `;
    out += `srcport 0 0 dstport ${vx.port} ${vx.learning ? '' : 'nolearning '}ttl auto ageing 300 `;
  } else if (i.kind === 'ipip') out += 'any remote any local any ttl inherit nopmtudisc ';
  if (i.master) out += `\n    bridge_slave state forwarding priority 32 cost 2 `;
  return `${out}\n`;
}

function linkLines(i: NetworkInterface, withMode: boolean, details = false): string {
  const master = i.master ? `master ${i.master} ` : '';
  let head = `${i.index}: ${linkName(i)}: <${i.flags.join(',')}> mtu ${i.mtu} qdisc ${i.qdisc ?? 'noqueue'} ${master}state ${i.state} ${withMode ? 'mode DEFAULT ' : ''}group default `;
  if (i.qlen !== undefined) head += `qlen ${i.qlen}`;
  const brd = i.linkType === 'loopback' ? '00:00:00:00:00:00' : i.linkType === 'ipip' ? '0.0.0.0' : 'ff:ff:ff:ff:ff:ff';
  let link = `    link/${i.linkType} ${i.mac} brd ${brd}`;
  if (i.linkNetns !== undefined) link += ` link-netns ${i.linkNetns}`;
  else if (i.linkNetnsId !== undefined) link += ` link-netnsid ${i.linkNetnsId}`;
  if (details) return `${head}\n${link}${detailTail(i)}\n${detailLine(i)}`;
  return `${head}\n${link}\n`;
}

function addrLines(i: NetworkInterface, details = false): string {
  let out = linkLines(i, false, details);
  for (const a of i.addresses) {
    // IPv4 lines end with the label (the interface name); IPv6 ones with "scope X ".
    out += `    ${a.family} ${a.address}/${a.prefixLength} ${a.broadcast ? `brd ${a.broadcast} ` : ''}scope ${a.scope} ${a.family === 'inet' ? i.name : ''}\n`;
    out += '       valid_lft forever preferred_lft forever\n';
  }
  return out;
}

/** iproute2 iproute.c print_route: type, dst, via, dev, proto, scope, src, metric, flags (onlink), metrics (mtu). */
function routeLine(r: Route): string {
  let out = r.type ? `${r.type} ${r.destination} ` : `${r.destination} `;
  if (r.via) out += `via ${r.via} `;
  if (r.dev) out += `dev ${r.dev} `;
  if (r.proto) out += `proto ${r.proto} `;
  if (r.scope) out += `scope ${r.scope} `;
  if (r.src) out += `src ${r.src} `;
  if (r.metric !== undefined) out += `metric ${r.metric} `;
  if (r.onlink) out += 'onlink ';
  if (r.mtu !== undefined) out += `mtu ${r.mtu} `;
  return `${out}\n`;
}

/**
 * `ip route get ADDRESS` (iproute2 iproute.c iproute_get; the kernel's fib lookup and source
 * address selection): `DST via GW dev DEV src SRC uid 0` and the cache line. The source is
 * the route's `src`, else the device's first global IPv4 address, else the namespace's first
 * (inet_select_addr). A blackhole route answers EINVAL, no route ENETUNREACH.
 */
function routeGet(view: NetnsView, args: string[]): CommandOutput {
  const words = args.filter((w) => w !== 'to');
  const dst = words[0];
  if (dst === undefined) return fail('need at least a destination address\n', 1);
  if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(dst)) return fail(`Error: any valid prefix is expected rather than "${dst}".\n`, 1);
  const global = (i: NetworkInterface) => i.addresses.find((a) => a.family === 'inet' && a.scope === 'global')?.address;
  if (view.interfaces.some((i) => i.addresses.some((a) => a.family === 'inet' && a.address === dst)) || dst.startsWith('127.'))
    return ok(`local ${dst} dev lo src ${dst.startsWith('127.') ? '127.0.0.1' : dst} uid 0 \n    cache <local> \n`);
  const route = lookupRoute(view, dst);
  if (!route) return fail('RTNETLINK answers: Network is unreachable\n', 2);
  if (route.type === 'blackhole') return fail('RTNETLINK answers: Invalid argument\n', 2);
  const dev = view.interfaces.find((i) => i.name === route.dev);
  const src = route.src ?? (dev && global(dev)) ?? view.interfaces.map(global).find((a) => a !== undefined);
  return ok(`${dst} ${route.via ? `via ${route.via} ` : ''}dev ${route.dev} ${src ? `src ${src} ` : ''}uid 0 \n    cache \n`);
}

/** `-br` (ipaddress.c print_linkinfo_brief): name %-16s, state %-14s, then addresses or MAC and flags. */
function briefLine(i: NetworkInterface, addresses: boolean): string {
  const name = `${linkName(i).padEnd(16)} ${i.state.padEnd(14)} `;
  if (addresses) return `${name}${i.addresses.map((a) => `${a.address}/${a.prefixLength} `).join('')}\n`;
  return `${name}${i.mac.padEnd(17)} <${i.flags.join(',')}> \n`;
}

/** Runs `ip ARGS` in the namespace `view` (null: the namespace does not exist or has no network). */
export function runIp(view: NetnsView, args: string[], nodeView: boolean, enterNetns?: (name: string) => NetnsView | null): CommandOutput {
  let brief = false;
  let details = false;
  const rest = [...args];
  while (rest[0]?.startsWith('-')) {
    const opt = rest.shift() ?? '';
    if (opt === '-br' || opt === '-brief' || opt === '--brief') brief = true;
    else if (opt === '-d' || opt === '-details' || opt === '--details') details = true;
    else if (opt === '-4' || opt === '-o' || opt === '-c') continue;
    else return fail(`Option "${opt}" is unknown, try "ip -help".\n`, 255);
  }
  const [objWord, ...sub] = rest;
  if (objWord === undefined) return fail('Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n', 255);
  const obj = object(objWord);
  if (obj === 'address' || obj === 'link') {
    const [cmd, ...more] = sub;
    if (cmd !== undefined && !['show', 'list', 'lst', 'sh', 'ls'].includes(cmd)) return fail(`kube-netlab: ip ${obj} ${cmd} is not simulated (the terminal is read-only)\n`);
    // Selectors of ipaddress.c ipaddr_list_flush_or_save: [dev] NAME, master DEV, type KIND, up.
    let links = view.interfaces;
    for (let i = 0; i < more.length; i++) {
      const word = more[i];
      if (word === 'up') links = links.filter((l) => l.flags.includes('UP'));
      else if (word === 'master' || word === 'type') {
        const value = more[++i];
        if (value === undefined) return fail('Command line is not complete. Try option "help"\n', 255);
        if (word === 'master' && !view.interfaces.some((l) => l.name === value)) return fail(`Device "${value}" does not exist.\n`);
        links = links.filter((l) => (word === 'master' ? l.master === value : l.kind === value));
      } else {
        const name = word === 'dev' ? more[++i] : word;
        links = links.filter((l) => l.name === name);
        if (!view.interfaces.some((l) => l.name === name)) return fail(`Device "${name}" does not exist.\n`);
      }
    }
    if (brief) return ok(links.map((l) => briefLine(l, obj === 'address')).join(''));
    return ok(links.map((l) => (obj === 'address' ? addrLines(l, details) : linkLines(l, true, details))).join(''));
  }
  if (obj === 'route') {
    const [cmd] = sub;
    if (cmd === 'get') return routeGet(view, sub.slice(1));
    if (cmd !== undefined && !['show', 'list', 'lst', 'sh', 'ls'].includes(cmd)) return fail(`kube-netlab: ip route ${cmd} is not simulated yet\n`);
    return ok(view.routes.map(routeLine).join(''));
  }
  if (obj === 'netns') {
    const [cmd, name, ...command] = sub;
    if (cmd === undefined || cmd === 'list' || cmd === 'show') return ok(view.netns.map((n) => `${n.name} (id: ${n.id})\n`).join(''));
    if (cmd === 'exec') {
      const target = nodeView && name !== undefined ? view.netns.find((n) => n.name === name) : undefined;
      if (name === undefined) return fail('No netns name specified\n', 255);
      const inner = target && enterNetns ? enterNetns(target.name) : null;
      if (!inner) return fail(`Cannot open network namespace "${name}": No such file or directory\n`, 255);
      if (command[0] !== 'ip') return fail(`kube-netlab: only ip runs inside ip netns exec here\n`, 255);
      return runIp(inner, command.slice(1), false);
    }
    return fail(`kube-netlab: ip netns ${cmd} is not simulated (the terminal is read-only)\n`);
  }
  if (obj === undefined) return fail(`Object "${objWord}" is unknown, try "ip help".\n`, 255);
  return fail(`kube-netlab: ip ${obj} is not simulated yet\n`);
}

/** `ip ...` as typed at the prompt of a host (a node, or a Pod through kubectl exec). */
export const ipCommand: HostCommand = ({ result, host }, args) => {
  if (host.kind === 'node') {
    const view = buildNodeNetwork(result, host.node);
    if (!view) return fail(`kube-netlab: no node named ${host.node}\n`);
    const enter = (name: string) => {
      const ns = view.netns.find((n) => n.name === name);
      return ns ? buildPodNetwork(result, ns.podNamespace, ns.podName) : null;
    };
    return runIp(view, args, true, enter);
  }
  const { pod } = host;
  const view = buildPodNetwork(result, pod.namespace, pod.name);
  if (!view) return fail(`error: unable to upgrade connection: container not found ("${host.container}")\n`);
  return runIp(view, args, pod.hostNetwork, (name) => {
    const ns = view.netns.find((n) => n.name === name);
    return ns ? buildPodNetwork(result, ns.podNamespace, ns.podName) : null;
  });
};
