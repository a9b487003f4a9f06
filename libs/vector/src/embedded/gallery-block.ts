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
    // Four rows per pass: each query element is read once for four dot products, which
    // measured about 1.4x faster in V8 than one row at a time.
    let r = 0;
    for (; r + 4 <= n; r += 4) {
      const b0 = r * dim;
      const b1 = b0 + dim;
      const b2 = b1 + dim;
      const b3 = b2 + dim;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let j = 0; j < dim; j++) {
        const q = unitQuery[j];
        s0 += rows[b0 + j] * q;
        s1 += rows[b1 + j] * q;
        s2 += rows[b2 + j] * q;
        s3 += rows[b3 + j] * q;
      }
      best.offer(s0, r);
      best.offer(s1, r + 1);
      best.offer(s2, r + 2);
      best.offer(s3, r + 3);
    }
    for (; r < n; r++) {
      const base = r * dim;
      let s = 0;
      for (let j = 0; j < dim; j++) s += rows[base + j] * unitQuery[j];
      best.offer(s, r);
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
