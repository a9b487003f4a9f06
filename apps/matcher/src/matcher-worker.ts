import type { Worker } from 'bullmq';
import type { Env } from '@bio/config';
import { QUEUES, matchPayload } from '@bio/contracts';
import { createPrismaClient, TemplateRepository } from '@bio/db';
import type { Logger } from '@bio/observability';
import { BlobStore, createRedis, startStageWorker } from '@bio/queue';
import {
  EmbeddedVectorStore,
  currentVectorSeq,
  subscribeVectorChanges,
  type TemplateSource,
} from '@bio/vector';
import { IndexSync } from './index-sync';
import { createMatchProcessor } from './match-processor';

type MatcherEnv = Pick<
  Env,
  'REDIS_URL' | 'DATABASE_URL' | 'BLOB_TTL_SECONDS' | 'WORKER_CONCURRENCY' | 'VECTOR_ENGINE' | 'MAX_TEMPLATES_PER_USER'
>;

export interface MatcherDeps {
  /** Where templates are read from; Postgres (libs/db) unless given. */
  source?: TemplateSource;
}

function openSource(env: MatcherEnv, deps: MatcherDeps): { source: TemplateSource; close: () => Promise<void> } {
  if (deps.source) return { source: deps.source, close: async () => undefined };
  const prisma = createPrismaClient(env.DATABASE_URL);
  return { source: new TemplateRepository(prisma), close: () => prisma.$disconnect() };
}

/**
 * The match stage on QUEUES.match. Resolves once the index is loaded and the worker
 * listens; closing the returned worker also releases the subscription, the Redis
 * connections and the database client.
 */
export async function createMatcherWorker(env: MatcherEnv, logger: Logger, deps: MatcherDeps = {}): Promise<Worker> {
  if (env.VECTOR_ENGINE !== 'embedded') {
    throw new Error(`VECTOR_ENGINE=${env.VECTOR_ENGINE} has no adapter yet; only "embedded" is available`);
  }
  const { source, close: closeSource } = openSource(env, deps);
  const redis = createRedis(env.REDIS_URL, 'worker');
  const subscriber = createRedis(env.REDIS_URL, 'worker');
  const release = () => Promise.allSettled([closeSource(), redis.quit(), subscriber.quit()]);
  const index = new IndexSync({
    source,
    createStore: () => new EmbeddedVectorStore(),
    currentSeq: () => currentVectorSeq(redis),
    logger,
  });
  try {
    await subscribeVectorChanges(subscriber, {
      onChange: (change) => index.apply(change),
      onResubscribed: () => void index.reload('subscription restored'),
      onInvalid: (reason) => logger.warn({ reason }, 'ignored a malformed vector change'),
    });
    await index.start();
  } catch (err) {
    await release();
    throw err;
  }
  const processor = createMatchProcessor({
    blobs: new BlobStore(redis, env.BLOB_TTL_SECONDS),
    source,
    index,
    maxTemplatesPerPerson: env.MAX_TEMPLATES_PER_USER,
  });
  const worker = startStageWorker({
    queue: QUEUES.match,
    redisUrl: env.REDIS_URL,
    payloadSchema: matchPayload,
    concurrency: env.WORKER_CONCURRENCY,
    logger,
    handle: (payload) => processor(payload),
  });
  worker.on('closed', () => void release());
  logger.info({ queue: QUEUES.match, concurrency: env.WORKER_CONCURRENCY, seq: index.appliedSeq }, 'matcher worker started');
  return worker;
}
