import pino, { type Logger } from 'pino';

/** One structured logger per process; children carry the service name and request ids. */
export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ name: service, level, base: { service } });
}

export type { Logger };
