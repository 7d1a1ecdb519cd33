import { Injectable } from '@nestjs/common';
import { ClassroomRole, Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../../platform/prisma/prisma.service';

const withLabs = { labs: { select: { labId: true }, orderBy: { assignedAt: 'asc' as const } } };

/** The only file of the classrooms feature that touches Prisma; reads are scoped to an organization. */
@Injectable()
export class ClassroomsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** A classroom with its creator as instructor (when a person created it). */
  create(organizationId: string, data: { name: string; course: string | null; joinCode: string }, instructorId: string | null) {
    return this.prisma.classroom.create({
      data: { organizationId, ...data, ...(instructorId ? { members: { create: { userId: instructorId, role: ClassroomRole.instructor } } } : {}) },
      include: withLabs,
    });
  }

  find(organizationId: string, id: string) {
    return this.prisma.classroom.findFirst({ where: { id, organizationId }, include: withLabs });
  }

  findByJoinCode(joinCode: string) {
    return this.prisma.classroom.findUnique({ where: { joinCode }, include: withLabs });
  }

  /** Every classroom of the organization, or only those `userId` belongs to. */
  list(organizationId: string, userId?: string) {
    return this.prisma.classroom.findMany({
      where: { organizationId, ...(userId ? { members: { some: { userId } } } : {}) },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      include: withLabs,
    });
  }

  update(id: string, data: Prisma.ClassroomUncheckedUpdateInput) {
    return this.prisma.classroom.update({ where: { id }, data, include: withLabs });
  }

  membership(classroomId: string, userId: string) {
    return this.prisma.classroomMember.findUnique({ where: { classroomId_userId: { classroomId, userId } } });
  }

  /** Adds a member, or changes the role of one already there. */
  upsertMember(classroomId: string, userId: string, role: ClassroomRole) {
    return this.prisma.classroomMember.upsert({
      where: { classroomId_userId: { classroomId, userId } },
      create: { classroomId, userId, role },
      update: { role },
      include: { user: { select: { id: true, email: true } } },
    });
  }

  /** Adds a member unless they are one already (their role then stays). */
  joinAsStudent(classroomId: string, userId: string) {
    return this.prisma.classroomMember.upsert({
      where: { classroomId_userId: { classroomId, userId } },
      create: { classroomId, userId, role: ClassroomRole.student },
      update: {},
    });
  }

  async removeMember(classroomId: string, userId: string): Promise<boolean> {
    const { count } = await this.prisma.classroomMember.deleteMany({ where: { classroomId, userId } });
    return count > 0;
  }

  members(classroomId: string) {
    return this.prisma.classroomMember.findMany({
      where: { classroomId },
      orderBy: [{ role: 'asc' }, { joinedAt: 'asc' }],
      include: { user: { select: { id: true, email: true } } },
    });
  }

  findUser(organizationId: string, by: { id?: string; email?: string }) {
    return this.prisma.user.findFirst({ where: { organizationId, ...(by.id ? { id: by.id } : { email: by.email }) }, select: { id: true, email: true } });
  }

  assignLab(classroomId: string, labId: string) {
    return this.prisma.classroomLab.upsert({ where: { classroomId_labId: { classroomId, labId } }, create: { classroomId, labId }, update: {} });
  }

  labExists(organizationId: string, labId: string) {
    return this.prisma.lab.count({ where: { id: labId, organizationId } }).then((n) => n > 0);
  }

  /** `userId`'s memberships of the classrooms a lab is assigned to: each classroom and their role there, oldest classroom first. */
  membershipsWithLab(labId: string, userId: string) {
    return this.prisma.classroomMember.findMany({
      where: { userId, classroom: { labs: { some: { labId } } } },
      orderBy: { classroom: { createdAt: 'asc' } },
      select: { classroomId: true, role: true },
    });
  }
}
