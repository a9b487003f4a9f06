import { AppError } from '@bio/contracts';
import { GalleryRepository } from '../src/repositories/gallery.repository';
import { PersonRepository } from '../src/repositories/person.repository';
import { box, newClient } from './fixtures';
import { DB_TEST_TIMEOUT_MS, createTestDatabase, type TestDatabase } from './test-database';

jest.setTimeout(DB_TEST_TIMEOUT_MS);

describe('GalleryRepository', () => {
  let db: TestDatabase;
  let galleries: GalleryRepository;
  beforeAll(async () => {
    db = await createTestDatabase();
    galleries = new GalleryRepository(db.prisma);
  });
  afterAll(() => db.drop());

  it('keeps names unique per client, while two clients may use the same name', async () => {
    const a = await newClient(db.prisma);
    const b = await newClient(db.prisma);
    await galleries.create(a.id, 'riset.ai@production', false);
    const error = await galleries.create(a.id, 'riset.ai@production', false).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('GALLERY_EXISTS');
    await expect(galleries.create(b.id, 'riset.ai@production', false)).resolves.toMatchObject({ name: 'riset.ai@production' });
  });

  it('finds by name and the default gallery, and lists in creation order', async () => {
    const client = await newClient(db.prisma);
    const main = await galleries.create(client.id, 'main@default', true);
    const second = await galleries.create(client.id, 'second', false);
    expect(await galleries.findByName(client.id, 'second')).toEqual(second);
    expect(await galleries.findDefault(client.id)).toEqual({ id: main.id, name: 'main@default', isDefault: true });
    expect((await galleries.list(client.id)).map((g) => g.name)).toEqual(['main@default', 'second']);
    expect(await galleries.findByName(client.id, 'missing')).toBeNull();
  });

  it('deletes a gallery with its people and faces and says how many faces went', async () => {
    const client = await newClient(db.prisma);
    const persons = new PersonRepository(db.prisma);
    const doomed = await galleries.create(client.id, 'doomed', false);
    const kept = await galleries.create(client.id, 'kept', false);
    const template = { modelId: 'm1', scoreMapping: 'map-1', embedding: new Float32Array([0.6, 0.8]), masked: false, faceBox: box };
    await persons.upsertPersonWithTemplate({ galleryId: doomed.id, userId: 'u1', userName: 'One', template });
    await persons.upsertPersonWithTemplate({ galleryId: doomed.id, userId: 'u1', userName: 'One', template });
    await persons.upsertPersonWithTemplate({ galleryId: doomed.id, userId: 'u2', userName: 'Two', template });
    await persons.upsertPersonWithTemplate({ galleryId: kept.id, userId: 'u1', userName: 'One', template });

    expect(await galleries.delete(doomed.id)).toBe(3);
    expect(await galleries.findByName(client.id, 'doomed')).toBeNull();
    expect(await db.prisma.person.count({ where: { galleryId: doomed.id } })).toBe(0);
    expect(await db.prisma.faceTemplate.count({ where: { galleryId: doomed.id } })).toBe(0);
    expect(await db.prisma.faceTemplate.count({ where: { galleryId: kept.id } })).toBe(1);
    expect(await galleries.delete(doomed.id)).toBe(0);
  });
});
