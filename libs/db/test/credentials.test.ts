import { AccessTokenRepository } from '../src/repositories/access-token.repository';
import { ClientRepository } from '../src/repositories/client.repository';
import { CredentialRepository } from '../src/repositories/credential.repository';
import { newClient, TEST_LIMITS } from './fixtures';
import { DB_TEST_TIMEOUT_MS, createTestDatabase, type TestDatabase } from './test-database';

const bytes = (...values: number[]) => Uint8Array.from(values);
const hash = (c: string) => c.repeat(64);

jest.setTimeout(DB_TEST_TIMEOUT_MS);

describe('credentials', () => {
  let db: TestDatabase;
  let credentials: CredentialRepository;
  let tokens: AccessTokenRepository;
  beforeAll(async () => {
    db = await createTestDatabase();
    credentials = new CredentialRepository(db.prisma);
    tokens = new AccessTokenRepository(db.prisma);
  });
  afterAll(() => db.drop());

  it('creates a client with its quota and first credentials in one go', async () => {
    const clients = new ClientRepository(db.prisma, TEST_LIMITS);
    const secret = { ciphertext: bytes(1, 2), iv: bytes(3), authTag: bytes(4) };
    const client = await clients.create('Acme', 'cl_acme', { secret, apiKey: { hash: hash('1'), prefix: 'ak_abc' } });
    expect(await clients.findByPublicId('cl_acme')).toEqual({ ...client, registeredAt: null, disabledAt: null });
    expect(await credentials.activeSecret(client.id)).toEqual(secret);
    expect(await credentials.findClientByApiKeyHash(hash('1'))).toEqual({ client, disabled: false });
    expect(await db.prisma.quota.findUnique({ where: { clientId: client.id } })).toMatchObject({
      apiHitsLimit: 100, faceLimit: 50, galleryLimit: 5, apiHitsUsed: 0,
    });
  });

  it('rolls the whole creation back when a credential cannot be stored', async () => {
    const clients = new ClientRepository(db.prisma, TEST_LIMITS);
    const secret = { ciphertext: bytes(1), iv: bytes(1), authTag: bytes(1) };
    await expect(clients.create('Dup', 'cl_dup', { secret, apiKey: { hash: hash('1'), prefix: 'ak_x' } })).rejects.toThrow();
    expect(await clients.findByPublicId('cl_dup')).toBeNull();
  });

  it('keeps exactly one live secret: the newest', async () => {
    const client = await newClient(db.prisma);
    await credentials.addSecret(client.id, { ciphertext: bytes(1), iv: bytes(1), authTag: bytes(1) });
    await credentials.addSecret(client.id, { ciphertext: bytes(2), iv: bytes(2), authTag: bytes(2) });
    expect(await credentials.activeSecret(client.id)).toEqual({ ciphertext: bytes(2), iv: bytes(2), authTag: bytes(2) });
    expect(await db.prisma.clientSecret.count({ where: { clientId: client.id, revokedAt: null } })).toBe(1);
  });

  it('finds a client by API key hash until the key is rotated or revoked', async () => {
    const client = await newClient(db.prisma);
    await credentials.addApiKey(client.id, hash('a'), 'ak_aaaa');
    expect(await credentials.findClientByApiKeyHash(hash('a'))).toEqual({ client, disabled: false });
    await credentials.addApiKey(client.id, hash('b'), 'ak_bbbb');
    expect(await credentials.findClientByApiKeyHash(hash('a'))).toBeNull();
    expect(await credentials.findClientByApiKeyHash(hash('b'))).toEqual({ client, disabled: false });
    expect(await credentials.revokeApiKeys(client.id)).toBe(1);
    expect(await credentials.findClientByApiKeyHash(hash('b'))).toBeNull();
    expect(await credentials.findClientByApiKeyHash(hash('c'))).toBeNull();
  });

  it('tells a valid token from an expired one, and forgets revoked ones', async () => {
    const client = await newClient(db.prisma);
    await tokens.create(client.id, hash('d'), new Date(Date.now() + 60_000));
    await tokens.create(client.id, hash('e'), new Date(Date.now() - 1_000));
    expect(await tokens.findValid(hash('d'))).toEqual({ client, disabled: false, expired: false });
    expect(await tokens.findValid(hash('e'))).toEqual({ client, disabled: false, expired: true });
    expect(await tokens.findValid(hash('f'))).toBeNull();
    expect(await tokens.revokeAll(client.id)).toBe(1);
    expect(await tokens.findValid(hash('d'))).toBeNull();
  });

  it('marks every credential of a disabled client as such, keeps the first disable time, and enables it again', async () => {
    const clients = new ClientRepository(db.prisma, TEST_LIMITS);
    const client = await newClient(db.prisma);
    await credentials.addApiKey(client.id, hash('g'), 'ak_gggg');
    await tokens.create(client.id, hash('h'), new Date(Date.now() + 60_000));
    expect(await clients.setDisabled(client.id, true)).toBe(true);
    const first = (await clients.findByPublicId(client.publicId))?.disabledAt;
    expect(first).toBeInstanceOf(Date);
    expect(await clients.setDisabled(client.id, true)).toBe(true);
    expect((await clients.findByPublicId(client.publicId))?.disabledAt).toEqual(first);
    expect(await credentials.findClientByApiKeyHash(hash('g'))).toEqual({ client, disabled: true });
    expect(await tokens.findValid(hash('h'))).toEqual({ client, disabled: true, expired: false });
    expect(await clients.setDisabled(client.id, false)).toBe(true);
    expect(await tokens.findValid(hash('h'))).toEqual({ client, disabled: false, expired: false });
    expect(await clients.setDisabled('00000000-0000-0000-0000-000000000000', true)).toBe(false);
  });

  it('sweeps long-expired tokens of a client when it gets a new one', async () => {
    const client = await newClient(db.prisma);
    await tokens.create(client.id, hash('7'), new Date(Date.now() - 2 * 24 * 3600_000));
    await tokens.create(client.id, hash('8'), new Date(Date.now() + 60_000));
    expect(await tokens.findValid(hash('7'))).toBeNull();
    expect(await db.prisma.accessToken.count({ where: { clientId: client.id } })).toBe(1);
  });
});
