import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { applyMigrations } from '../src/migrations/apply-migrations';
import { quoteIdentifier } from '../src/migrations/ensure-database';
import { createPrismaClient, type PrismaClient } from '../src/prisma-client';

/**
 * Creating and dropping databases is slow on a loaded machine (many test files do it at once),
 * far slower than jest's 5 s default for a hook; files that touch databases use this instead.
 */
export const DB_TEST_TIMEOUT_MS = 60_000;

/** Server the tests use; the database part of the URL is replaced per test file. */
const SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  name: string;
  url: string;
  prisma: PrismaClient;
  drop(): Promise<void>;
}

/** A URL to a database that does not exist yet, named bio_test_<random>. */
export function freshDatabaseUrl(): { name: string; url: string } {
  const name = `bio_test_${randomBytes(6).toString('hex')}`;
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

/** A migrated database of its own for one test file; drop() removes it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const { name, url } = freshDatabaseUrl();
  await applyMigrations(url);
  const prisma = createPrismaClient(url);
  return {
    name,
    url,
    prisma,
    drop: async () => {
      await prisma.$disconnect();
      await dropDatabase(name);
    },
  };
}

export async function dropDatabase(name: string): Promise<void> {
  const admin = new Client({ connectionString: SERVER_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** Runs one query on a short-lived connection, for checks that look past the repositories. */
export async function rawQuery<T extends Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    return (await db.query<T>(sql, params)).rows;
  } finally {
    await db.end();
  }
}
