import type { SearchHit } from '../vector-store';
import { TopK } from './top-k';

const INITIAL_ROWS = 16;

/**
 * The unit-length vectors of one gallery under one model, packed row after row in a
 * single Float32Array so a search is one linear pass over contiguous memory. A deletion
 * moves the last row into the freed slot, so rows stay dense and nothing is rebuilt.
 */
export class GalleryBlock {
  private rows: Float32Array;
  private readonly templateIds: string[] = [];
  private readonly personIds: string[] = [];
  private readonly rowOf = new Map<string, number>();

  constructor(
    readonly modelId: string,
    readonly galleryId: string,
    readonly dimension: number,
  ) {
    this.rows = new Float32Array(dimension * INITIAL_ROWS);
  }

  get size(): number {
    return this.templateIds.length;
  }

  ids(): readonly string[] {
    return this.templateIds;
  }

  /** Inserts or overwrites; `unit` must already be L2-normalised and of this block's dimension. */
  put(templateId: string, personId: string, unit: Float32Array): void {
    let row = this.rowOf.get(templateId);
    if (row === undefined) {
      row = this.size;
      this.ensureCapacity(row + 1);
      this.templateIds.push(templateId);
      this.personIds.push(personId);
      this.rowOf.set(templateId, row);
    } else {
      this.personIds[row] = personId;
    }
    this.rows.set(unit, row * this.dimension);
  }

  remove(templateId: string): boolean {
    const row = this.rowOf.get(templateId);
    if (row === undefined) return false;
    const last = this.size - 1;
    if (row !== last) {
      const lastId = this.templateIds[last];
      this.rows.copyWithin(row * this.dimension, last * this.dimension, (last + 1) * this.dimension);
      this.templateIds[row] = lastId;
      this.personIds[row] = this.personIds[last];
      this.rowOf.set(lastId, row);
    }
    this.templateIds.pop();
    this.personIds.pop();
    this.rowOf.delete(templateId);
    return true;
  }

  /** Exact top-k by dot product with a unit-length query, i.e. by cosine. */
  search(unitQuery: Float32Array, topK: number): SearchHit[] {
    const n = this.size;
    const dim = this.dimension;
    const rows = this.rows;
    const best = new TopK(Math.min(topK, n));
    // Four accumulators break the add dependency chain, which roughly doubles throughput in V8.
    const tail = dim - (dim % 4);
    for (let r = 0, base = 0; r < n; r++, base += dim) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let j = 0;
      for (; j < tail; j += 4) {
        s0 += rows[base + j] * unitQuery[j];
        s1 += rows[base + j + 1] * unitQuery[j + 1];
        s2 += rows[base + j + 2] * unitQuery[j + 2];
        s3 += rows[base + j + 3] * unitQuery[j + 3];
      }
      for (; j < dim; j++) s0 += rows[base + j] * unitQuery[j];
      best.offer(s0 + s1 + s2 + s3, r);
    }
    return best.results().map(({ row, score }) => ({
      templateId: this.templateIds[row],
      personId: this.personIds[row],
      score,
    }));
  }

  private ensureCapacity(rowCount: number): void {
    if (rowCount * this.dimension <= this.rows.length) return;
    const grown = new Float32Array(Math.max(rowCount, 2 * (this.rows.length / this.dimension)) * this.dimension);
    grown.set(this.rows.subarray(0, this.size * this.dimension));
    this.rows = grown;
  }
}
