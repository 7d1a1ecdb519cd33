/** `v1.LabelSelector` (matchLabels + matchExpressions). */
import type { LabelSelector } from '../../model';
import { quote, readList, readObject, readString, readStringMap, type ObjectReport } from '../fields';

export function readSelector(r: ObjectReport, value: unknown, path: string, goStruct: string): LabelSelector | undefined {
  const sel = readObject(r, value, path, goStruct, 'v1.LabelSelector');
  if (!sel) return undefined;
  const matchLabels = readStringMap(r, sel.matchLabels, `${path}.matchLabels`, 'LabelSelector') ?? {};
  const matchExpressions: LabelSelector['matchExpressions'] = [];
  (readList(r, sel.matchExpressions, `${path}.matchExpressions`, 'LabelSelector', '[]v1.LabelSelectorRequirement') ?? []).forEach((e, i) => {
    const epath = `${path}.matchExpressions[${i}]`;
    const expr = readObject(r, e, epath, 'LabelSelector', 'v1.LabelSelectorRequirement');
    if (!expr) return;
    const key = readString(r, expr.key, `${epath}.key`, 'LabelSelectorRequirement') ?? '';
    const operator = readString(r, expr.operator, `${epath}.operator`, 'LabelSelectorRequirement') ?? '';
    const values = (readList(r, expr.values, `${epath}.values`, 'LabelSelectorRequirement', '[]string') ?? []).map(String);
    if (operator !== 'In' && operator !== 'NotIn' && operator !== 'Exists' && operator !== 'DoesNotExist') {
      r.invalid(`${epath}.operator`, `Invalid value: ${quote(operator)}: not a valid selector operator`);
      return;
    }
    if ((operator === 'In' || operator === 'NotIn') && values.length === 0) r.invalid(`${epath}.values`, 'Required value: must be specified when `operator` is \'In\' or \'NotIn\'');
    matchExpressions.push({ key, operator, values });
  });
  return { matchLabels, matchExpressions };
}
