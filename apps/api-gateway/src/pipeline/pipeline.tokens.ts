/** The gateway's fail-fast Redis connection (no offline queue). */
export const PRODUCER_REDIS = Symbol('PRODUCER_REDIS');
