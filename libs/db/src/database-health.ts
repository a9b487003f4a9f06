import type { PrismaClient } from './prisma-client';

/** Liveness of the database connection, for health checks. */
export class DatabaseHealth {
  constructor(private readonly prisma: PrismaClient) {}

  /** Resolves when Postgres answers a trivial query, rejects otherwise. */
  async ping(): Promise<void> {
    await this.prisma.$queryRaw`SELECT 1`;
  }
}
