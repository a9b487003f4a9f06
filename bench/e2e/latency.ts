/**
 * End-to-end latency and throughput of verify and identify through the real services
 * (gateway -> detector -> embedder -> matcher as separate processes over BullMQ), at
 * concurrency 1, 4 and 16, next to the models' own inference time on the same image,
 * measured in the same run, so the queue and HTTP overhead shows as a ratio.
 *
 *   npm run build && node scripts/run-ts.cjs bench/e2e/latency.ts
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadEnv } from '@bio/config';
import { decodeImage } from '@bio/imaging';
import { createLogger } from '@bio/observability';
import { alignFace, openFaceDetector } from '../../apps/detector/src';
import { FaceEmbedder } from '../../apps/embedder/src/face-embedder';
import { StageTimer } from '../support/stage-timer';
import { percentile, round1, runConcurrently } from '../support/stats';
import { startBuiltStack } from './stack-processes';

const DEEPFACE = resolve(__dirname, '../../../shared/data/faces/deepface');
const ENROL = [
  ['angelina', 'img1.jpg'], ['p13', 'img13.jpg'], ['p20', 'img20.jpg'], ['p16', 'img16.jpg'],
  ['p3', 'img3.jpg'], ['p22', 'img22.jpg'], ['p24', 'img24.jpg'], ['p18', 'img18.jpg'],
] as const;
const PROBE = 'img2.jpg';
const LEVELS = [
  { concurrency: 1, requests: 20 },
  { concurrency: 4, requests: 40 },
  { concurrency: 16, requests: 64 },
];

const photo = (name: string) => readFileSync(resolve(DEEPFACE, name));

async function modelInferenceMs(image: Buffer, reps: number) {
  const env = loadEnv();
  const logger = createLogger('bench', 'warn');
  const { detector, close } = await openFaceDetector(env, logger);
  const embedder = await FaceEmbedder.open(env, logger);
  const pass = async (timer: StageTimer) => {
    const rgb = await timer.time('decode', () => decodeImage(image, { maxPixels: env.IMAGE_MAX_PIXELS }));
    const [face] = await timer.time('detect', () => detector.detect(rgb));
    const crop = await timer.time('align', () => alignFace(rgb, face!.landmarks));
    await timer.time('embed', () => embedder.embed([crop.data]));
  };
  for (let i = 0; i < 2; i++) await pass(new StageTimer()); // warm-up
  const timer = new StageTimer();
  for (let i = 0; i < reps; i++) await pass(timer);
  await Promise.all([close(), embedder.close()]);
  const summary = timer.summary();
  const p50 = (stage: string) => round1(summary[stage]!.p50);
  const stages = { decode: p50('decode'), detect: p50('detect'), align: p50('align'), embed: p50('embed') };
  return { ...stages, total: round1(stages.decode + stages.detect + stages.align + stages.embed) };
}

async function main(): Promise<void> {
  const probe = photo(PROBE);
  const models = await modelInferenceMs(probe, 10);
  console.log(`model inference on ${PROBE} (p50 ms, in-process): ${JSON.stringify(models)}`);

  const stack = await startBuiltStack(3917);
  try {
    const json = async (path: string, init: RequestInit & { body?: string }) => {
      const res = await fetch(`${stack.baseUrl}${path}`, init);
      const body = (await res.json()) as Record<string, unknown>;
      if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
      return body;
    };
    const created = await json('/admin/clients', {
      method: 'POST', headers: { 'x-admin-key': stack.adminKey, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'bench' }),
    });
    await json(`/admin/clients/${String(created.client_id)}/quota`, {
      method: 'PUT', headers: { 'x-admin-key': stack.adminKey, 'content-type': 'application/json' },
      body: JSON.stringify({ n_api_hits: 1_000_000, n_face: 10_000, n_facegallery: 10 }),
    });
    const token = await json('/oauth/token', {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials', client_id: created.client_id, client_secret: created.client_secret }),
    });
    const headers = { Accesstoken: String(token.access_token), 'content-type': 'application/json' };
    const call = (path: string, body: object) => json(`/face-api/${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    await call('client/register', {});
    for (const [userId, file] of ENROL) await call('facegallery/enroll-face', { user_id: userId, user_name: userId, image: photo(file).toString('base64') });

    const image = probe.toString('base64');
    const operations = {
      verify: () => call('facegallery/verify-face', { user_id: 'angelina', image }),
      identify: () => call('facegallery/identify-face', { image }),
    };
    const rows: Array<Record<string, number | string>> = [];
    for (const [op, run] of Object.entries(operations)) {
      await run(); // warm-up
      for (const level of LEVELS) {
        const { latencies, wallMs } = await runConcurrently(level.requests, level.concurrency, async () => {
          await run();
        });
        const p50 = percentile(latencies, 50);
        rows.push({
          op,
          concurrency: level.concurrency,
          requests: level.requests,
          p50_ms: round1(p50),
          p95_ms: round1(percentile(latencies, 95)),
          throughput_rps: round1((level.requests / wallMs) * 1000),
          p50_over_model_time: round1(p50 / models.total),
        });
      }
    }
    console.table(rows);
    const out = resolve(__dirname, '../results');
    mkdirSync(out, { recursive: true });
    const file = resolve(out, `e2e-latency-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, JSON.stringify({ probe: PROBE, gallerySize: ENROL.length, modelInferenceP50Ms: models, rows }, null, 2));
    console.log(`written ${file}`);
  } finally {
    await stack.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
