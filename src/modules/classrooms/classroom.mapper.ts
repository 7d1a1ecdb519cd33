import type { ClassroomAccess, ClassroomRecord } from './classrooms.service';
import type { Classroom, ClassroomMember, ClassroomRoleName } from './models/classroom.model';

export function toClassroom(record: ClassroomRecord, access: ClassroomAccess): Classroom {
  const { id, name, course, joinCode, currentLabId, createdAt } = record;
  return { id, name, course, joinCode: access === 'student' ? null : joinCode, currentLabId, labIds: record.labs.map((l) => l.labId), access, createdAt };
}

export function toClassroomMember(record: { userId: string; role: string; joinedAt: Date; user: { email: string } }): ClassroomMember {
  return { userId: record.userId, email: record.user.email, role: record.role as ClassroomRoleName, joinedAt: record.joinedAt };
}
