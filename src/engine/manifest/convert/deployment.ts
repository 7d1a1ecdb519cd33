/** `apps/v1.Deployment`: replicas, selector, Pod template (validated as the API server does). */
import type { Deployment } from '../../model';
import { formatGoStringMap, matchesSelector } from '../../util/labels';
import { readInt32, readObject, readStringMap } from '../fields';
import { readPodSpec } from './pod-spec';
import { readSelector } from './selector';
import type { KindConverter } from './types';

export const deploymentConverter: KindConverter<'Deployment'> = {
  kind: 'Deployment',
  apiVersions: ['apps/v1'],
  scope: 'Namespaced',
  nameFormat: 'dns1123-subdomain',
  convert({ r, value, meta, origin }): Deployment | undefined {
    const spec = readObject(r, value.spec, 'spec', 'Deployment', 'v1.DeploymentSpec') ?? {};
    const replicas = readInt32(r, spec.replicas, 'spec.replicas', 'DeploymentSpec');
    if (replicas !== undefined && replicas < 0) r.invalid('spec.replicas', `Invalid value: ${replicas}: must be greater than or equal to 0`);
    const template = readObject(r, spec.template, 'spec.template', 'DeploymentSpec', 'v1.PodTemplateSpec');
    const templateMeta = readObject(r, template?.metadata, 'spec.template.metadata', 'PodTemplateSpec', 'v1.ObjectMeta');
    const templateLabels = readStringMap(r, templateMeta?.labels, 'spec.template.metadata.labels', 'ObjectMeta') ?? {};
    const selector = readSelector(r, spec.selector, 'spec.selector', 'DeploymentSpec');
    const podSpec = readPodSpec(r, template?.spec, 'spec.template.spec');
    if (r.failed) return undefined;
    if (!selector) {
      r.invalid('spec.selector', 'Required value', 'add spec.selector.matchLabels with the labels of spec.template.metadata.labels');
      return undefined;
    }
    if (Object.keys(selector.matchLabels).length === 0 && selector.matchExpressions.length === 0) {
      r.invalid('spec.selector', 'Invalid value: v1.LabelSelector{MatchLabels:map[string]string{}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment');
      return undefined;
    }
    if (!matchesSelector(selector, templateLabels)) {
      r.invalid(
        'spec.template.metadata.labels',
        `Invalid value: ${formatGoStringMap(templateLabels)}: \`selector\` does not match template \`labels\``,
        `give the Pod template every label of spec.selector.matchLabels (${Object.entries(selector.matchLabels).map(([k, v]) => `${k}=${v}`).join(',')})`,
      );
      return undefined;
    }
    if (!podSpec) return undefined;
    return { meta, replicas: replicas ?? 1, selector, template: { labels: templateLabels, spec: podSpec, raw: template }, origin };
  },
};
