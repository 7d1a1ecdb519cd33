/**
 * Just enough of base64, PEM and DER to read which names an X.509 certificate is for:
 * the subjectAltName extension's dNSName entries (RFC 5280 §4.2.1.6) and the subject's
 * commonName. No signature, date or chain checks: a TLS Secret is only checked for which
 * hosts it covers. Pure and total: malformed input gives an error string, never a throw.
 */

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 (RFC 4648 §4, padding optional, whitespace ignored as PEM bodies need); null when malformed. */
export function decodeBase64(text: string): Uint8Array | null {
  const clean = text.replace(/[\r\n\t ]/g, '').replace(/=+$/, '');
  if (clean.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let n = 0;
  for (const ch of clean) {
    const v = B64.indexOf(ch);
    if (v < 0) return null;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, n);
}

/** The index of the first character of `text` that is not base64 (Go's "illegal base64 data at input byte N"), or -1. */
export function base64ErrorOffset(text: string): number {
  const trimmed = text.replace(/[\r\n]/g, '');
  const body = trimmed.replace(/=+$/, '');
  for (let i = 0; i < body.length; i++) if (!B64.includes(body[i])) return i;
  if (trimmed.length % 4 !== 0) return Math.floor(trimmed.length / 4) * 4;
  return -1;
}

interface Tlv {
  tag: number;
  start: number;
  end: number;
}

/** One DER element at `pos` (definite lengths only). */
function readTlv(der: Uint8Array, pos: number): Tlv {
  if (pos + 2 > der.length) throw new RangeError('truncated');
  const tag = der[pos];
  let len = der[pos + 1];
  let start = pos + 2;
  if (len & 0x80) {
    const count = len & 0x7f;
    if (count === 0 || count > 4 || start + count > der.length) throw new RangeError('bad length');
    len = 0;
    for (let i = 0; i < count; i++) len = len * 256 + der[start + i];
    start += count;
  }
  if (start + len > der.length) throw new RangeError('truncated');
  return { tag, start, end: start + len };
}

function children(der: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let pos = parent.start; pos < parent.end; ) {
    const t = readTlv(der, pos);
    out.push(t);
    pos = t.end;
  }
  return out;
}

/** Bytes as Latin-1 text (PEM is ASCII), in chunks so a large value cannot overflow the call stack. */
export function bytesToText(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 4096) s += String.fromCharCode(...bytes.subarray(i, i + 4096));
  return s;
}

const text = (der: Uint8Array, t: Tlv) => bytesToText(der.subarray(t.start, t.end));
const oid = (der: Uint8Array, t: Tlv) => Array.from(der.subarray(t.start, t.end)).join('.');

/** DER bytes of OID 2.5.29.17 (subjectAltName) and 2.5.4.3 (commonName), dot-joined as `oid()` renders them. */
const SUBJECT_ALT_NAME = '85.29.17';
const COMMON_NAME = '85.4.3';

/** The names a certificate is for, from DER bytes. */
export function certificateNames(der: Uint8Array): { dnsNames: string[]; commonName?: string } | { error: string } {
  try {
    const cert = readTlv(der, 0);
    const tbs = children(der, cert)[0];
    if (!tbs || tbs.tag !== 0x30) return { error: 'not an X.509 certificate' };
    const fields = children(der, tbs);
    // version [0] is optional: subject is the 6th field with it, the 5th without.
    const offset = fields[0]?.tag === 0xa0 ? 1 : 0;
    const subject = fields[offset + 4];
    let commonName: string | undefined;
    if (subject?.tag === 0x30) {
      for (const rdn of children(der, subject))
        for (const atv of children(der, rdn)) {
          const [type, value] = children(der, atv);
          if (type && value && oid(der, type) === COMMON_NAME) commonName = text(der, value);
        }
    }
    const dnsNames: string[] = [];
    const extensions = fields.find((f) => f.tag === 0xa3);
    if (extensions) {
      for (const ext of children(der, children(der, extensions)[0])) {
        const parts = children(der, ext);
        if (oid(der, parts[0]) !== SUBJECT_ALT_NAME) continue;
        const value = parts[parts.length - 1];
        for (const name of children(der, children(der, value)[0])) if (name.tag === 0x82) dnsNames.push(text(der, name));
      }
    }
    return { dnsNames, ...(commonName !== undefined ? { commonName } : {}) };
  } catch {
    return { error: 'malformed DER' };
  }
}

/** The first `CERTIFICATE` block of PEM text, as DER; null when there is none. */
export function firstPemCertificate(pem: string): Uint8Array | null {
  const m = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(pem);
  return m ? decodeBase64(m[1]) : null;
}

/**
 * Go's `x509.Certificate.VerifyHostname` for a DNS host: SANs only (Go ignores the
 * commonName since 1.15), case-insensitive, a `*.` SAN covering exactly one leftmost label.
 */
export function certificateCoversHost(dnsNames: string[], host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return dnsNames.some((raw) => {
    const pattern = raw.toLowerCase().replace(/\.$/, '');
    if (pattern === h) return true;
    if (!pattern.startsWith('*.')) return false;
    const dot = h.indexOf('.');
    return dot > 0 && h.slice(dot + 1) === pattern.slice(2);
  });
}
