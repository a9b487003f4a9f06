import { Worker, type Job } from 'bullmq';
import type { z } from 'zod';
import { AppError, type QueueName } from '@bio/contracts';
import { loadEnv, type Env } from '@bio/config';
import { createLogger, type Logger } from '@bio/observability';
import { createRedis } from './connection';

export interface StageWorkerOptions<P extends z.ZodTypeAny> {
  queue: QueueName;
  redisUrl: string;
  payloadSchema: P;
  concurrency: number;
  logger: Logger;
  /** Bad input is answered as {ok:false,error}; anything else thrown fails the job. */
  handle: (payload: z.infer<P>, job: Job) => Promise<object>;
}

/** A BullMQ worker that validates its payload against the contract and maps AppError to a job result. */
export function startStageWorker<P extends z.ZodTypeAny>(options: StageWorkerOptions<P>): Worker {
  const connection = createRedis(options.redisUrl, 'worker');
  const worker = new Worker(
    options.queue,
    async (job) => {
      const parsed = options.payloadSchema.safeParse(job.data);
      if (!parsed.success) {
        return { ok: false, error: { code: 'VALIDATION_FAILED', message: `Bad ${options.queue} payload` } };
      }
      try {
        return await options.handle(parsed.data, job);
      } catch (err) {
        if (err instanceof AppError) return { ok: false, error: { code: err.code, message: err.message } };
        options.logger.error({ err, jobId: job.id }, 'job failed');
        throw err;
      }
    },
    { connection, concurrency: options.concurrency, name: options.queue },
  );
  // BullMQ leaves a connection it was handed open on close; this worker owns it.
  worker.on('closed', () => connection.disconnect());
  worker.on('error', (err) => options.logger.warn({ err: err.message }, 'worker connection error'));
  return worker;
}

/** Finishes running jobs and closes on SIGTERM/SIGINT. */
export function closeOnSignals(logger: Logger, closers: Array<() => Promise<unknown>>): void {
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    await Promise.allSettled(closers.map((close) => close()));
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

/** The entry point of a worker process: start the stage, close it on SIGTERM, exit non-zero if it cannot start. */
export function runWorkerProcess(
  service: string,
  start: (env: Env, logger: Logger) => Promise<Worker>,
): void {
  const logger = createLogger(service);
  start(loadEnv(), logger)
    .then((worker) => closeOnSignals(logger, [() => worker.close()]))
    .catch((err: unknown) => {
      logger.fatal({ err }, `${service} failed to start`);
      process.exit(1);
    });
}
