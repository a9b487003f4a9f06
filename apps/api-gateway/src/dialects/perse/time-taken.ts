/** Runs `work` and adds seed 001's time_taken: seconds spent on the call, to the millisecond. */
export async function withTimeTaken<T extends object>(work: () => Promise<T>): Promise<T & { time_taken: number }> {
  const started = process.hrtime.bigint();
  const body = await work();
  return { ...body, time_taken: Math.round(Number(process.hrtime.bigint() - started) / 1e6) / 1000 };
}
