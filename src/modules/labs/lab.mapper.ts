import type { LabCheckTemplate } from '../../engine';
import type { LabView } from './labs.service';
import type { Lab, LabCheckInfo } from './models/lab.model';

const date = (iso?: string) => (iso ? new Date(iso) : undefined);

function checkInfo(check: LabCheckTemplate, staff: boolean): LabCheckInfo {
  const hidden = check.hidden === true;
  return { id: check.id, kind: hidden && !staff ? 'hidden' : check.kind, points: check.points, message: hidden && !staff ? 'hidden' : check.message, hidden };
}

export function toLab(view: LabView): Lab {
  const { record, definition } = view;
  const personal = view.staff ? undefined : view;
  const checks = personal ? personal.instance.checks : definition.checks;
  const { opensAt, dueAt, lateUntil, latePercent, maxAttempts, minSecondsBetween } = definition.rules;
  return {
    id: record.id,
    name: definition.name,
    title: definition.title,
    instructions: personal ? personal.instance.instructions : definition.instructions,
    starter: personal ? personal.instance.starter : definition.starter,
    version: record.versions[0].number,
    rules: { opensAt: date(opensAt), dueAt: date(dueAt), lateUntil: date(lateUntil), latePercent, maxAttempts, minSecondsBetween },
    checks: checks.map((c) => checkInfo(c, view.staff)),
    maxScore: checks.reduce((sum, c) => sum + c.points, 0),
    parameters: definition.parameters.map((p) => ({ name: p.name, value: personal ? String(personal.values[p.name]) : '' })),
    classroomIds: record.classrooms.map((c) => c.classroomId),
    createdAt: record.createdAt,
  };
}
