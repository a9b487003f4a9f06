import { DatabaseHealth } from '../src/database-health';
import { createPrismaClient } from '../src/prisma-client';
import { DB_TEST_TIMEOUT_MS, createTestDatabase, freshDatabaseUrl, type TestDatabase } from './test-database';

jest.setTimeout(DB_TEST_TIMEOUT_MS);

describe('DatabaseHealth', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('answers when Postgres does', async () => {
    await expect(new DatabaseHealth(db.prisma).ping()).resolves.toBeUndefined();
  });

  it('rejects when the database cannot be reached', async () => {
    const missing = createPrismaClient(freshDatabaseUrl().url);
    try {
      await expect(new DatabaseHealth(missing).ping()).rejects.toThrow();
    } finally {
      await missing.$disconnect();
    }
  });
});
