/**
 * `v1.ConfigMap`: `data` (strings) and `binaryData` (base64), validated as the API server
 * does (pkg/apis/core/validation ValidateConfigMap): keys are config keys
 * (`[-._a-zA-Z0-9]+`, at most 253 characters, not `.` or `..`), a key may not be in both
 * maps, and the whole may not exceed 1 MiB. Components read their configuration from them
 * (CoreDNS's Corefile, a CNI's net-conf.json).
 */
import type { ConfigMap } from '../../model';
import { readStringMap } from '../fields';
import type { KindConverter } from './types';

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
/** core.MaxSecretSize, which ConfigMaps share (validation.go). */
const MAX_SIZE = 1024 * 1024;

function keyErrors(key: string): string[] {
  const errors: string[] = [];
  if (key.length > 253) errors.push('must be no more than 253 characters');
  if (!CONFIG_KEY.test(key)) errors.push("a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')");
  if (key === '.' || key === '..') errors.push(`must not be '${key}'`);
  return errors;
}

export const configMapConverter: KindConverter<'ConfigMap'> = {
  kind: 'ConfigMap',
  apiVersions: ['v1'],
  scope: 'Namespaced',
  nameFormat: 'dns1123-subdomain',
  convert({ r, value, meta, origin }): ConfigMap | undefined {
    const data = readStringMap(r, value.data, 'data', 'ConfigMap') ?? {};
    const binaryData = readStringMap(r, value.binaryData, 'binaryData', 'ConfigMap') ?? {};
    let size = 0;
    for (const [field, map] of [['data', data], ['binaryData', binaryData]] as const) {
      for (const [key, v] of Object.entries(map)) {
        for (const e of keyErrors(key)) r.invalid(`${field}[${key}]`, `Invalid value: ${JSON.stringify(key)}: ${e}`);
        if (field === 'binaryData' && key in data) r.invalid(`binaryData[${key}]`, `Invalid value: ${JSON.stringify(key)}: duplicate of key present in data`);
        size += key.length + v.length;
      }
    }
    if (size > MAX_SIZE) r.add('error', `ConfigMap "${meta.name}" is invalid: []: Too long: must have at most ${MAX_SIZE} bytes`);
    if (r.failed) return undefined;
    return { meta, data, binaryDataKeys: Object.keys(binaryData).sort(), origin };
  },
};
