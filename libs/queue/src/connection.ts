import IORedis, { type Redis, type RedisOptions } from 'ioredis';

/**
 * Producers fail fast while Redis is down (no offline queue), so a request gets a 503
 * instead of hanging; workers and event listeners block and retry forever, as BullMQ requires.
 */
export function createRedis(url: string, role: 'producer' | 'worker'): Redis {
  const options: RedisOptions =
    role === 'producer'
      ? { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2_000, lazyConnect: false }
      : { maxRetriesPerRequest: null, enableReadyCheck: false };
  const redis = new IORedis(url, options);
  // ioredis reports connection errors as events; without a listener they become uncaught.
  redis.on('error', () => undefined);
  return redis;
}
