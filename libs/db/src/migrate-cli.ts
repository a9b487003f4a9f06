#!/usr/bin/env node
import { loadEnv } from '@bio/config';
import { applyMigrations } from './migrations/apply-migrations';

/** `npm run migrate`: applies pending migrations to DATABASE_URL, creating the database if needed. */
async function main(): Promise<void> {
  const { DATABASE_URL } = loadEnv();
  const report = await applyMigrations(DATABASE_URL);
  if (report.databaseCreated) console.log('Created the database');
  for (const name of report.applied) console.log(`Applied ${name}`);
  for (const name of report.modified) console.warn(`Warning: ${name} was edited after it was applied`);
  if (report.applied.length === 0) console.log('No pending migrations');
}

main().catch((err: unknown) => {
  console.error((err as Error).message);
  process.exit(1);
});
