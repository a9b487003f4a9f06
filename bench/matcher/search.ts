/**
 * Search latency of the embedded vector engine on one gallery of 1k, 10k and 100k random
 * unit vectors of 512 dimensions (the face embedding size): p50/p95 of a top-5 search, and
 * of a top-50 search, which is what the matcher asks for to rank the top 5 persons with
 * up to 10 templates each. Single-threaded, as in the matcher.
 *
 *   node scripts/run-ts.cjs bench/matcher/search.ts
 */
import { randomUUID } from 'node:crypto';
import { EmbeddedVectorStore, type VectorEntry } from '@bio/vector';
import { percentile, round1 } from '../support/stats';

const DIMENSION = 512;
const SIZES = [1_000, 10_000, 100_000];
/** Enough queries for a stable p95 without the 100k run taking minutes. */
const QUERIES = (size: number) => Math.max(100, Math.min(1_000, 10_000_000 / size));
const WARM_UP = 20;

/** Seeded, so every run searches the same data. */
function gaussians(seed: number): () => number {
  let state = seed >>> 0;
  const uniform = () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return (state + 1) / 4_294_967_297;
  };
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

function unitVector(next: () => number): Float32Array {
  const v = Float32Array.from({ length: DIMENSION }, next);
  const length = Math.hypot(...v);
  return v.map((x) => x / length);
}

async function measure(store: EmbeddedVectorStore, galleryId: string, topK: number, queries: Float32Array[]) {
  const latencies: number[] = [];
  for (let i = 0; i < WARM_UP + queries.length; i++) {
    const query = queries[i % queries.length];
    const started = performance.now();
    await store.search(query, { galleryId, modelId: 'bench', topK });
    if (i >= WARM_UP) latencies.push(performance.now() - started);
  }
  return { p50: round1(percentile(latencies, 50)), p95: round1(percentile(latencies, 95)) };
}

async function main(): Promise<void> {
  const next = gaussians(20_260_101);
  console.log(`embedded engine, exact search, ${DIMENSION}-d unit vectors, one gallery, node ${process.version}`);
  console.log('templates | upsert (ms) | queries | top-5 p50 / p95 (ms) | top-50 p50 / p95 (ms)');
  for (const size of SIZES) {
    const store = new EmbeddedVectorStore();
    const galleryId = randomUUID();
    let loadMs = 0;
    for (let done = 0; done < size; ) {
      const batch: VectorEntry[] = [];
      for (; batch.length < 1_000 && done < size; done++) {
        batch.push({ id: randomUUID(), personId: randomUUID(), galleryId, modelId: 'bench', vector: unitVector(next) });
      }
      const started = performance.now();
      await store.upsert(batch);
      loadMs += performance.now() - started;
    }
    const queries = Array.from({ length: QUERIES(size) }, () => unitVector(next));
    const top5 = await measure(store, galleryId, 5, queries);
    const top50 = await measure(store, galleryId, 50, queries);
    console.log(
      `${String(size).padStart(9)} | ${String(Math.round(loadMs)).padStart(11)} | ${String(queries.length).padStart(7)} | ` +
        `${`${top5.p50} / ${top5.p95}`.padStart(20)} | ${`${top50.p50} / ${top50.p95}`.padStart(21)}`,
    );
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
