/**
 * util/x509.ts: the names in a certificate, and Go's crypto/x509 VerifyHostname matching
 * (validHostname/matchHostnames: case-insensitive, a `*` only as the whole leftmost label,
 * covering exactly one label) as ingress-nginx applies it to TLS hosts.
 */
import { base64ErrorOffset, certificateCoversHost, certificateNames, decodeBase64, firstPemCertificate } from '../../../src/engine/util/x509';
import { CN_ONLY_CERT, SAN_CERT } from './fixture';

it('reads subjectAltName DNS names and the commonName', () => {
  expect(certificateNames(firstPemCertificate(SAN_CERT)!)).toEqual({ dnsNames: ['foo.bar.com', '*.wild.example.com'], commonName: 'foo.bar.com' });
  expect(certificateNames(firstPemCertificate(CN_ONLY_CERT)!)).toEqual({ dnsNames: [], commonName: 'legacy.example.com' });
});

it('reports malformed input instead of throwing', () => {
  expect(firstPemCertificate('not a certificate')).toBeNull();
  expect(certificateNames(new Uint8Array([0x30, 0x82, 0xff]))).toEqual({ error: 'malformed DER' });
});

it.each([
  ['foo.bar.com', true],
  ['FOO.bar.com', true],
  ['a.wild.example.com', true],
  ['wild.example.com', false],
  ['a.b.wild.example.com', false],
  ['bar.com', false],
])('VerifyHostname(%s) = %s', (host, covered) => {
  expect(certificateCoversHost(['foo.bar.com', '*.wild.example.com'], host)).toBe(covered);
});

it('base64 as encoding/base64 StdEncoding decodes it', () => {
  expect(Array.from(decodeBase64('aGk=')!)).toEqual([104, 105]);
  expect(base64ErrorOffset('aGk=')).toBe(-1);
  expect(base64ErrorOffset('aG$k')).toBe(2);
  expect(base64ErrorOffset('aGk')).toBe(0);
});
