import { Injectable } from '@nestjs/common';
import { Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../../platform/prisma/prisma.service';

export interface IdempotencyClaim {
  organizationId: string;
  key: string;
  method: string;
  path: string;
  requestHash: string;
}

/** The only file of the idempotency feature that touches Prisma. */
@Injectable()
export class IdempotencyRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Records that a request with this key is being answered. Returns null when this call made
   * the record (go on and answer), or the record a request with the same key made first.
   */
  async claim(c: IdempotencyClaim) {
    try {
      await this.prisma.idempotentRequest.create({ data: c });
      return null;
    } catch (error) {
      if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== 'P2002') throw error;
      return this.prisma.idempotentRequest.findUnique({ where: { organizationId_key: { organizationId: c.organizationId, key: c.key } } });
    }
  }

  complete(organizationId: string, key: string, status: number, response: Prisma.InputJsonValue) {
    return this.prisma.idempotentRequest.update({ where: { organizationId_key: { organizationId, key } }, data: { status, response } });
  }

  /** Forgets a key whose request failed, so that a retry does the work. */
  release(organizationId: string, key: string) {
    return this.prisma.idempotentRequest.deleteMany({ where: { organizationId, key, status: null } });
  }
}
