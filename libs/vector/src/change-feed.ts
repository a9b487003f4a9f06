import type { Redis } from 'ioredis';
import { REDIS_KEYS, vectorChange, type VectorChange } from '@bio/contracts';

type WithoutSeq<T> = T extends unknown ? Omit<T, 'seq'> : never;
/** A change as its writer describes it; the broadcast assigns the seq. */
export type VectorChangeInput = WithoutSeq<VectorChange>;

/**
 * INCR and PUBLISH in one script, so the seq is taken and the message sent atomically:
 * subscribers receive messages in seq order, and a writer dying between the two cannot
 * leave a gap that every matcher replica would have to reload over. The seq is spliced
 * in front of the JSON object, which keeps the writer's JSON as it is.
 */
const PUBLISH_SCRIPT = `local seq = redis.call('INCR', KEYS[1])
redis.call('PUBLISH', ARGV[1], '{"seq":' .. seq .. ',' .. string.sub(ARGV[2], 2))
return seq`;

/**
 * Tells every matcher replica about a change already committed to Postgres. Returns the
 * change's seq, which a later identify can pass as minSeq to be sure to see it.
 */
export async function publishVectorChange(redis: Redis, change: VectorChangeInput): Promise<number> {
  const seq = await redis.eval(PUBLISH_SCRIPT, 1, REDIS_KEYS.vectorSeq, REDIS_KEYS.vectorChannel, JSON.stringify(change));
  return Number(seq);
}

/** The seq of the latest published change (0 before any). */
export async function currentVectorSeq(redis: Redis): Promise<number> {
  return Number((await redis.get(REDIS_KEYS.vectorSeq)) ?? 0);
}

export interface VectorChangeHandlers {
  onChange(change: VectorChange): void;
  /** The connection was lost and is back: messages sent meanwhile are gone. */
  onResubscribed(): void;
  onInvalid(reason: string): void;
}

/**
 * Listens for changes on `subscriber`, a connection of its own (a subscribed connection
 * can send no other command) that the caller closes to stop. Resolves once subscribed.
 */
export async function subscribeVectorChanges(subscriber: Redis, handlers: VectorChangeHandlers): Promise<void> {
  const onMessage = (channel: string, message: string) => {
    if (channel !== REDIS_KEYS.vectorChannel) return;
    let json: unknown;
    try {
      json = JSON.parse(message);
    } catch {
      handlers.onInvalid('message is not JSON');
      return;
    }
    const parsed = vectorChange.safeParse(json);
    if (parsed.success) handlers.onChange(parsed.data);
    else handlers.onInvalid(parsed.error.message);
  };
  // ioredis re-subscribes by itself after a reconnect, but emits 'ready' before that
  // SUBSCRIBE is answered. Subscribing again (a no-op for Redis) and awaiting the reply
  // tells when the channel is live again, so a reload started then misses nothing.
  // A failure means the connection dropped again, and its next 'ready' retries.
  const onReady = () => {
    subscriber.subscribe(REDIS_KEYS.vectorChannel).then(
      () => handlers.onResubscribed(),
      () => undefined,
    );
  };
  subscriber.on('message', onMessage);
  await subscriber.subscribe(REDIS_KEYS.vectorChannel);
  subscriber.on('ready', onReady);
}
