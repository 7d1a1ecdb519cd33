/**
 * `v1.Secret`: its type and keys, validated as the API server does (ValidateSecret: config
 * keys as for ConfigMaps, `kubernetes.io/tls` needs `tls.crt` and `tls.key`, 1 MiB in all;
 * `data` values must be base64, as the JSON decoder requires for `[]byte`). Values are not
 * kept, except the names the first certificate of `tls.crt` is for (an Ingress's TLS check).
 */
import type { Secret } from '../../model';
import { base64ErrorOffset, bytesToText, certificateNames, decodeBase64, firstPemCertificate } from '../../util/x509';
import { quote, readString, readStringMap } from '../fields';
import type { KindConverter } from './types';

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const MAX_SIZE = 1024 * 1024;
/** Keys each built-in type requires (ValidateSecret). */
const REQUIRED_KEYS: Record<string, string[]> = {
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
  'kubernetes.io/basic-auth': [],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/dockercfg': ['.dockercfg'],
};

function readCertificate(pem: string): Secret['certificate'] {
  const der = firstPemCertificate(pem);
  if (!der) return { error: 'tls.crt holds no PEM CERTIFICATE block' };
  return certificateNames(der);
}

export const secretConverter: KindConverter<'Secret'> = {
  kind: 'Secret',
  apiVersions: ['v1'],
  scope: 'Namespaced',
  nameFormat: 'dns1123-subdomain',
  convert({ r, value, meta, rawMetadata, origin }): Secret | undefined {
    const annotations = readStringMap(r, rawMetadata.annotations, 'metadata.annotations', 'ObjectMeta') ?? {};
    const type = readString(r, value.type, 'type', 'Secret') || 'Opaque';
    const data = readStringMap(r, value.data, 'data', 'Secret') ?? {};
    const stringData = readStringMap(r, value.stringData, 'stringData', 'Secret') ?? {};
    // The decoder reads `data` values as []byte: base64 or the whole object is refused.
    for (const [key, v] of Object.entries(data)) {
      const at = base64ErrorOffset(v);
      if (at >= 0) r.add('error', `Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte ${at}`, `data[${key}]`);
    }
    if (r.failed) return undefined;
    const keys = [...new Set([...Object.keys(data), ...Object.keys(stringData)])].sort();
    let size = 0;
    for (const key of keys) {
      if (key.length > 253) r.invalid(`data[${key}]`, `Invalid value: ${quote(key)}: must be no more than 253 characters`);
      if (!CONFIG_KEY.test(key))
        r.invalid(`data[${key}]`, `Invalid value: ${quote(key)}: a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`);
      size += key.length + (stringData[key] ?? data[key] ?? '').length;
    }
    for (const key of REQUIRED_KEYS[type] ?? []) if (!keys.includes(key)) r.invalid(`data[${key}]`, 'Required value');
    if (size > MAX_SIZE) r.add('error', `Secret "${meta.name}" is invalid: data: Too long: must have at most ${MAX_SIZE} bytes`);
    if (r.failed) return undefined;
    let certificate: Secret['certificate'];
    if (keys.includes('tls.crt')) {
      const raw = stringData['tls.crt'] ?? decodeBase64(data['tls.crt']);
      certificate = readCertificate(typeof raw === 'string' ? raw : raw ? bytesToText(raw) : '');
    }
    return { meta, annotations, type, dataKeys: keys, ...(certificate ? { certificate } : {}), origin };
  },
};
