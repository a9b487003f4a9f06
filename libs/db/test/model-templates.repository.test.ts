import { GalleryRepository } from '../src/repositories/gallery.repository';
import { PersonRepository, type NewTemplate } from '../src/repositories/person.repository';
import { TemplateRepository } from '../src/repositories/template.repository';
import { VoiceTemplateRepository } from '../src/repositories/voice-template.repository';
import { box, newClient } from './fixtures';
import { DB_TEST_TIMEOUT_MS, createTestDatabase, type TestDatabase } from './test-database';

const face = (modelId: string): NewTemplate => ({ modelId, scoreMapping: `${modelId}/native-v1`, embedding: new Float32Array([1, 0]), masked: false, faceBox: box });

jest.setTimeout(DB_TEST_TIMEOUT_MS);

describe('templates per model: the count a model change leaves, and purging a retired model', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('counts faces and voices per model id, and purges one model across clients in one go, keeping the people', async () => {
    const persons = new PersonRepository(db.prisma);
    const voices = new VoiceTemplateRepository(db.prisma);
    const templates = new TemplateRepository(db.prisma);
    const galleries = new GalleryRepository(db.prisma);
    const [a, b] = [await newClient(db.prisma), await newClient(db.prisma)];
    const galleryA = (await galleries.create(a.id, 'a', false)).id;
    const galleryB = (await galleries.create(b.id, 'b', false)).id;
    const oldA = await persons.upsertPersonWithTemplate({ galleryId: galleryA, userId: 'u1', userName: 'U1', template: face('old') });
    await persons.upsertPersonWithTemplate({ galleryId: galleryA, userId: 'u1', userName: 'U1', template: face('new') });
    const oldB = await persons.upsertPersonWithTemplate({ galleryId: galleryB, userId: 'u2', userName: 'U2', template: face('old') });
    await voices.addVoice({ galleryId: galleryB, userId: 'u2', userName: 'U2', template: { modelId: 'old', scoreMapping: 'old/voice', embedding: new Float32Array([0, 1]), speechSeconds: 2 } });

    expect(await templates.countByModel()).toEqual({
      faces: [{ modelId: 'new', templates: 1 }, { modelId: 'old', templates: 2 }],
      voices: [{ modelId: 'old', templates: 1 }],
    });
    const purged = await templates.purgeModel('old');
    expect(Object.fromEntries(purged.perClient)).toEqual({ [a.id]: 1, [b.id]: 2 });
    expect(purged.faceTemplateIds.sort()).toEqual([oldA.templateId, oldB.templateId].sort());
    expect(await templates.countByModel()).toEqual({ faces: [{ modelId: 'new', templates: 1 }], voices: [] });
    expect(await persons.findPerson(galleryB, 'u2')).toMatchObject({ userId: 'u2', templateCount: 0 });
    expect((await templates.purgeModel('old')).perClient.size).toBe(0);
  });
});
