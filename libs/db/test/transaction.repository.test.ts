import { TransactionRepository } from '../src/repositories/transaction.repository';
import { newClient } from './fixtures';
import { DB_TEST_TIMEOUT_MS, createTestDatabase, type TestDatabase } from './test-database';

const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);

jest.setTimeout(DB_TEST_TIMEOUT_MS);

describe('TransactionRepository', () => {
  let db: TestDatabase;
  let trx: TransactionRepository;
  let clientId: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    trx = new TransactionRepository(db.prisma);
    clientId = (await newClient(db.prisma)).id;
  });
  afterAll(() => db.drop());

  it('goes new, then pending while running, then replays the stored answer', async () => {
    expect(await trx.begin(clientId, 't-1', HASH_A)).toEqual({ state: 'new' });
    expect(await trx.begin(clientId, 't-1', HASH_A)).toEqual({ state: 'pending' });
    await trx.complete(clientId, 't-1', 200, { status: '200', faces: [{ user_id: 'u' }] });
    expect(await trx.begin(clientId, 't-1', HASH_A)).toEqual({
      state: 'replay',
      httpStatus: 200,
      body: { status: '200', faces: [{ user_id: 'u' }] },
    });
  });

  it('calls the same trx_id with another request a conflict, pending or done', async () => {
    await trx.begin(clientId, 't-2', HASH_A);
    expect(await trx.begin(clientId, 't-2', HASH_B)).toEqual({ state: 'conflict' });
    await trx.complete(clientId, 't-2', 200, {});
    expect(await trx.begin(clientId, 't-2', HASH_B)).toEqual({ state: 'conflict' });
  });

  it('lets an abandoned trx_id be tried again', async () => {
    await trx.begin(clientId, 't-3', HASH_A);
    await trx.abandon(clientId, 't-3');
    expect(await trx.begin(clientId, 't-3', HASH_B)).toEqual({ state: 'new' });
  });

  it('does not let abandon or a second complete touch a finished transaction', async () => {
    await trx.begin(clientId, 't-4', HASH_A);
    await trx.complete(clientId, 't-4', 200, { first: true });
    await trx.abandon(clientId, 't-4');
    await trx.complete(clientId, 't-4', 500, { first: false });
    expect(await trx.begin(clientId, 't-4', HASH_A)).toEqual({ state: 'replay', httpStatus: 200, body: { first: true } });
  });

  it('admits exactly one of many identical concurrent first requests', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => trx.begin(clientId, 't-5', HASH_A)));
    expect(results.filter((r) => r.state === 'new')).toHaveLength(1);
    expect(results.filter((r) => r.state === 'pending')).toHaveLength(19);
  });

  it('keeps trx_ids apart per client', async () => {
    const other = (await newClient(db.prisma)).id;
    await trx.begin(clientId, 't-6', HASH_A);
    expect(await trx.begin(other, 't-6', HASH_B)).toEqual({ state: 'new' });
  });

  it('hands a pending trx_id left by a crashed request to the next caller once it is stale', async () => {
    const impatient = new TransactionRepository(db.prisma, 50);
    await impatient.begin(clientId, 't-7', HASH_A);
    expect(await impatient.begin(clientId, 't-7', HASH_A)).toEqual({ state: 'pending' });
    await new Promise((resolve) => setTimeout(resolve, 120));
    const racers = await Promise.all([impatient.begin(clientId, 't-7', HASH_A), impatient.begin(clientId, 't-7', HASH_A)]);
    expect(racers.map((r) => r.state).sort()).toEqual(['new', 'pending']);
  });
});
