import { ClientRepository } from '../src/repositories/client.repository';
import { UsageRepository } from '../src/repositories/usage.repository';
import { newClient, TEST_LIMITS } from './fixtures';
import { DB_TEST_TIMEOUT_MS, createTestDatabase, type TestDatabase } from './test-database';

jest.setTimeout(DB_TEST_TIMEOUT_MS);

describe('ClientRepository and UsageRepository', () => {
  let db: TestDatabase;
  let clients: ClientRepository;
  let usage: UsageRepository;
  beforeAll(async () => {
    db = await createTestDatabase();
    clients = new ClientRepository(db.prisma, TEST_LIMITS);
    usage = new UsageRepository(db.prisma);
  });
  afterAll(() => db.drop());

  it('marks a client registered once and clears it on unregister', async () => {
    const client = await newClient(db.prisma);
    await clients.markRegistered(client.id);
    const first = (await clients.findByPublicId(client.publicId))?.registeredAt;
    expect(first).toBeInstanceOf(Date);
    await clients.markRegistered(client.id);
    expect((await clients.findByPublicId(client.publicId))?.registeredAt).toEqual(first);
    await clients.unregister(client.id);
    expect((await clients.findByPublicId(client.publicId))?.registeredAt).toBeNull();
  });

  it('deletes a client with what it owns but keeps its usage records, detached', async () => {
    const client = await newClient(db.prisma);
    await usage.record({ clientId: client.id, dialect: 'native', endpoint: 'client/register', httpStatus: 200, outcome: 'OK', billable: false, latencyMs: 3 });
    expect(await clients.delete(client.id)).toBe(true);
    expect(await clients.delete(client.id)).toBe(false);
    expect(await db.prisma.quota.count({ where: { clientId: client.id } })).toBe(0);
    const records = await db.prisma.usageRecord.findMany({ where: { endpoint: 'client/register' } });
    expect(records).toHaveLength(1);
    expect(records[0]?.clientId).toBeNull();
  });

  it('records refused calls too, clipping over-long input to the column sizes', async () => {
    await usage.record({
      trxId: 'x'.repeat(500), dialect: 'native', endpoint: `/face-api/${'y'.repeat(300)}`, httpStatus: 400,
      outcome: 'VALIDATION_FAILED', billable: false, consent: true, latencyMs: 1.6,
    });
    const [row] = await db.prisma.usageRecord.findMany({ where: { outcome: 'VALIDATION_FAILED' } });
    expect(row).toMatchObject({ clientId: null, consent: true, latencyMs: 2, httpStatus: 400 });
    expect(row?.trxId).toHaveLength(120);
    expect(row?.endpoint).toHaveLength(200);
  });
});
