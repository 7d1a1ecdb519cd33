/**
 * Calico's `IPPool` (crd.projectcalico.org/v1 as the calico.yaml manifest's CRD serves it,
 * projectcalico.org/v3 through the Calico API server) and the Tigera operator's
 * `Installation` (operator.tigera.io/v1). Their presence means Calico is installed; the
 * pool settings decide Pod addresses and encapsulation (cluster/cni-config.ts). Enum
 * fields are checked as the CRDs' OpenAPI schemas check them (libcalico-go
 * api/pkg/apis/projectcalico/v3/ippool.go; tigera/operator api/v1/installation_types.go).
 */
import type { CalicoInstallation, CalicoIPPool } from '../../model';
import { quote, readBool, readInt32, readList, readObject, readString, type ObjectReport } from '../fields';
import type { KindConverter } from './types';

/** `IPIPMode` / `VXLANMode` values (libcalico-go v3 ippool.go). */
export const CALICO_ENCAP_MODES = ['Always', 'CrossSubnet', 'Never'];
/** `EncapsulationType` values of an Installation's pool (operator installation_types.go). */
export const OPERATOR_ENCAPSULATIONS = ['IPIP', 'IPIPCrossSubnet', 'VXLAN', 'VXLANCrossSubnet', 'None'];

function readEnum(r: ObjectReport, value: unknown, path: string, goStruct: string, allowed: string[]): string | undefined {
  const v = readString(r, value, path, goStruct);
  if (v !== undefined && !allowed.includes(v)) r.invalid(path, `Unsupported value: ${quote(v)}: supported values: ${allowed.map(quote).join(', ')}`);
  return v;
}

export const calicoIPPoolConverter: KindConverter<'IPPool'> = {
  kind: 'IPPool',
  apiVersions: ['crd.projectcalico.org/v1', 'projectcalico.org/v3'],
  scope: 'Cluster',
  nameFormat: 'dns1123-subdomain',
  convert({ r, value, meta, origin }): CalicoIPPool | undefined {
    const spec = readObject(r, value.spec, 'spec', 'IPPool', 'v3.IPPoolSpec') ?? {};
    const cidr = readString(r, spec.cidr, 'spec.cidr', 'IPPoolSpec');
    if (!cidr) r.invalid('spec.cidr', 'Required value', 'write the pool, e.g. cidr: 192.168.0.0/16');
    const blockSize = readInt32(r, spec.blockSize, 'spec.blockSize', 'IPPoolSpec');
    const ipipMode = readEnum(r, spec.ipipMode, 'spec.ipipMode', 'IPPoolSpec', CALICO_ENCAP_MODES);
    const vxlanMode = readEnum(r, spec.vxlanMode, 'spec.vxlanMode', 'IPPoolSpec', CALICO_ENCAP_MODES);
    const disabled = readBool(r, spec.disabled, 'spec.disabled', 'IPPoolSpec') ?? false;
    if (r.failed || !cidr) return undefined;
    return {
      meta,
      cidr,
      ...(blockSize !== undefined ? { blockSize } : {}),
      ...(ipipMode !== undefined ? { ipipMode } : {}),
      ...(vxlanMode !== undefined ? { vxlanMode } : {}),
      disabled,
      origin,
    };
  },
};

export const calicoInstallationConverter: KindConverter<'Installation'> = {
  kind: 'Installation',
  apiVersions: ['operator.tigera.io/v1'],
  scope: 'Cluster',
  nameFormat: 'dns1123-subdomain',
  convert({ r, value, meta, origin }): CalicoInstallation | undefined {
    const spec = readObject(r, value.spec, 'spec', 'Installation', 'v1.InstallationSpec') ?? {};
    const network = readObject(r, spec.calicoNetwork, 'spec.calicoNetwork', 'InstallationSpec', 'v1.CalicoNetworkSpec') ?? {};
    const mtu = readInt32(r, network.mtu, 'spec.calicoNetwork.mtu', 'CalicoNetworkSpec');
    const list = readList(r, network.ipPools, 'spec.calicoNetwork.ipPools', 'CalicoNetworkSpec', '[]v1.IPPool');
    const ipPools: CalicoInstallation['ipPools'] = [];
    (list ?? []).forEach((p, index) => {
      const path = `spec.calicoNetwork.ipPools[${index}]`;
      const pool = readObject(r, p, path, 'CalicoNetworkSpec', 'v1.IPPool');
      if (!pool) return;
      const cidr = readString(r, pool.cidr, `${path}.cidr`, 'IPPool');
      const blockSize = readInt32(r, pool.blockSize, `${path}.blockSize`, 'IPPool');
      const encapsulation = readEnum(r, pool.encapsulation, `${path}.encapsulation`, 'IPPool', OPERATOR_ENCAPSULATIONS);
      const disabled = readBool(r, pool.disabled, `${path}.disabled`, 'IPPool');
      ipPools.push({ index, ...(cidr !== undefined ? { cidr } : {}), ...(blockSize !== undefined ? { blockSize } : {}), ...(encapsulation !== undefined ? { encapsulation } : {}), ...(disabled !== undefined ? { disabled } : {}) });
    });
    if (r.failed) return undefined;
    return { meta, ipPools, ipPoolsWritten: list !== undefined, ...(mtu !== undefined ? { mtu } : {}), origin };
  },
};
