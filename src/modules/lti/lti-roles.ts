import type { ClassroomRole } from '../../generated/prisma/client';
import type { ToolRole } from './protocol';

/** A person as a launch or a roster names them, already mapped to kube-netlab roles. */
export interface LtiPerson {
  sub: string;
  email: string;
  orgRole: 'instructor' | 'student';
  classroomRole: ClassroomRole;
}

/** kube-netlab's LMS roles for a LIS role: the organization role and the classroom role. */
const ROLE_MAP: Record<ToolRole, { orgRole: LtiPerson['orgRole']; classroomRole: ClassroomRole }> = {
  instructor: { orgRole: 'instructor', classroomRole: 'instructor' },
  assistant: { orgRole: 'student', classroomRole: 'assistant' },
  student: { orgRole: 'student', classroomRole: 'student' },
};

/** The person a launch or a roster entry names: email from the claims, or `<sub>@<issuer host name>`. */
export function ltiPerson(issuer: string, sub: string, email: string | undefined, role: ToolRole): LtiPerson {
  return { sub, email: (email?.trim() || `${sub}@${new URL(issuer).hostname}`).toLowerCase(), ...ROLE_MAP[role] };
}

