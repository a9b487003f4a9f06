import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export interface MigrationFile {
  /** The folder name, e.g. 20261122000000_init: what Prisma records as migration_name. */
  name: string;
  sql: string;
  /** sha256 hex of the file's bytes, the checksum `prisma migrate` writes and compares. */
  checksum: string;
}

/** Migrations in the order Prisma applies them: folder names sorted, timestamps first. */
export async function readMigrations(migrationsDir: string): Promise<MigrationFile[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory() && existsSync(path.join(migrationsDir, e.name, 'migration.sql')))
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const bytes = await readFile(path.join(migrationsDir, name, 'migration.sql'));
      return { name, sql: bytes.toString('utf8'), checksum: createHash('sha256').update(bytes).digest('hex') };
    }),
  );
}

/**
 * prisma/migrations of the checkout this code runs from. Found by walking up because the
 * same code runs from libs/db/src (tests), libs/db/dist (build) and through node_modules links.
 */
export function defaultMigrationsDir(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'prisma', 'migrations');
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`No prisma/migrations folder above ${from}`);
  }
}
