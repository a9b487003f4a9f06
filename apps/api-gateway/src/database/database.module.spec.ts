/** DatabaseModule against a real PostgreSQL database it creates itself (AUTO_MIGRATE). */
import { Test, type TestingModule } from '@nestjs/testing';
import { loadEnv } from '@bio/config';
import {
  AccessTokenRepository,
  ClientRepository,
  CredentialRepository,
  DatabaseHealth,
  GalleryRepository,
  PersonRepository,
  QuotaRepository,
  TemplateRepository,
  TransactionRepository,
  UsageRepository,
  type PrismaClient,
} from '@bio/db';
import { readdirSync } from 'node:fs';
import { defaultMigrationsDir } from '../../../../libs/db/src/migrations/migration-files';
import { DB_TEST_TIMEOUT_MS, dropDatabase, freshDatabaseUrl, rawQuery } from '../../../../libs/db/test/test-database';
import { ConfigModule, ENV } from '../config/env.provider';
import { DatabaseModule } from './database.module';
import { PRISMA } from './database.tokens';

jest.setTimeout(DB_TEST_TIMEOUT_MS);

describe('DatabaseModule', () => {
  const { name, url } = freshDatabaseUrl();
  let moduleRef: TestingModule;

  beforeAll(async () => {
    const env = loadEnv({ DATABASE_URL: url, DEFAULT_QUOTA_API_HITS: '7', DEFAULT_QUOTA_FACES: '8', DEFAULT_QUOTA_GALLERIES: '9' });
    moduleRef = await Test.createTestingModule({ imports: [ConfigModule, DatabaseModule] }).overrideProvider(ENV).useValue(env).compile();
  });
  afterAll(async () => {
    await moduleRef?.close();
    await dropDatabase(name);
  });

  it('creates and migrates the database before handing out the client', async () => {
    const rows = await rawQuery<{ migration_name: string }>(url, 'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL');
    const folders = readdirSync(defaultMigrationsDir(), { withFileTypes: true }).filter((e) => e.isDirectory());
    expect(rows.map((r) => r.migration_name).sort()).toEqual(folders.map((e) => e.name).sort());
    await expect(moduleRef.get(DatabaseHealth).ping()).resolves.toBeUndefined();
  });

  it('provides every repository by its class', () => {
    for (const type of [ClientRepository, CredentialRepository, AccessTokenRepository, QuotaRepository, GalleryRepository,
      PersonRepository, TemplateRepository, UsageRepository, TransactionRepository, DatabaseHealth]) {
      expect(moduleRef.get(type)).toBeInstanceOf(type);
    }
  });

  it('gives new clients the default quota from the environment', async () => {
    const client = await moduleRef.get(ClientRepository).create('Defaults', 'cl_defaults');
    expect(await moduleRef.get(QuotaRepository).remaining(client.id)).toEqual({ n_api_hits: 7, n_face: 8, n_facegallery: 9 });
  });

  it('disconnects the client when the application shuts down', async () => {
    const prisma = moduleRef.get<PrismaClient>(PRISMA);
    const disconnect = jest.spyOn(prisma, '$disconnect');
    await moduleRef.close();
    expect(disconnect).toHaveBeenCalledTimes(1);
  });
});
