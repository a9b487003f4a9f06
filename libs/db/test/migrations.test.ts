import { createHash } from 'node:crypto';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { applyMigrations } from '../src/migrations/apply-migrations';
import { defaultMigrationsDir, readMigrations } from '../src/migrations/migration-files';
import { DB_TEST_TIMEOUT_MS, dropDatabase, freshDatabaseUrl, rawQuery } from './test-database';

const INIT = '20261122000000_init';
/** Every migration of the repository, in the order they apply. */
let ALL: string[];
beforeAll(async () => {
  ALL = (await readMigrations(defaultMigrationsDir())).map((m) => m.name);
});

jest.setTimeout(DB_TEST_TIMEOUT_MS);

describe('applyMigrations', () => {
  const created: string[] = [];
  const fresh = () => {
    const db = freshDatabaseUrl();
    created.push(db.name);
    return db;
  };
  afterEach(async () => {
    for (const name of created.splice(0)) await dropDatabase(name);
  });

  it('creates a missing database, applies every migration, and a second run is a no-op', async () => {
    const { url } = fresh();
    const first = await applyMigrations(url);
    expect(first).toEqual({ databaseCreated: true, applied: ALL, modified: [] });

    const second = await applyMigrations(url);
    expect(second).toEqual({ databaseCreated: false, applied: [], modified: [] });

    const tables = await rawQuery<{ table_name: string }>(
      url,
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    expect(tables.map((t) => t.table_name)).toEqual([
      '_prisma_migrations', 'access_tokens', 'api_keys', 'client_secrets', 'clients', 'face_templates',
      'findface_faces', 'galleries', 'persons', 'quotas', 'transactions', 'usage_records', 'voice_templates',
    ]);
  });

  it('records rows the way prisma migrate deploy does', async () => {
    const { url } = fresh();
    await applyMigrations(url);

    const columns = await rawQuery<{ column_name: string; data_type: string; is_nullable: string; column_default: string | null; len: number | null }>(
      url,
      `SELECT column_name, data_type, is_nullable, column_default, character_maximum_length AS len
         FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns).toEqual([
      { column_name: 'id', data_type: 'character varying', is_nullable: 'NO', column_default: null, len: 36 },
      { column_name: 'checksum', data_type: 'character varying', is_nullable: 'NO', column_default: null, len: 64 },
      { column_name: 'finished_at', data_type: 'timestamp with time zone', is_nullable: 'YES', column_default: null, len: null },
      { column_name: 'migration_name', data_type: 'character varying', is_nullable: 'NO', column_default: null, len: 255 },
      { column_name: 'logs', data_type: 'text', is_nullable: 'YES', column_default: null, len: null },
      { column_name: 'rolled_back_at', data_type: 'timestamp with time zone', is_nullable: 'YES', column_default: null, len: null },
      { column_name: 'started_at', data_type: 'timestamp with time zone', is_nullable: 'NO', column_default: 'now()', len: null },
      { column_name: 'applied_steps_count', data_type: 'integer', is_nullable: 'NO', column_default: '0', len: null },
    ]);
    const [pk] = await rawQuery<{ conname: string }>(url, `SELECT conname FROM pg_constraint WHERE conrelid = '_prisma_migrations'::regclass AND contype = 'p'`);
    expect(pk?.conname).toBe('_prisma_migrations_pkey');

    const rows = await rawQuery<Record<string, unknown>>(url, 'SELECT * FROM _prisma_migrations ORDER BY migration_name');
    const file = await readFile(path.join(defaultMigrationsDir(), INIT, 'migration.sql'));
    expect(rows.map((r) => r.migration_name)).toEqual(ALL);
    const row = rows[0]!;
    expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(row.checksum).toBe(createHash('sha256').update(file).digest('hex'));
    expect(row.migration_name).toBe(INIT);
    expect(row.logs).toBeNull();
    expect(row.rolled_back_at).toBeNull();
    expect(row.applied_steps_count).toBe(1);
    expect(row.finished_at).toBeInstanceOf(Date);
    expect((row.finished_at as Date).getTime()).toBeGreaterThanOrEqual((row.started_at as Date).getTime());
  });

  it('lets several processes start together: one applies, the others find nothing to do', async () => {
    const { url } = fresh();
    const reports = await Promise.all(Array.from({ length: 5 }, () => applyMigrations(url)));
    expect(reports.flatMap((r) => r.applied)).toEqual(ALL);
    const rows = await rawQuery(url, 'SELECT 1 FROM _prisma_migrations');
    expect(rows).toHaveLength(ALL.length);
  });

  describe('with a migrations folder of its own', () => {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'bio-migrations-'));
    });
    afterEach(async () => {
      await rm(dir, { recursive: true, force: true });
    });
    const write = async (name: string, sql: string) => {
      await mkdir(path.join(dir, name));
      await writeFile(path.join(dir, name, 'migration.sql'), sql);
    };

    it('applies in folder-name order and rolls back a failing migration entirely', async () => {
      const { url } = fresh();
      await write('2_second', 'CREATE TABLE b (id int);');
      await write('1_first', 'CREATE TABLE a (id int);');
      await write('3_broken', 'CREATE TABLE c (id int);\nSELECT * FROM no_such_table;');

      await expect(applyMigrations(url, { migrationsDir: dir })).rejects.toThrow(/3_broken failed and was rolled back/);

      const rows = await rawQuery<{ migration_name: string }>(url, 'SELECT migration_name FROM _prisma_migrations ORDER BY started_at');
      expect(rows.map((r) => r.migration_name)).toEqual(['1_first', '2_second']);
      const c = await rawQuery(url, `SELECT 1 FROM information_schema.tables WHERE table_name = 'c'`);
      expect(c).toHaveLength(0);
    });

    it('reports migrations edited after they were applied', async () => {
      const { url } = fresh();
      await write('1_first', 'CREATE TABLE a (id int);');
      await applyMigrations(url, { migrationsDir: dir });
      await writeFile(path.join(dir, '1_first', 'migration.sql'), 'CREATE TABLE a (id bigint);');
      expect(await applyMigrations(url, { migrationsDir: dir })).toEqual({ databaseCreated: false, applied: [], modified: ['1_first'] });
    });

    it('refuses to continue past a failed migration that Prisma recorded', async () => {
      const { url } = fresh();
      await write('1_first', 'CREATE TABLE a (id int);');
      await applyMigrations(url, { migrationsDir: dir });
      await rawQuery(url, `INSERT INTO _prisma_migrations (id, checksum, migration_name, logs) VALUES ('x', 'y', '2_half', 'boom')`);
      await expect(applyMigrations(url, { migrationsDir: dir })).rejects.toThrow(/2_half/);
    });
  });
});
