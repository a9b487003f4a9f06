import { randomUUID } from 'node:crypto';
import type { VectorChange } from '@bio/contracts';
import { createLogger } from '@bio/observability';
import { EmbeddedVectorStore, type SourceTemplate, type VectorChangeInput } from '@bio/vector';
import { InMemoryTemplateSource } from '../test/in-memory-template-source';
import { IndexSync } from './index-sync';

/** A source whose reads can be held half-way, to act while a load is in progress. */
class HeldSource extends InMemoryTemplateSource {
  hold: Promise<void> = Promise.resolve();

  override async *iterateTemplates(modelId: string): AsyncGenerator<SourceTemplate> {
    const read: SourceTemplate[] = [];
    for await (const template of super.iterateTemplates(modelId)) read.push(template);
    await this.hold;
    yield* read;
  }
}

describe('IndexSync', () => {
  const galleryId = randomUUID();
  let source: HeldSource;
  let seq: number;
  let sync: IndexSync;

  const template = (over: Partial<SourceTemplate> = {}): SourceTemplate => ({
    templateId: randomUUID(), personId: randomUUID(), galleryId, modelId: 'm1', embedding: Float32Array.from([1, 0, 0]), ...over,
  });
  /** As the gateway does: commit to the source, take a seq, broadcast. */
  const broadcast = (change: VectorChangeInput): VectorChange => {
    const message = { ...change, seq: ++seq } as VectorChange;
    sync.apply(message);
    return message;
  };
  const indexed = (filter: { personId?: string; modelId?: string } = {}) => sync.store.count(filter);

  beforeEach(async () => {
    source = new HeldSource();
    seq = 10;
    sync = new IndexSync({
      source,
      createStore: () => new EmbeddedVectorStore(),
      currentSeq: async () => seq,
      logger: createLogger('index-sync-spec', 'silent'),
    });
  });

  it('loads every model of the source at start and stands at the current seq', async () => {
    source.add(template(), template(), template({ modelId: 'm2', embedding: Float32Array.from([1, 0]) }));
    await sync.start();
    expect(await indexed({ modelId: 'm1' })).toBe(2);
    expect(await indexed({ modelId: 'm2' })).toBe(1);
    expect(sync.appliedSeq).toBe(10);
  });

  it('applies upserts and deletions in seq order', async () => {
    await sync.start();
    const a = template();
    const b = template({ personId: a.personId });
    const c = template();
    source.add(a, b, c);
    broadcast({ op: 'upsert', templateId: a.templateId, personId: a.personId, galleryId, modelId: 'm1' });
    broadcast({ op: 'upsert', templateId: b.templateId, personId: b.personId, galleryId, modelId: 'm1' });
    const last = broadcast({ op: 'upsert', templateId: c.templateId, personId: c.personId, galleryId, modelId: 'm1' });
    expect(await sync.catchUp(last.seq, 1_000)).toBe(true);
    expect(await indexed()).toBe(3);
    broadcast({ op: 'delete-template', templateIds: [b.templateId] });
    const deleted = broadcast({ op: 'delete-person', personId: a.personId });
    await sync.catchUp(deleted.seq, 1_000);
    expect(await indexed({ personId: a.personId })).toBe(0);
    const gone = broadcast({ op: 'delete-gallery', galleryId });
    await sync.catchUp(gone.seq, 1_000);
    expect(await indexed()).toBe(0);
    expect(sync.appliedSeq).toBe(gone.seq);
    expect(source.loads).toBe(1);
  });

  it('skips an upsert whose template is gone from the source again', async () => {
    await sync.start();
    const message = broadcast({ op: 'upsert', templateId: randomUUID(), personId: randomUUID(), galleryId, modelId: 'm1' });
    expect(await sync.catchUp(message.seq, 1_000)).toBe(true);
    expect(await indexed()).toBe(0);
  });

  it('leaves changes before the first load, and those at or below its seq, to the load', async () => {
    const early = template();
    source.add(early);
    sync.apply({ op: 'delete-person', personId: early.personId, seq: 9 });
    await sync.start();
    sync.apply({ op: 'delete-person', personId: early.personId, seq: 10 });
    const next = broadcast({ op: 'delete-template', templateIds: [] });
    await sync.catchUp(next.seq, 1_000);
    expect(await indexed({ personId: early.personId })).toBe(1);
  });

  it('loads again when a seq is missing', async () => {
    await sync.start();
    const missed = template();
    source.add(missed);
    seq++; // taken by a change whose message was lost
    const after = broadcast({ op: 'delete-template', templateIds: [] });
    expect(await sync.catchUp(after.seq, 1_000)).toBe(true);
    expect(source.loads).toBe(2);
    expect(await indexed({ personId: missed.personId })).toBe(1);
  });

  it('applies a change received during a load after it, and searches the previous index meanwhile', async () => {
    const old = template();
    source.add(old);
    await sync.start();
    let release!: () => void;
    source.hold = new Promise((resolve) => (release = resolve));
    const reloaded = sync.reload('test');
    await new Promise((resolve) => setImmediate(resolve));
    const late = template();
    source.add(late); // committed after the load read its page
    const message = broadcast({ op: 'upsert', templateId: late.templateId, personId: late.personId, galleryId, modelId: 'm1' });
    expect(await indexed()).toBe(1);
    release();
    await reloaded;
    expect(await sync.catchUp(message.seq, 1_000)).toBe(true);
    expect(await indexed({ personId: late.personId })).toBe(1);
    expect(await indexed({ personId: old.personId })).toBe(1);
  });

  it('wakes a waiter as soon as its change is applied', async () => {
    await sync.start();
    const waiting = sync.catchUp(seq + 1, 5_000);
    const started = Date.now();
    broadcast({ op: 'delete-person', personId: randomUUID() });
    expect(await waiting).toBe(true);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(source.loads).toBe(1);
  });

  it('loads from the source when the awaited change does not arrive in time', async () => {
    await sync.start();
    const lost = template();
    source.add(lost);
    seq++;
    expect(await sync.catchUp(seq, 50)).toBe(true);
    expect(source.loads).toBe(2);
    expect(await indexed({ personId: lost.personId })).toBe(1);
  });

  it('shares one load between concurrent reload requests', async () => {
    await sync.start();
    await Promise.all([sync.reload('a'), sync.reload('b'), sync.reload('c')]);
    expect(source.loads).toBe(2);
  });

  it('keeps the previous index when a load fails, and says the seq was not reached', async () => {
    source.add(template());
    await sync.start();
    jest.spyOn(source, 'modelIds').mockRejectedValue(new Error('database down'));
    seq++;
    expect(await sync.catchUp(seq, 10)).toBe(false);
    expect(await indexed()).toBe(1);
    expect(sync.appliedSeq).toBe(10);
  });

  it('fails to start when the source cannot be read', async () => {
    jest.spyOn(source, 'modelIds').mockRejectedValue(new Error('database down'));
    await expect(sync.start()).rejects.toThrow('database down');
  });
});
