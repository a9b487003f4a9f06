import type { VectorChange } from '@bio/contracts';
import type { Logger } from '@bio/observability';
import type { SourceTemplate, TemplateSource, VectorEntry, VectorStore } from '@bio/vector';

/** Templates handed to the store per upsert call while loading. */
const LOAD_BATCH = 1_000;

export interface IndexSyncOptions {
  source: TemplateSource;
  createStore: () => VectorStore;
  /** The seq of the latest broadcast change. */
  currentSeq: () => Promise<number>;
  logger: Logger;
}

function toEntry(template: SourceTemplate): VectorEntry {
  return {
    id: template.templateId,
    personId: template.personId,
    galleryId: template.galleryId,
    modelId: template.modelId,
    vector: template.embedding,
  };
}

/**
 * This replica's vector index, kept in step with Postgres. It is loaded from the source,
 * then follows the broadcast changes one seq after the other; when a seq is missing (a
 * message lost) or the subscription dropped, it loads again rather than guess.
 *
 * Every load and change runs in one queue, so a change received during a load is applied
 * after it: a paged read is no snapshot and may have missed it. Applying a change the load
 * already saw is harmless because templates never change and ids are never reused. A load
 * fills a fresh store and swaps it in, so searches meanwhile see the previous index.
 */
export class IndexSync {
  private current: VectorStore;
  /** Seq of the last change reflected in `current`; null until the first load. */
  private applied: number | null = null;
  private tail: Promise<unknown> = Promise.resolve();
  private queuedReload: Promise<void> | null = null;
  private readonly waiters = new Set<{ minSeq: number; wake: () => void }>();

  constructor(private readonly options: IndexSyncOptions) {
    this.current = options.createStore();
  }

  get store(): VectorStore {
    return this.current;
  }

  get appliedSeq(): number | null {
    return this.applied;
  }

  /** The first load; subscribe to the changes before, so none falls between. Rejects if it fails. */
  start(): Promise<void> {
    return this.serial(() => this.load('start'));
  }

  apply(change: VectorChange): void {
    this.serial(() => this.applyInOrder(change)).catch((err: unknown) =>
      this.options.logger.error({ err, seq: change.seq }, 'vector change not applied'),
    );
  }

  /** Loads again after what is queued now; concurrent requests share one load. Never rejects. */
  reload(reason: string): Promise<void> {
    this.queuedReload ??= this.serial(async () => {
      this.queuedReload = null;
      await this.load(reason);
    }).catch((err: unknown) => this.options.logger.error({ err, reason }, 'vector index reload failed'));
    return this.queuedReload;
  }

  /**
   * Returns once the index reflects change `minSeq`: at once, when that change arrives
   * within `waitMs`, or else after a load from the source, which sees every change whose
   * seq was taken before it started.
   */
  async catchUp(minSeq: number, waitMs: number): Promise<boolean> {
    if (this.reached(minSeq) || (await this.waitFor(minSeq, waitMs))) return true;
    await this.reload(`change ${minSeq} did not arrive within ${waitMs} ms`);
    return this.reached(minSeq);
  }

  private reached(minSeq: number): boolean {
    return this.applied !== null && this.applied >= minSeq;
  }

  private waitFor(minSeq: number, waitMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        resolve(false);
      }, waitMs);
      const waiter = {
        minSeq,
        wake: () => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(true);
        },
      };
      this.waiters.add(waiter);
    });
  }

  private advance(seq: number): void {
    this.applied = seq;
    for (const waiter of this.waiters) if (seq >= waiter.minSeq) waiter.wake();
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.tail.then(task);
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async applyInOrder(change: VectorChange): Promise<void> {
    // Before the first load, and at or below its seq, the load has the change already.
    if (this.applied === null || change.seq <= this.applied) return;
    if (change.seq > this.applied + 1) {
      await this.load(`gap: change ${this.applied + 1} missing, ${change.seq} received`);
      return;
    }
    await this.applyChange(change);
    this.advance(change.seq);
  }

  private async applyChange(change: VectorChange): Promise<void> {
    switch (change.op) {
      case 'upsert': {
        // The broadcast names the template; its vector comes from the source, which also
        // tells whether it has been deleted again since.
        const template = await this.options.source.findTemplate(change.templateId);
        if (template) await this.current.upsert([toEntry(template)]);
        return;
      }
      case 'delete-template':
        return this.current.deleteTemplates(change.templateIds);
      case 'delete-person':
        return this.current.deletePerson(change.personId);
      case 'delete-gallery':
        return this.current.deleteGallery(change.galleryId);
    }
  }

  private async load(reason: string): Promise<void> {
    const started = performance.now();
    // Read first: every change up to this seq was committed before the read below starts.
    const seq = await this.options.currentSeq();
    const store = this.options.createStore();
    let templates = 0;
    for (const modelId of await this.options.source.modelIds()) {
      let batch: VectorEntry[] = [];
      for await (const template of this.options.source.iterateTemplates(modelId)) {
        batch.push(toEntry(template));
        if (batch.length === LOAD_BATCH) {
          await store.upsert(batch);
          templates += batch.length;
          batch = [];
        }
      }
      await store.upsert(batch);
      templates += batch.length;
    }
    this.current = store;
    // Not max(applied, seq): after a Redis restart without persistence the counter starts over.
    this.advance(seq);
    this.options.logger.info(
      { reason, seq, templates, ms: Math.round(performance.now() - started) },
      'vector index loaded',
    );
  }
}
