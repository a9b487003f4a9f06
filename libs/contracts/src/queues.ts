/** Queue names: one queue per worker service. */
export const QUEUES = {
  detect: 'face-detect',
  embed: 'face-embed',
  match: 'face-match',
  voice: 'voice-embed',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** Redis key prefixes shared by producers and workers. */
export const REDIS_KEYS = {
  blob: 'blob:',
  /** Monotonic sequence of vector-index changes (INCR), read by producers as a freshness fence. */
  vectorSeq: 'vector:seq',
  /** Pub/sub channel carrying VectorChange messages to every matcher replica. */
  vectorChannel: 'vector:changes',
} as const;
