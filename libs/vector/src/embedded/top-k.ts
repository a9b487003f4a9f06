/**
 * The k best (score, row) pairs of a stream, kept in a min-heap over typed arrays:
 * a candidate costs one comparison with the current k-th best, and only the few that
 * beat it pay O(log k). Selecting this way instead of sorting all n scores keeps a
 * search O(n log k) with no per-row allocation.
 */
export class TopK {
  private readonly scores: Float64Array;
  private readonly rows: Int32Array;
  private size = 0;

  constructor(private readonly k: number) {
    this.scores = new Float64Array(k);
    this.rows = new Int32Array(k);
  }

  offer(score: number, row: number): void {
    if (this.size < this.k) {
      this.siftUp(this.size++, score, row);
    } else if (this.k > 0 && score > this.scores[0]) {
      this.siftDown(score, row);
    }
  }

  /** Best first; ties keep no particular order. */
  results(): Array<{ row: number; score: number }> {
    const out: Array<{ row: number; score: number }> = [];
    for (let i = 0; i < this.size; i++) out.push({ row: this.rows[i], score: this.scores[i] });
    return out.sort((a, b) => b.score - a.score);
  }

  private siftUp(index: number, score: number, row: number): void {
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.scores[parent] <= score) break;
      this.scores[i] = this.scores[parent];
      this.rows[i] = this.rows[parent];
      i = parent;
    }
    this.scores[i] = score;
    this.rows[i] = row;
  }

  /** Replaces the root (the worst kept) and restores the heap. */
  private siftDown(score: number, row: number): void {
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= this.size) break;
      const right = left + 1;
      const child = right < this.size && this.scores[right] < this.scores[left] ? right : left;
      if (this.scores[child] >= score) break;
      this.scores[i] = this.scores[child];
      this.rows[i] = this.rows[child];
      i = child;
    }
    this.scores[i] = score;
    this.rows[i] = row;
  }
}
