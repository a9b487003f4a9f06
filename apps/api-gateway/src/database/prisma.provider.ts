import { Logger, type Provider } from '@nestjs/common';
import type { Env } from '@bio/config';
import { applyMigrations, createPrismaClient, type PrismaClient } from '@bio/db';
import { ENV } from '../config/env.provider';
import { PRISMA } from './database.tokens';

/**
 * The client is only handed out once the schema is current: with AUTO_MIGRATE every replica
 * migrates on start, and the runner's advisory lock makes concurrent starts wait for one another.
 */
export const prismaProvider: Provider = {
  provide: PRISMA,
  inject: [ENV],
  useFactory: async (env: Env): Promise<PrismaClient> => {
    if (env.AUTO_MIGRATE) {
      const logger = new Logger('database');
      const report = await applyMigrations(env.DATABASE_URL);
      if (report.databaseCreated) logger.log('Created the database');
      for (const name of report.applied) logger.log(`Applied migration ${name}`);
      for (const name of report.modified) logger.warn(`Migration ${name} was edited after it was applied`);
    }
    return createPrismaClient(env.DATABASE_URL);
  },
};
