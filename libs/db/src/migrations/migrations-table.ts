import { randomUUID } from 'node:crypto';
import type { ClientBase } from 'pg';
import type { MigrationFile } from './migration-files';

/**
 * The bookkeeping table exactly as Prisma's schema engine creates it on PostgreSQL, so that
 * `prisma migrate deploy/status` reads our rows as its own.
 */
const CREATE_TABLE = `
CREATE TABLE IF NOT EXISTS _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
)`;

export interface AppliedMigration {
  name: string;
  checksum: string;
  finished: boolean;
}

export async function createMigrationsTable(db: ClientBase): Promise<void> {
  await db.query(CREATE_TABLE);
}

/** Rows Prisma counts: rolled-back attempts are history, not state. */
export async function appliedMigrations(db: ClientBase): Promise<AppliedMigration[]> {
  const { rows } = await db.query<{ migration_name: string; checksum: string; finished: boolean }>(
    `SELECT migration_name, checksum, finished_at IS NOT NULL AS finished
       FROM _prisma_migrations
      WHERE rolled_back_at IS NULL
      ORDER BY started_at`,
  );
  return rows.map((r) => ({ name: r.migration_name, checksum: r.checksum, finished: r.finished }));
}

/**
 * Runs one migration and its bookkeeping row in a single transaction: either both land or
 * neither, so a failed script leaves nothing to repair. Prisma runs a PostgreSQL script as one
 * step, hence applied_steps_count = 1. The script therefore cannot hold statements that refuse
 * a transaction (CREATE INDEX CONCURRENTLY).
 */
export async function applyMigration(db: ClientBase, migration: MigrationFile): Promise<void> {
  const id = randomUUID();
  await db.query('BEGIN');
  try {
    await db.query('INSERT INTO _prisma_migrations (id, checksum, migration_name) VALUES ($1, $2, $3)', [
      id,
      migration.checksum,
      migration.name,
    ]);
    await db.query(migration.sql);
    await db.query(
      'UPDATE _prisma_migrations SET applied_steps_count = 1, finished_at = clock_timestamp() WHERE id = $1',
      [id],
    );
    await db.query('COMMIT');
  } catch (err) {
    await db.query('ROLLBACK');
    throw new Error(`Migration ${migration.name} failed and was rolled back: ${(err as Error).message}`, { cause: err });
  }
}
