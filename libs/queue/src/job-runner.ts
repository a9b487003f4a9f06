import { Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import type { z } from 'zod';
import { AppError, type QueueName } from '@bio/contracts';

interface RunnerOptions {
  redisUrl: string;
  producer: Redis;
  timeoutMs: number;
  createEventsConnection: () => Redis;
}

/**
 * The producer side of a worker stage: validates the payload against the contract,
 * enqueues, and awaits the result with a deadline. A stage with no live worker fails at
 * once with WORKER_UNAVAILABLE; one that does not answer in time with WORKER_TIMEOUT.
 */
export class JobRunner {
  private readonly queues = new Map<QueueName, { queue: Queue; events: QueueEvents; eventsConnection: Redis }>();
  private readonly workersSeen = new Map<QueueName, number>();

  constructor(private readonly options: RunnerOptions) {}

  async run<P extends z.ZodTypeAny, R extends z.ZodTypeAny>(
    queueName: QueueName,
    payloadSchema: P,
    resultSchema: R,
    payload: z.input<P>,
  ): Promise<z.infer<R>> {
    const data = payloadSchema.parse(payload);
    // BullMQ waits for a connection to come up rather than failing; a request must not.
    if (this.options.producer.status !== 'ready') {
      throw new AppError('SERVICE_UNAVAILABLE', `Redis unreachable (connection ${this.options.producer.status})`);
    }
    const { queue, events } = this.stage(queueName);
    await this.requireWorker(queueName, queue);
    let job;
    try {
      job = await queue.add(queueName, data, { removeOnComplete: { age: 60 }, removeOnFail: { age: 600 } });
    } catch (err) {
      throw new AppError('SERVICE_UNAVAILABLE', `Queue ${queueName} unreachable: ${(err as Error).message}`);
    }
    let value: unknown;
    try {
      value = await job.waitUntilFinished(events, this.options.timeoutMs);
    } catch (err) {
      const message = (err as Error).message ?? '';
      if (/timed out/i.test(message)) {
        // Nothing downstream persists from a late result, so dropping it leaves nothing half-done.
        await job.remove().catch(() => undefined);
        throw new AppError('WORKER_TIMEOUT', `Stage ${queueName} did not answer within ${this.options.timeoutMs} ms`);
      }
      throw new AppError('SERVICE_UNAVAILABLE', `Stage ${queueName} failed: ${message}`);
    }
    const parsed = resultSchema.safeParse(value);
    if (!parsed.success) throw new AppError('INTERNAL_ERROR', `Stage ${queueName} broke its result contract`);
    return parsed.data;
  }

  /** Live worker counts per stage, as seen by Redis (for /health). */
  async workerCounts(names: QueueName[]): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const name of names) counts[name] = (await this.stage(name).queue.getWorkers()).length;
    return counts;
  }

  async close(): Promise<void> {
    for (const { queue, events, eventsConnection } of this.queues.values()) {
      await Promise.allSettled([queue.close(), events.close()]);
      // BullMQ leaves connections it was handed open; the runner created this one.
      eventsConnection.disconnect();
    }
    this.queues.clear();
  }

  private stage(name: QueueName): { queue: Queue; events: QueueEvents } {
    let entry = this.queues.get(name);
    if (!entry) {
      const eventsConnection = this.options.createEventsConnection();
      entry = {
        queue: new Queue(name, { connection: this.options.producer }),
        events: new QueueEvents(name, { connection: eventsConnection }),
        eventsConnection,
      };
      // Every job awaited concurrently holds one 'closing' listener until it settles.
      entry.queue.setMaxListeners(0);
      entry.queue.on('error', () => undefined);
      entry.events.on('error', () => undefined);
      this.queues.set(name, entry);
    }
    return entry;
  }

  /** Checks at most once a second that some worker listens on the stage. */
  private async requireWorker(name: QueueName, queue: Queue): Promise<void> {
    const now = Date.now();
    if (now - (this.workersSeen.get(name) ?? 0) < 1_000) return;
    let count: number;
    try {
      count = (await queue.getWorkers()).length;
    } catch (err) {
      throw new AppError('SERVICE_UNAVAILABLE', `Redis unreachable: ${(err as Error).message}`);
    }
    if (count === 0) throw new AppError('WORKER_UNAVAILABLE', `No ${name} worker is running`);
    this.workersSeen.set(name, now);
  }
}
