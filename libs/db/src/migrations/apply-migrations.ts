import { Client } from 'pg';
import { ensureDatabase } from './ensure-database';
import { defaultMigrationsDir, readMigrations } from './migration-files';
import { appliedMigrations, applyMigration, createMigrationsTable } from './migrations-table';

/** The advisory lock key of Prisma Migrate, so this runner and `prisma migrate` also exclude each other. */
const PRISMA_MIGRATE_LOCK = 72707369;

export interface ApplyMigrationsOptions {
  migrationsDir?: string;
}

export interface MigrationReport {
  databaseCreated: boolean;
  /** Names applied by this run, in order. */
  applied: string[];
  /** Applied earlier but edited since: Prisma would warn about these. */
  modified: string[];
}

/**
 * Applies pending prisma/migrations, offline, the way `prisma migrate deploy` would. Safe to
 * call from several processes starting together: they queue on one advisory lock and the
 * later ones find nothing left to do.
 */
export async function applyMigrations(databaseUrl: string, options: ApplyMigrationsOptions = {}): Promise<MigrationReport> {
  const migrations = await readMigrations(options.migrationsDir ?? defaultMigrationsDir());
  const databaseCreated = await ensureDatabase(databaseUrl);
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK]);
    await createMigrationsTable(db);
    const recorded = await appliedMigrations(db);
    const failed = recorded.filter((m) => !m.finished).map((m) => m.name);
    if (failed.length > 0) {
      // Same stance as Prisma (P3009): someone must look at a half-applied migration first.
      throw new Error(`Failed migrations are recorded in _prisma_migrations: ${failed.join(', ')}; resolve them with \`prisma migrate resolve\``);
    }
    const done = new Map(recorded.map((m) => [m.name, m.checksum]));
    const applied: string[] = [];
    for (const migration of migrations.filter((m) => !done.has(m.name))) {
      await applyMigration(db, migration);
      applied.push(migration.name);
    }
    const modified = migrations.filter((m) => done.has(m.name) && done.get(m.name) !== m.checksum).map((m) => m.name);
    return { databaseCreated, applied, modified };
  } finally {
    await db.end();
  }
}
