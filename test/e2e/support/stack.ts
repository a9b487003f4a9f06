import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type { Worker } from 'bullmq';
import request from 'supertest';
import { loadEnv, type Env } from '@bio/config';
import { createLogger } from '@bio/observability';
import { createTestDatabase, type TestDatabase } from '../../../libs/db/test/test-database';
import { createDetectorWorker } from '../../../apps/detector/src/detector-worker';
import { createEmbedderWorker } from '../../../apps/embedder/src/embedder-worker';
import { createMatcherWorker } from '../../../apps/matcher/src/matcher-worker';
import { createVoiceWorker } from '../../../apps/voice/src/voice-worker';
import { createGatewayApp } from '../../../apps/api-gateway/src/app.factory';

export const ADMIN_KEY = 'e2e-admin-key-0123456789abcdef';

type WorkerName = 'detector' | 'embedder' | 'matcher' | 'voice';

export interface Stack {
  env: Env;
  app: INestApplication;
  http: () => ReturnType<typeof request>;
  workers: Record<WorkerName, Worker>;
  /** Stops the worker and starts it again, with `overrides` on the stack's configuration (another model, say). */
  restartWorker(name: WorkerName, overrides?: Partial<Env>): Promise<void>;
  close(): Promise<void>;
}

/**
 * The real system in one process: a fresh PostgreSQL database with the migrations applied,
 * real BullMQ workers with the real models on the local Redis, and the gateway over HTTP.
 */
export async function startStack(overrides: Record<string, string> = {}): Promise<Stack> {
  const database: TestDatabase = await createTestDatabase();
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    ADMIN_API_KEY: ADMIN_KEY,
    SECRET_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'silent',
    ...overrides,
  });
  const env = loadEnv();
  const logger = createLogger('e2e', 'silent');
  const factories = {
    detector: (e: Env) => createDetectorWorker(e, logger),
    embedder: (e: Env) => createEmbedderWorker(e, logger),
    matcher: (e: Env) => createMatcherWorker(e, logger),
    voice: (e: Env) => createVoiceWorker(e, logger),
  };
  // What started is stopped again when a later part fails (a model missing, say), or its
  // BullMQ workers would keep the test process alive and take other runs' jobs.
  const started: Partial<Record<WorkerName, Worker>> = {};
  let app: INestApplication;
  try {
    for (const name of Object.keys(factories) as WorkerName[]) started[name] = await factories[name](env);
    app = await createGatewayApp(env);
    await app.init();
  } catch (err) {
    await Promise.allSettled(Object.values(started).map((w) => w.close()));
    await database.drop();
    throw err;
  }
  const workers = started as Record<WorkerName, Worker>;
  const server = app.getHttpServer();
  return {
    env,
    app,
    workers,
    http: () => request(server),
    async restartWorker(name, overrides = {}) {
      await workers[name].close();
      workers[name] = await factories[name]({ ...env, ...overrides });
    },
    async close() {
      await app.close();
      await Promise.allSettled(Object.values(workers).map((w) => w.close()));
      await database.drop();
    },
  };
}

/** An operator creates a client; the client exchanges its credentials for an access token. */
export async function newClient(stack: Stack, name: string): Promise<{ clientId: string; token: string; apiKey: string }> {
  const created = await stack.http().post('/admin/clients').set('x-admin-key', ADMIN_KEY).send({ name }).expect(201);
  const { client_id: clientId, client_secret: clientSecret, api_key: apiKey } = created.body as Record<string, string>;
  const token = await stack
    .http()
    .post('/oauth/token')
    .send({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret })
    .expect(200);
  return { clientId: clientId!, apiKey: apiKey!, token: (token.body as { access_token: string }).access_token };
}
