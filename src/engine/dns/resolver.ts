/**
 * The stub resolver's walk over the search list (glibc resolv/res_query.c __res_context_search):
 * - a name ending in a dot is asked once, as it is;
 * - a name with at least `ndots` dots is asked as it is first, then with each search domain;
 * - otherwise each search domain in order, then the name as it is;
 * - the walk goes on after NXDOMAIN, NODATA and SERVFAIL and stops at the first answer with
 *   records, or when a server does not answer (timeout, refused).
 * Every name tried is recorded with its outcome.
 */
import { absoluteName } from './names';
import type { ResolvConf } from './resolv-conf';
import { ndotsOf } from './resolv-conf';
import type { DnsMessage } from './types';

/** One question of the walk and what came back. */
export interface ResolverTry {
  /** Absolute (`web.default.svc.cluster.local.`). */
  name: string;
  type: string;
  /** NOERROR (with or without records), NXDOMAIN, SERVFAIL, REFUSED, or TIMEOUT when no response came. */
  rcode: string;
  /** Records in the answer section. */
  answers: number;
}

/** The names glibc asks for `name`, in order (absolute). */
export function searchCandidates(name: string, rc: ResolvConf): string[] {
  if (name.endsWith('.')) return [name];
  const dots = (name.match(/\./g) ?? []).length;
  const withSearch = rc.searches.map((s) => absoluteName(`${name}.${s.replace(/\.$/, '')}`));
  return dots >= ndotsOf(rc) ? [absoluteName(name), ...withSearch] : [...withSearch, absoluteName(name)];
}

export function tryOf(name: string, type: string, msg: DnsMessage): ResolverTry {
  return { name, type, rcode: msg.error ? 'TIMEOUT' : msg.rcode, answers: msg.answer.length };
}

/** Walks `candidates` asking `ask`; the last response is the result (the first with records, or the last tried). */
export function walk(candidates: string[], type: string, ask: (name: string) => DnsMessage): { name: string; message: DnsMessage; tried: ResolverTry[] } {
  const tried: ResolverTry[] = [];
  let last: { name: string; message: DnsMessage } | undefined;
  for (const name of candidates) {
    const message = ask(name);
    tried.push(tryOf(name, type, message));
    last = { name, message };
    if (message.error || (message.rcode === 'NOERROR' && message.answer.length > 0)) break;
  }
  return { ...last!, tried };
}
