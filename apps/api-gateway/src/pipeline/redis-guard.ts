import { AppError } from '@bio/contracts';

/** Runs Redis work of a request; Redis being unreachable is the service's fault (503), never a 500. */
export async function withRedis<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('SERVICE_UNAVAILABLE', `Redis unreachable: ${(err as Error).message}`);
  }
}
