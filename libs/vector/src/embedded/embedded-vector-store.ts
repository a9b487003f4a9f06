import { l2Normalised, assertDimension } from '../cosine';
import type { CountFilter, SearchHit, SearchOptions, VectorEntry, VectorStore } from '../vector-store';
import { GalleryBlock } from './gallery-block';

/** All galleries of one embedding model; a model has one dimension. */
interface ModelPartition {
  dimension: number;
  galleries: Map<string, GalleryBlock>;
}

interface Location {
  block: GalleryBlock;
  personId: string;
}

/**
 * The in-process engine: vectors are stored L2-normalised, so a dot product is the cosine.
 *
 * Search is exact (a full scan of the gallery), on purpose: usearch needs Node >= 22 and
 * no HNSW library fits this runtime. A scan over packed float32 rows costs about 1.3 ms
 * per 1,000 templates of 512 dimensions on the 2-core reference machine, ~130 ms for a
 * 100k gallery (bench/matcher/search.ts), with recall 1 and no index parameters to tune
 * or graph to repair after deletions. Bigger galleries belong to the qdrant engine.
 */
export class EmbeddedVectorStore implements VectorStore {
  private readonly partitions = new Map<string, ModelPartition>();
  private readonly locations = new Map<string, Location>();
  private readonly templatesByPerson = new Map<string, Set<string>>();

  async upsert(entries: readonly VectorEntry[]): Promise<void> {
    // Validate the whole batch first so a bad entry leaves the store untouched.
    const dimensions = new Map<string, number>();
    const units = entries.map((entry) => {
      const unit = l2Normalised(entry.vector);
      const expected = this.partitions.get(entry.modelId)?.dimension ?? dimensions.get(entry.modelId) ?? unit.length;
      assertDimension(unit, expected);
      dimensions.set(entry.modelId, expected);
      return unit;
    });
    entries.forEach((entry, i) => this.put(entry, units[i]));
  }

  async deleteTemplates(ids: readonly string[]): Promise<void> {
    for (const id of ids) this.remove(id);
  }

  async deletePerson(personId: string): Promise<void> {
    for (const id of [...(this.templatesByPerson.get(personId) ?? [])]) this.remove(id);
  }

  async deleteGallery(galleryId: string): Promise<void> {
    for (const partition of this.partitions.values()) {
      const block = partition.galleries.get(galleryId);
      if (!block) continue;
      for (const id of block.ids()) this.forget(id);
      partition.galleries.delete(galleryId);
    }
  }

  async search(vector: Float32Array, options: SearchOptions): Promise<SearchHit[]> {
    const unit = l2Normalised(vector);
    const partition = this.partitions.get(options.modelId);
    if (!partition) return [];
    assertDimension(unit, partition.dimension);
    return partition.galleries.get(options.galleryId)?.search(unit, options.topK) ?? [];
  }

  async count(filter: CountFilter = {}): Promise<number> {
    const matches = (block: GalleryBlock) =>
      (filter.modelId === undefined || block.modelId === filter.modelId) &&
      (filter.galleryId === undefined || block.galleryId === filter.galleryId);
    if (filter.personId !== undefined) {
      const ids = this.templatesByPerson.get(filter.personId) ?? new Set<string>();
      return [...ids].filter((id) => matches(this.locations.get(id)!.block)).length;
    }
    let total = 0;
    for (const partition of this.partitions.values()) {
      for (const block of partition.galleries.values()) if (matches(block)) total += block.size;
    }
    return total;
  }

  private put(entry: VectorEntry, unit: Float32Array): void {
    const block = this.blockFor(entry.modelId, entry.galleryId, unit.length);
    const previous = this.locations.get(entry.id);
    if (previous && previous.block !== block) this.remove(entry.id);
    else if (previous) this.unlinkPerson(previous.personId, entry.id);
    block.put(entry.id, entry.personId, unit);
    this.locations.set(entry.id, { block, personId: entry.personId });
    let ids = this.templatesByPerson.get(entry.personId);
    if (!ids) this.templatesByPerson.set(entry.personId, (ids = new Set()));
    ids.add(entry.id);
  }

  private blockFor(modelId: string, galleryId: string, dimension: number): GalleryBlock {
    let partition = this.partitions.get(modelId);
    if (!partition) this.partitions.set(modelId, (partition = { dimension, galleries: new Map() }));
    let block = partition.galleries.get(galleryId);
    if (!block) partition.galleries.set(galleryId, (block = new GalleryBlock(modelId, galleryId, dimension)));
    return block;
  }

  private remove(id: string): void {
    this.locations.get(id)?.block.remove(id);
    this.forget(id);
  }

  /** Drops the id from the lookup maps (not from its block). */
  private forget(id: string): void {
    const location = this.locations.get(id);
    if (!location) return;
    this.locations.delete(id);
    this.unlinkPerson(location.personId, id);
  }

  private unlinkPerson(personId: string, id: string): void {
    const ids = this.templatesByPerson.get(personId);
    ids?.delete(id);
    if (ids?.size === 0) this.templatesByPerson.delete(personId);
  }
}
