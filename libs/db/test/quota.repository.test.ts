import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../src/prisma-client';
import { QuotaRepository } from '../src/repositories/quota.repository';
import { newClient } from './fixtures';
import { DB_TEST_TIMEOUT_MS, createTestDatabase, type TestDatabase } from './test-database';

jest.setTimeout(DB_TEST_TIMEOUT_MS);

describe('QuotaRepository', () => {
  let db: TestDatabase;
  let quotas: QuotaRepository;
  beforeAll(async () => {
    db = await createTestDatabase();
    quotas = new QuotaRepository(db.prisma);
  });
  afterAll(() => db.drop());

  it('never overspends: of 50 concurrent reservations against a limit of 10, exactly 10 succeed', async () => {
    // A wide pool so the 50 calls really run side by side on separate connections.
    const wide = new PrismaClient({ adapter: new PrismaPg({ connectionString: db.url, max: 25 }) });
    try {
      const client = await newClient(db.prisma, { n_api_hits: 10, n_face: 10, n_facegallery: 10 });
      const racing = new QuotaRepository(wide);
      const results = await Promise.all(Array.from({ length: 50 }, () => racing.tryReserve(client.id, 'apiHits')));
      expect(results.filter(Boolean)).toHaveLength(10);
      expect(await quotas.remaining(client.id)).toEqual({ n_api_hits: 0, n_face: 10, n_facegallery: 10 });
    } finally {
      await wide.$disconnect();
    }
  });

  it('reserves several units at once only when all of them fit', async () => {
    const client = await newClient(db.prisma, { n_api_hits: 1, n_face: 5, n_facegallery: 1 });
    expect(await quotas.tryReserve(client.id, 'faces', 3)).toBe(true);
    expect(await quotas.tryReserve(client.id, 'faces', 3)).toBe(false);
    expect(await quotas.tryReserve(client.id, 'faces', 2)).toBe(true);
    expect((await quotas.remaining(client.id))?.n_face).toBe(0);
  });

  it('release never takes usage below zero', async () => {
    const client = await newClient(db.prisma, { n_api_hits: 3, n_face: 1, n_facegallery: 1 });
    await quotas.tryReserve(client.id, 'galleries');
    await quotas.release(client.id, 'galleries', 5);
    await quotas.release(client.id, 'galleries');
    const row = await db.prisma.quota.findUniqueOrThrow({ where: { clientId: client.id } });
    expect(row.galleriesUsed).toBe(0);
    expect((await quotas.remaining(client.id))?.n_facegallery).toBe(1);
  });

  it('sets limits without touching usage, and a limit below usage leaves nothing remaining', async () => {
    const client = await newClient(db.prisma, { n_api_hits: 10, n_face: 10, n_facegallery: 10 });
    for (let i = 0; i < 4; i++) await quotas.tryReserve(client.id, 'apiHits');
    expect(await quotas.setLimits(client.id, { n_api_hits: 2 })).toBe(true);
    expect(await quotas.remaining(client.id)).toEqual({ n_api_hits: 0, n_face: 10, n_facegallery: 10 });
    expect(await quotas.tryReserve(client.id, 'apiHits')).toBe(false);
    await quotas.setLimits(client.id, { n_api_hits: 6, n_face: 1, n_facegallery: 0 });
    expect(await quotas.remaining(client.id)).toEqual({ n_api_hits: 2, n_face: 1, n_facegallery: 0 });
  });

  it('knows no quota for an unknown client', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(await quotas.remaining(unknown)).toBeNull();
    expect(await quotas.tryReserve(unknown, 'apiHits')).toBe(false);
    expect(await quotas.setLimits(unknown, { n_face: 1 })).toBe(false);
  });

  it('rejects amounts that are not positive integers', async () => {
    const client = await newClient(db.prisma);
    await expect(quotas.tryReserve(client.id, 'apiHits', 0)).rejects.toThrow(RangeError);
    await expect(quotas.release(client.id, 'apiHits', -1)).rejects.toThrow(RangeError);
  });
});
