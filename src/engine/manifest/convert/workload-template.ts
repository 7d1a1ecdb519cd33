/**
 * What the apps/v1 and batch/v1 workloads share: `spec.selector`, `spec.template`
 * (labels + Pod spec), the selector-matches-template rule and the template's
 * `restartPolicy` (pkg/apis/apps/validation `ValidatePodTemplateSpecForReplicaSet` and
 * friends; pkg/apis/batch/validation).
 */
import type { LabelSelector, PodTemplate } from '../../model';
import { formatGoStringMap, matchesSelector } from '../../util/labels';
import { quote, readObject, readStringMap, type ObjectReport, type Raw } from '../fields';
import { readPodSpec } from './pod-spec';
import { readSelector } from './selector';

export interface WorkloadSpec {
  selector?: LabelSelector;
  template: PodTemplate;
}

export interface WorkloadSpecOptions {
  /** apps kinds need a selector that matches the template's labels; a Job generates its own. */
  selectorRequired: boolean;
  /** The restartPolicies the kind allows; absent: not checked (Deployment, so far). */
  restartPolicies?: readonly string[];
  /** The hint when the selector does not match the template's labels (default: one naming the selector's labels). */
  mismatchHint?: (selector: LabelSelector) => string;
}

/**
 * Reads `spec.selector` and `spec.template` of `kind` (`DeploymentSpec`, `StatefulSetSpec`...
 * is `${kind}Spec`), validated as `options` says.
 */
export function readWorkloadSpec(r: ObjectReport, spec: Raw, kind: string, options: WorkloadSpecOptions): WorkloadSpec | undefined {
  const goSpec = `${kind}Spec`;
  const template = readObject(r, spec.template, 'spec.template', goSpec, 'v1.PodTemplateSpec');
  const templateMeta = readObject(r, template?.metadata, 'spec.template.metadata', 'PodTemplateSpec', 'v1.ObjectMeta');
  const labels = readStringMap(r, templateMeta?.labels, 'spec.template.metadata.labels', 'ObjectMeta') ?? {};
  const selector = readSelector(r, spec.selector, 'spec.selector', goSpec);
  const podSpec = readPodSpec(r, template?.spec, 'spec.template.spec');
  if (r.failed || !podSpec) return undefined;
  // SetDefaults_PodSpec fills in Always before validation, so a Job without restartPolicy reads "Always".
  const restartPolicy = podSpec.restartPolicy ?? 'Always';
  if (options.restartPolicies && !options.restartPolicies.includes(restartPolicy)) {
    r.invalid(
      'spec.template.spec.restartPolicy',
      `Unsupported value: ${quote(restartPolicy)}: supported values: ${options.restartPolicies.map(quote).join(', ')}`,
      `set spec.template.spec.restartPolicy to ${options.restartPolicies.join(' or ')}`,
    );
    return undefined;
  }
  if (options.selectorRequired || selector) {
    if (!selector) {
      r.invalid('spec.selector', 'Required value', 'add spec.selector.matchLabels with the labels of spec.template.metadata.labels');
      return undefined;
    }
    if (Object.keys(selector.matchLabels).length === 0 && selector.matchExpressions.length === 0) {
      r.invalid('spec.selector', `Invalid value: v1.LabelSelector{MatchLabels:map[string]string{}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for ${kind.toLowerCase()}`);
      return undefined;
    }
    if (!matchesSelector(selector, labels)) {
      r.invalid(
        'spec.template.metadata.labels',
        `Invalid value: ${formatGoStringMap(labels)}: \`selector\` does not match template \`labels\``,
        options.mismatchHint?.(selector) ?? `give the Pod template labels that spec.selector selects (${matchLabelsText(selector) || 'see spec.selector.matchExpressions'})`,
      );
      return undefined;
    }
  }
  return { ...(selector ? { selector } : {}), template: { labels, spec: podSpec, raw: template } };
}

/** `matchLabels` as `k=v,k=v`. */
export function matchLabelsText(selector: LabelSelector): string {
  return Object.entries(selector.matchLabels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

/** `spec.replicas` of apps kinds: int32 ≥ 0, default 1. */
export function checkReplicas(r: ObjectReport, replicas: number | undefined): number {
  if (replicas !== undefined && replicas < 0) r.invalid('spec.replicas', `Invalid value: ${replicas}: must be greater than or equal to 0`);
  return replicas ?? 1;
}
