import { GalleryRepository } from '../src/repositories/gallery.repository';
import { PersonRepository, type NewTemplate } from '../src/repositories/person.repository';
import { TemplateRepository } from '../src/repositories/template.repository';
import { errorCodeOf } from '../../contracts/test/error-code-of';
import { box, newClient } from './fixtures';
import { DB_TEST_TIMEOUT_MS, createTestDatabase, rawQuery, type TestDatabase } from './test-database';

const face = (values: number[], modelId = 'arcface-r100'): NewTemplate => ({
  modelId,
  scoreMapping: `${modelId}/native-v1`,
  embedding: new Float32Array(values),
  masked: false,
  faceBox: box,
});

jest.setTimeout(DB_TEST_TIMEOUT_MS);

describe('PersonRepository and TemplateRepository', () => {
  let db: TestDatabase;
  let persons: PersonRepository;
  let templates: TemplateRepository;
  let clientId: string;
  let galleryId: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    persons = new PersonRepository(db.prisma);
    templates = new TemplateRepository(db.prisma, 2);
    clientId = (await newClient(db.prisma)).id;
    galleryId = (await new GalleryRepository(db.prisma).create(clientId, 'people', false)).id;
  });
  afterAll(() => db.drop());

  it('creates the person on first enrolment, adds faces after, and counts them', async () => {
    const first = await persons.upsertPersonWithTemplate({ galleryId, userId: 'nik-1', userName: 'Ana', template: face([1, 0]) });
    const second = await persons.upsertPersonWithTemplate({ galleryId, userId: 'nik-1', userName: 'Ana B.', template: face([0, 1]) });
    expect(second.personId).toBe(first.personId);
    expect([first.templateCount, second.templateCount]).toEqual([1, 2]);
    expect(await persons.findPerson(galleryId, 'nik-1')).toEqual({
      id: first.personId, galleryId, userId: 'nik-1', userName: 'Ana B.', templateCount: 2,
    });
    expect(await persons.findPersonById(first.personId)).toEqual({ id: first.personId, galleryId, userId: 'nik-1', userName: 'Ana B.' });
    expect(await persons.findPerson(galleryId, 'nobody')).toBeNull();
  });

  it('stores embeddings as float32 little-endian and reads them back per person and model', async () => {
    const { personId, templateId } = await persons.upsertPersonWithTemplate({
      galleryId, userId: 'nik-2', userName: 'Budi', template: face([0.5, -2]),
    });
    await persons.upsertPersonWithTemplate({ galleryId, userId: 'nik-2', userName: 'Budi', template: face([3, 4], 'other-model') });
    const [row] = await rawQuery<{ embedding: Buffer; dimension: number }>(db.url, 'SELECT embedding, dimension FROM face_templates WHERE id = $1', [templateId]);
    expect(row?.dimension).toBe(2);
    expect(row?.embedding.equals(Buffer.from([0, 0, 0, 0x3f, 0, 0, 0, 0xc0]))).toBe(true);
    expect(await templates.templatesOfPerson(personId, 'arcface-r100')).toEqual([new Float32Array([0.5, -2])]);
    expect(await templates.templatesOfPerson(personId, 'other-model')).toEqual([new Float32Array([3, 4])]);
  });

  it('iterates every template of one model across pages, and finds one by id', async () => {
    for (let i = 0; i < 3; i++) {
      await persons.upsertPersonWithTemplate({ galleryId, userId: `page-${i}`, userName: `P${i}`, template: face([i, i]) });
    }
    const seen = [];
    for await (const t of templates.iterateTemplates('arcface-r100')) seen.push(t);
    const expected = await db.prisma.faceTemplate.count({ where: { modelId: 'arcface-r100' } });
    expect(seen).toHaveLength(expected);
    expect(new Set(seen.map((t) => t.templateId)).size).toBe(expected);
    expect(seen.every((t) => t.modelId === 'arcface-r100' && t.galleryId === galleryId)).toBe(true);
    expect(await templates.findTemplate(seen[0]!.templateId)).toEqual(seen[0]);
    expect(await templates.findTemplate('00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(await templates.modelIds()).toEqual(['arcface-r100', 'other-model']);
  });

  it('counts a client’s faces across its galleries only', async () => {
    const before = await templates.countTemplates(clientId);
    const other = (await newClient(db.prisma)).id;
    const otherGallery = (await new GalleryRepository(db.prisma).create(other, 'people', false)).id;
    await persons.upsertPersonWithTemplate({ galleryId: otherGallery, userId: 'x', userName: 'X', template: face([1, 1]) });
    expect(await templates.countTemplates(clientId)).toBe(before);
    expect(await templates.countTemplates(other)).toBe(1);
  });

  it('creates only a new person when asked: of two enrolments of one new id exactly one wins, the other is USER_EXISTS', async () => {
    const enrol = () => persons.upsertPersonWithTemplate({ galleryId, userId: 'only-once', userName: 'O', template: face([1, 0]), createOnly: true });
    const outcomes = await Promise.allSettled([enrol(), enrol()]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    await expect(errorCodeOf(Promise.reject(refused?.reason))).resolves.toBe('USER_EXISTS');
    expect((await persons.findPerson(galleryId, 'only-once'))?.templateCount).toBe(1);
  });

  it('copies a person with its faces, at most the number asked, into another gallery, once', async () => {
    const other = (await new GalleryRepository(db.prisma).create(clientId, 'copies', false)).id;
    const source = await persons.upsertPersonWithTemplate({ galleryId, userId: 'copied', userName: 'C', template: face([1, 2]) });
    await persons.upsertPersonWithTemplate({ galleryId, userId: 'copied', userName: 'C', template: face([3, 4], 'other-model') });
    const copy = await persons.copyPerson(source.personId, other, 1);
    expect(copy.templates).toEqual([{ templateId: expect.any(String), modelId: 'arcface-r100' }]);
    expect(await persons.findPerson(other, 'copied')).toEqual({ id: copy.personId, galleryId: other, userId: 'copied', userName: 'C', templateCount: 1 });
    expect(await templates.templatesOfPerson(copy.personId, 'arcface-r100')).toEqual([new Float32Array([1, 2])]);
    expect(await templates.findTemplate(copy.templates[0]!.templateId)).toMatchObject({ galleryId: other, personId: copy.personId });
    await expect(errorCodeOf(persons.copyPerson(source.personId, other, 2))).resolves.toBe('USER_EXISTS');
    expect((await persons.findPerson(other, 'copied'))?.templateCount).toBe(1);
  });

  it('deletes a person and returns the ids of the faces that went with it', async () => {
    const a = await persons.upsertPersonWithTemplate({ galleryId, userId: 'gone', userName: 'Gone', template: face([1, 2]) });
    const b = await persons.upsertPersonWithTemplate({ galleryId, userId: 'gone', userName: 'Gone', template: face([2, 1]) });
    expect((await persons.deletePerson(a.personId)).faceTemplateIds.sort()).toEqual([a.templateId, b.templateId].sort());
    expect(await persons.findPersonById(a.personId)).toBeNull();
    expect(await persons.deletePerson(a.personId)).toEqual({ faceTemplateIds: [], voiceTemplates: 0 });
  });

  it('undoes one enrolment, removing the person only when that was its last face', async () => {
    const kept = await persons.upsertPersonWithTemplate({ galleryId, userId: 'undo-1', userName: 'U', template: face([1, 2]) });
    const extra = await persons.upsertPersonWithTemplate({ galleryId, userId: 'undo-1', userName: 'U', template: face([2, 1]) });
    await persons.deleteTemplate(extra.templateId);
    expect((await persons.findPerson(galleryId, 'undo-1'))?.templateCount).toBe(1);
    await persons.deleteTemplate(kept.templateId);
    expect(await persons.findPerson(galleryId, 'undo-1')).toBeNull();
    await expect(persons.deleteTemplate(kept.templateId)).resolves.toBeUndefined();
  });

  it('lists the people of a gallery in enrolment order', async () => {
    const gallery = (await new GalleryRepository(db.prisma).create(clientId, 'listing', false)).id;
    await persons.upsertPersonWithTemplate({ galleryId: gallery, userId: 'b', userName: 'Bee', template: face([1, 0]) });
    await persons.upsertPersonWithTemplate({ galleryId: gallery, userId: 'a', userName: 'Ay', template: face([1, 0]) });
    expect((await persons.listPersons(gallery)).map((p) => [p.userId, p.userName])).toEqual([['b', 'Bee'], ['a', 'Ay']]);
  });

  it('refuses an embedding whose bytes do not match its dimension', async () => {
    const person = await persons.findPerson(galleryId, 'nik-1');
    await expect(
      rawQuery(db.url, `INSERT INTO face_templates (id, person_id, gallery_id, model_id, score_mapping, embedding, dimension, face_box)
                        VALUES (gen_random_uuid(), $1, $2, 'm', 's', '\\x00000000', 2, '{}')`, [person!.id, galleryId]),
    ).rejects.toThrow(/face_templates_embedding_size_check/);
  });
});
