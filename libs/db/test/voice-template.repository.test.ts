import { GalleryRepository } from '../src/repositories/gallery.repository';
import { PersonRepository, type NewTemplate } from '../src/repositories/person.repository';
import { VoiceTemplateRepository, type NewVoiceTemplate } from '../src/repositories/voice-template.repository';
import { box, newClient } from './fixtures';
import { DB_TEST_TIMEOUT_MS, createTestDatabase, rawQuery, type TestDatabase } from './test-database';

const voice = (values: number[], modelId = 'speaker-v1'): NewVoiceTemplate => ({
  modelId,
  scoreMapping: `${modelId}/voice-v1`,
  embedding: new Float32Array(values),
  speechSeconds: 3.5,
});
const face = (values: number[]): NewTemplate => ({
  modelId: 'arcface', scoreMapping: 'arcface/native-v1', embedding: new Float32Array(values), masked: false, faceBox: box,
});

jest.setTimeout(DB_TEST_TIMEOUT_MS);

describe('VoiceTemplateRepository, and what deleting people and galleries does to voices', () => {
  let db: TestDatabase;
  let voices: VoiceTemplateRepository;
  let persons: PersonRepository;
  let galleries: GalleryRepository;
  let clientId: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    voices = new VoiceTemplateRepository(db.prisma);
    persons = new PersonRepository(db.prisma);
    galleries = new GalleryRepository(db.prisma);
    clientId = (await newClient(db.prisma)).id;
  });
  afterAll(() => db.drop());

  it('adds voices to a person created on the first one, and reads them back per model', async () => {
    const galleryId = (await galleries.create(clientId, 'voices', false)).id;
    const first = await voices.addVoice({ galleryId, userId: 'v1', userName: 'V', template: voice([0.6, 0.8]) });
    const second = await voices.addVoice({ galleryId, userId: 'v1', userName: 'V', template: voice([1, 0], 'other-model') });
    expect(second.personId).toBe(first.personId);
    expect([first.voiceCount, second.voiceCount]).toEqual([1, 2]);
    const stored = await voices.voicesOfPerson(first.personId, 'speaker-v1');
    expect(stored.map((v) => Array.from(v))).toEqual([[expect.closeTo(0.6, 6), expect.closeTo(0.8, 6)]]);
    expect(await voices.countVoices(first.personId)).toBe(2);
  });

  it('removes the voices, and the person only when no face is left', async () => {
    const galleryId = (await galleries.create(clientId, 'mixed', false)).id;
    const voiceOnly = await voices.addVoice({ galleryId, userId: 'only-voice', userName: 'O', template: voice([1, 0]) });
    expect(await voices.deleteVoices(voiceOnly.personId)).toBe(1);
    expect(await persons.findPersonById(voiceOnly.personId)).toBeNull();

    const both = await persons.upsertPersonWithTemplate({ galleryId, userId: 'both', userName: 'B', template: face([1, 0]) });
    await voices.addVoice({ galleryId, userId: 'both', userName: 'B', template: voice([0, 1]) });
    expect(await voices.deleteVoices(both.personId)).toBe(1);
    expect((await persons.findPersonById(both.personId))?.userId).toBe('both');
  });

  it('counts voices with the faces when a person or a gallery is deleted', async () => {
    const galleryId = (await galleries.create(clientId, 'doomed', false)).id;
    const person = await persons.upsertPersonWithTemplate({ galleryId, userId: 'p', userName: 'P', template: face([1, 0]) });
    await voices.addVoice({ galleryId, userId: 'p', userName: 'P', template: voice([1, 0]) });
    await voices.addVoice({ galleryId, userId: 'q', userName: 'Q', template: voice([0, 1]) });
    expect(await galleries.delete(galleryId)).toBe(3);
    expect(await voices.countVoices(person.personId)).toBe(0);

    const again = (await galleries.create(clientId, 'single', false)).id;
    const single = await persons.upsertPersonWithTemplate({ galleryId: again, userId: 's', userName: 'S', template: face([1, 0]) });
    await voices.addVoice({ galleryId: again, userId: 's', userName: 'S', template: voice([1, 0]) });
    expect(await persons.deletePerson(single.personId)).toEqual({ faceTemplateIds: [single.templateId], voiceTemplates: 1 });
  });

  it('refuses an embedding whose bytes do not match its dimension', async () => {
    const galleryId = (await galleries.create(clientId, 'bad', false)).id;
    const { personId } = await voices.addVoice({ galleryId, userId: 'x', userName: 'X', template: voice([1, 0]) });
    await expect(
      rawQuery(db.url, `INSERT INTO voice_templates (id, person_id, model_id, score_mapping, embedding, dimension, speech_seconds)
                        VALUES (gen_random_uuid(), $1, 'm', 's', '\\x00000000', 2, 1)`, [personId]),
    ).rejects.toThrow(/voice_templates_embedding_size_check/);
  });
});
