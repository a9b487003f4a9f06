import { performance } from 'node:perf_hooks';

/** Returns a lap function: milliseconds since the previous lap (or the start), to 0.01 ms. */
export function stopwatch(): () => number {
  let mark = performance.now();
  return () => {
    const now = performance.now();
    const ms = Math.round((now - mark) * 100) / 100;
    mark = now;
    return ms;
  };
}
