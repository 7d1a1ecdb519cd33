/** DNS messages as the simulator passes them around: records in zone-file notation. */

/** One resource record. `name` and name-valued data are absolute (end in a dot). */
export interface DnsRecord {
  name: string;
  /** A, AAAA, CNAME, SRV, PTR, TXT, SOA, NS, MX. */
  type: string;
  ttl: number;
  /** RDATA as a zone file writes it: `10.96.0.10`, `0 100 80 web.default.svc.cluster.local.`, `"1.1.0"`. */
  data: string;
}

/** Response codes (RFC 1035 §4.1.1) the simulator gives. */
export type Rcode = 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL' | 'REFUSED';

/** Who produced an answer. */
export type DnsSource = 'kubernetes' | 'hosts' | 'upstream-zone' | 'external-dns' | 'outside' | 'coredns';

/** One DNS response (or the lack of one: `error`). */
export interface DnsMessage {
  rcode: Rcode;
  /** Header flags: authoritative answer, recursion available (rd is always echoed). */
  aa: boolean;
  ra: boolean;
  answer: DnsRecord[];
  authority: DnsRecord[];
  additional: DnsRecord[];
  source: DnsSource;
  /** Why, in words a student can act on (a rewrite applied, a name outside the simulation, ...). */
  notes: string[];
  /** No response: the server did not answer (`timed out`) or refused the connection (no endpoints). */
  error?: 'timed out' | 'connection refused';
  /** The query (name and type) after rewrite, when a rewrite rule changed it. */
  rewrittenTo?: string;
}

/** The question types the tools ask, by name; numbers for the wire size and `TYPE65`-style names. */
export const RR_TYPES: Record<string, number> = { A: 1, NS: 2, CNAME: 5, SOA: 6, PTR: 12, HINFO: 13, MX: 15, TXT: 16, AAAA: 28, SRV: 33, NAPTR: 35, DS: 43, SSHFP: 44, RRSIG: 46, DNSKEY: 48, SVCB: 64, HTTPS: 65, CAA: 257, AXFR: 252, IXFR: 251, ANY: 255 };

export function emptyMessage(rcode: Rcode, source: DnsSource, aa = true, ra = false): DnsMessage {
  return { rcode, aa, ra, answer: [], authority: [], additional: [], source, notes: [] };
}
