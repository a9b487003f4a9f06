import { randomUUID } from 'node:crypto';
import type { VectorEntry, VectorStore } from '../src';

/**
 * The behaviour every VectorStore engine owes the matcher. Ids are fresh UUIDs and model
 * ids unique per run, so an engine backed by a shared server can run it too.
 */
export function describeVectorStoreContract(engine: string, createStore: () => Promise<VectorStore>): void {
  describe(`VectorStore contract: ${engine}`, () => {
    let store: VectorStore;
    let modelId: string;
    let galleryId: string;

    const vec = (...values: number[]) => Float32Array.from(values);
    const entry = (vector: Float32Array, over: Partial<VectorEntry> = {}): VectorEntry => ({
      id: randomUUID(), personId: randomUUID(), galleryId, modelId, vector, ...over,
    });
    const cosine = (a: Float32Array, b: Float32Array) => {
      let dot = 0, na = 0, nb = 0;
      for (let i = 0; i < a.length; i++) { dot += a[i] * b[i]; na += a[i] ** 2; nb += b[i] ** 2; }
      return dot / Math.sqrt(na * nb);
    };
    const search = (vector: Float32Array, topK = 10, over: { galleryId?: string; modelId?: string } = {}) =>
      store.search(vector, { galleryId, modelId, topK, ...over });

    beforeEach(async () => {
      store = await createStore();
      modelId = `contract-${randomUUID()}`;
      galleryId = randomUUID();
    });

    it('returns templates best first, scored by cosine even for non-normalised inputs', async () => {
      const near = entry(vec(3, 1, 0, 0));
      const far = entry(vec(0, 0, 5, 5));
      const middle = entry(vec(1, 1, 1, 0));
      await store.upsert([far, near, middle]);
      const query = vec(2, 0, 0, 0.5);
      const hits = await search(query);
      expect(hits.map((h) => h.templateId)).toEqual([near.id, middle.id, far.id]);
      for (const [hit, e] of [[hits[0], near], [hits[1], middle], [hits[2], far]] as const) {
        expect(hit.personId).toBe(e.personId);
        expect(hit.score).toBeCloseTo(cosine(query, e.vector), 5);
      }
    });

    it('keeps at most topK hits, the best ones', async () => {
      const entries = [1, 2, 3, 4, 5].map((i) => entry(vec(1, i * 0.3, 0, 0)));
      await store.upsert(entries);
      const hits = await search(vec(1, 0, 0, 0), 2);
      expect(hits.map((h) => h.templateId)).toEqual([entries[0].id, entries[1].id]);
      expect(await search(vec(1, 0, 0, 0), 50)).toHaveLength(5);
    });

    it('searches only the given gallery and model', async () => {
      const mine = entry(vec(1, 0, 0, 0));
      const otherGallery = entry(vec(1, 0, 0, 0), { galleryId: randomUUID() });
      const otherModel = entry(vec(1, 0, 0, 0), { modelId: `${modelId}-v2` });
      await store.upsert([mine, otherGallery, otherModel]);
      expect((await search(vec(1, 0, 0, 0))).map((h) => h.templateId)).toEqual([mine.id]);
      expect((await search(vec(1, 0, 0, 0), 10, { galleryId: otherGallery.galleryId })).map((h) => h.templateId))
        .toEqual([otherGallery.id]);
      expect(await search(vec(1, 0, 0, 0), 10, { modelId: `${modelId}-unknown` })).toEqual([]);
      expect(await search(vec(1, 0, 0, 0), 10, { galleryId: randomUUID() })).toEqual([]);
    });

    it('returns every template of a person with several; it does not merge them', async () => {
      const personId = randomUUID();
      const a = entry(vec(1, 0.1, 0, 0), { personId });
      const b = entry(vec(1, 0.2, 0, 0), { personId });
      await store.upsert([a, b, entry(vec(0, 1, 0, 0))]);
      const hits = await search(vec(1, 0, 0, 0), 2);
      expect(hits.map((h) => [h.templateId, h.personId])).toEqual([[a.id, personId], [b.id, personId]]);
    });

    it('replaces an entry upserted again under the same id, even into another gallery', async () => {
      const e = entry(vec(1, 0, 0, 0));
      await store.upsert([e]);
      await store.upsert([{ ...e, vector: vec(0, 1, 0, 0) }]);
      const [hit] = await search(vec(0, 1, 0, 0));
      expect(hit.score).toBeCloseTo(1, 5);
      expect(await store.count({ modelId })).toBe(1);
      const moved = { ...e, galleryId: randomUUID() };
      await store.upsert([moved]);
      expect(await search(vec(0, 1, 0, 0))).toEqual([]);
      expect(await store.count({ galleryId: moved.galleryId })).toBe(1);
    });

    it('deletes templates by id and ignores unknown ids', async () => {
      const [a, b, c] = [entry(vec(1, 0, 0, 0)), entry(vec(1, 1, 0, 0)), entry(vec(1, 1, 1, 0))];
      await store.upsert([a, b, c]);
      await store.deleteTemplates([a.id, randomUUID()]);
      expect((await search(vec(1, 0, 0, 0))).map((h) => h.templateId)).toEqual([b.id, c.id]);
      expect(await store.count({ galleryId })).toBe(2);
    });

    it('deletes a person everywhere and keeps the others', async () => {
      const personId = randomUUID();
      const otherGalleryId = randomUUID();
      const kept = entry(vec(0, 1, 0, 0));
      await store.upsert([
        entry(vec(1, 0, 0, 0), { personId }),
        entry(vec(1, 0.5, 0, 0), { personId, galleryId: otherGalleryId }),
        entry(vec(1, 0, 0.5, 0), { personId, modelId: `${modelId}-v2` }),
        kept,
      ]);
      expect(await store.count({ personId })).toBe(3);
      await store.deletePerson(personId);
      expect(await store.count({ personId })).toBe(0);
      expect((await search(vec(1, 0, 0, 0))).map((h) => h.templateId)).toEqual([kept.id]);
      expect(await search(vec(1, 0, 0, 0), 10, { galleryId: otherGalleryId })).toEqual([]);
    });

    it('deletes a gallery under every model and keeps the other galleries', async () => {
      const otherGalleryId = randomUUID();
      const kept = entry(vec(1, 0, 0, 0), { galleryId: otherGalleryId });
      await store.upsert([entry(vec(1, 0, 0, 0)), entry(vec(1, 0, 0, 0), { modelId: `${modelId}-v2` }), kept]);
      await store.deleteGallery(galleryId);
      expect(await store.count({ galleryId })).toBe(0);
      expect(await search(vec(1, 0, 0, 0))).toEqual([]);
      expect((await search(vec(1, 0, 0, 0), 10, { galleryId: otherGalleryId })).map((h) => h.templateId))
        .toEqual([kept.id]);
    });

    it('counts by model, gallery and person', async () => {
      const personId = randomUUID();
      const otherGalleryId = randomUUID();
      await store.upsert([
        entry(vec(1, 0, 0, 0), { personId }),
        entry(vec(0, 1, 0, 0), { personId }),
        entry(vec(0, 0, 1, 0)),
        entry(vec(0, 0, 0, 1), { galleryId: otherGalleryId }),
      ]);
      expect(await store.count({ modelId })).toBe(4);
      expect(await store.count({ modelId, galleryId })).toBe(3);
      expect(await store.count({ galleryId: otherGalleryId })).toBe(1);
      expect(await store.count({ personId, galleryId })).toBe(2);
      expect(await store.count({ personId, galleryId: otherGalleryId })).toBe(0);
    });

    it('refuses zero vectors and a dimension other than the model\'s, and stores nothing of that batch', async () => {
      await store.upsert([entry(vec(1, 0, 0, 0))]);
      await expect(store.upsert([entry(vec(0, 1, 0, 0)), entry(vec(1, 0, 0))])).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      await expect(store.upsert([entry(vec(0, 0, 0, 0))])).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      await expect(search(vec(1, 0, 0))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(await store.count({ modelId })).toBe(1);
      await store.upsert([entry(vec(1, 0, 0), { modelId: `${modelId}-3d` })]);
      expect(await store.count({ modelId: `${modelId}-3d` })).toBe(1);
    });

    it('agrees with a brute-force ranking after many upserts and deletions', async () => {
      const dimension = 32;
      let state = 42;
      const random = () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31) * 2 - 1;
      const entries = Array.from({ length: 300 }, () => entry(Float32Array.from({ length: dimension }, random)));
      await store.upsert(entries);
      const deleted = new Set(entries.filter((_, i) => i % 3 === 0).map((e) => e.id));
      await store.deleteTemplates([...deleted]);
      const query = Float32Array.from({ length: dimension }, random);
      const expected = entries
        .filter((e) => !deleted.has(e.id))
        .map((e) => ({ templateId: e.id, score: cosine(query, e.vector) }))
        .sort((a, b) => b.score - a.score)
        .slice(0, 10);
      const hits = await search(query, 10);
      expect(hits.map((h) => h.templateId)).toEqual(expected.map((e) => e.templateId));
      hits.forEach((hit, i) => expect(hit.score).toBeCloseTo(expected[i].score, 5));
    });
  });
}
