import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { applyMigrations } from '@bio/db';

const ROOT = resolve(__dirname, '../..');
const SERVICES = ['detector', 'embedder', 'matcher', 'api-gateway'] as const;

export interface RunningStack {
  baseUrl: string;
  adminKey: string;
  stop(): Promise<void>;
}

/**
 * The built services as separate processes, as `npm start` runs them, on a database of
 * their own. Requires `npm run build` first.
 */
export async function startBuiltStack(port: number): Promise<RunningStack> {
  const dbName = `bio_bench_${randomBytes(4).toString('hex')}`;
  const databaseUrl = `postgresql://postgres@127.0.0.1:5432/${dbName}`;
  await applyMigrations(databaseUrl);
  const adminKey = randomBytes(24).toString('base64url');
  const env = {
    ...process.env,
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    ADMIN_API_KEY: adminKey,
    SECRET_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'warn',
  };
  const children: ChildProcess[] = SERVICES.map((name) =>
    spawn('node', [resolve(ROOT, 'apps', name, 'dist', 'main.js')], { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] }),
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await Promise.all(
      children.map((child) =>
        child.exitCode !== null ? undefined : new Promise<void>((done) => { child.once('exit', () => done()); child.kill('SIGTERM'); }),
      ),
    );
    const admin = new Client({ connectionString: 'postgresql://postgres@127.0.0.1:5432/postgres' });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.end();
  };
  try {
    await waitForHealth(baseUrl, 120_000);
  } catch (err) {
    await stop();
    throw err;
  }
  return { baseUrl, adminKey, stop };
}

async function waitForHealth(baseUrl: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${baseUrl}/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`Stack at ${baseUrl} not healthy within ${timeoutMs} ms`);
}
