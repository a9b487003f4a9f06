import { performance } from 'node:perf_hooks';
import { percentile } from './stats';

/** Per-stage wall-clock samples in ms, summarised as mean, median and 95th percentile. */
export class StageTimer {
  private readonly samples = new Map<string, number[]>();

  async time<T>(stage: string, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    const result = await work();
    const list = this.samples.get(stage) ?? [];
    list.push(performance.now() - started);
    this.samples.set(stage, list);
    return result;
  }

  summary(): Record<string, { mean: number; p50: number; p95: number; n: number }> {
    const out: Record<string, { mean: number; p50: number; p95: number; n: number }> = {};
    for (const [stage, list] of this.samples) {
      out[stage] = {
        mean: round(list.reduce((a, b) => a + b, 0) / list.length),
        p50: round(percentile(list, 50)),
        p95: round(percentile(list, 95)),
        n: list.length,
      };
    }
    return out;
  }
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
