/**
 * The commands that run on a host (a node, or a Pod through `kubectl exec`), by the name
 * typed at the prompt. One line per tool: the dispatcher (index.ts) looks names up here.
 */
import { curl, nc, wget } from './connect';
import { hostName, ok, type HostCommand } from './host';
import { dig, getent, host, nslookup } from './dns-tools';
import { catCommand } from './host-files';
import { ipCommand } from './ip';
import { lsns } from './lsns';
import { iptables, iptablesSave } from './iptables';
import { ipset } from './ipset';
import { ipvsadm } from './ipvsadm';
import { nft } from './nft';

export const HOST_COMMANDS: Record<string, HostCommand> = {
  ip: ipCommand,
  dig,
  nslookup,
  host,
  getent,
  cat: catCommand,
  iptables,
  'iptables-nft': iptables,
  'iptables-save': iptablesSave,
  'iptables-nft-save': iptablesSave,
  hostname: ({ host }) => ok(`${hostName(host)}\n`),
  lsns,
  ipvsadm,
  ipset,
  nft,
  curl,
  wget,
  nc,
};
