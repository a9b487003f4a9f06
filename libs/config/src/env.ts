import { resolve } from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');
const int = (def: number, min = 0) => z.coerce.number().int().min(min).default(def);

/** Every setting of every process, with its default. Parsed once per process; a bad value stops start-up. */
export const envSchema = z.object({
  NODE_ENV: z.string().default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PORT: int(3000, 1),
  DATABASE_URL: z.string().url().default('postgresql://postgres@127.0.0.1:5432/biometrics'),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  /** Operator key for /admin; admin calls are refused while it is unset. */
  ADMIN_API_KEY: z.string().min(16).optional(),
  /** 32-byte key (hex or base64) that encrypts client secrets at rest. */
  SECRET_ENCRYPTION_KEY: z.string().min(32).optional(),
  ACCESS_TOKEN_TTL_SECONDS: int(3600, 60),
  BODY_LIMIT_BYTES: int(15 * 1024 * 1024, 1024),
  IMAGE_MAX_BYTES: int(10 * 1024 * 1024, 1024),
  IMAGE_MAX_PIXELS: int(40_000_000, 10_000),
  MIN_FACE_SIZE: int(50, 1),
  MAX_TEMPLATES_PER_USER: int(10, 1),
  DEFAULT_QUOTA_API_HITS: int(10_000),
  DEFAULT_QUOTA_FACES: int(1_000),
  DEFAULT_QUOTA_GALLERIES: int(10),
  /** Deadline for one worker stage, after which the gateway answers 503 WORKER_TIMEOUT. */
  JOB_TIMEOUT_MS: int(20_000, 100),
  BLOB_TTL_SECONDS: int(120, 5),
  MODELS_DIR: z.string().default('models/files'),
  MODEL_MANIFEST: z.string().default('models/manifest.json'),
  /** onnxruntime execution provider: cuda falls back to cpu with a log line when unavailable. */
  INFERENCE_PROVIDER: z.enum(['cpu', 'cuda']).default('cpu'),
  INFERENCE_THREADS: int(0),
  /** Replacement ONNX files per model slot; each must follow the slot's I/O contract in models/manifest.json. */
  FACE_DETECT_FRONT_MODEL_PATH: z.string().min(1).optional(),
  FACE_DETECT_BACK_MODEL_PATH: z.string().min(1).optional(),
  FACE_EMBED_MODEL_PATH: z.string().min(1).optional(),
  MASK_MODEL_PATH: z.string().min(1).optional(),
  LIVENESS_MODEL_PATH: z.string().min(1).optional(),
  FACE_ATTRIBUTES_MODEL_PATH: z.string().min(1).optional(),
  EMOTION_MODEL_PATH: z.string().min(1).optional(),
  /** Replacement Silero-VAD-compatible ONNX file (slot voice-activity). */
  VAD_MODEL_PATH: z.string().min(1).optional(),
  /** Replacement speaker-embedding ONNX file (slot speaker-embedder): WeSpeaker / 3D-Speaker export contract, feats [B,T,80] -> embs [B,D]. */
  SPEAKER_MODEL_PATH: z.string().min(1).optional(),
  /** Seconds of speech (after voice-activity detection) a recording must hold to be compared or enrolled. */
  MIN_SPEECH_SECONDS: z.coerce.number().positive().default(1.0),
  /** Longest recording accepted, in seconds; longer ones are refused from their header before decoding where possible. */
  AUDIO_MAX_SECONDS: z.coerce.number().positive().default(60),
  /** Byte limit of one uploaded recording (10 MiB holds about 5 minutes of 16 kHz 16-bit WAV). */
  AUDIO_MAX_BYTES: int(10 * 1024 * 1024, 1024),
  /** Input convention of a replacement embedder; each unset one keeps the manifest's value. */
  FACE_EMBED_CHANNEL_ORDER: z.enum(['rgb', 'bgr']).optional(),
  FACE_EMBED_INPUT_MEAN: z.coerce.number().optional(),
  FACE_EMBED_INPUT_STD: z.coerce.number().positive().optional(),
  CALIBRATION_DIR: z.string().default('models/calibration'),
  /** Native-scale (0..1) similarity at or above which `verified` is true; 0.75 stands for FAR 1e-3. */
  VERIFY_THRESHOLD: z.coerce.number().min(0).max(1).default(0.75),
  /** Similarity the two faces of enroll-face-ktp must reach when the request names none. */
  KTP_MIN_SIMILARITY: z.coerce.number().min(0).max(1).default(0.75),
  /** Mask probability at or above which a face counts as masked (the trained model's operating point). */
  MASK_THRESHOLD: z.coerce.number().min(0).max(1).default(0.5),
  /** Liveness score below which a face is probably not live. Experimental: 0.45 lets 97 % of live faces pass (bench/liveness); its effect on attacks is unmeasured. */
  LIVENESS_THRESHOLD: z.coerce.number().min(0).max(1).default(0.45),
  VECTOR_ENGINE: z.enum(['embedded', 'qdrant']).default('embedded'),
  QDRANT_URL: z.string().url().optional(),
  WORKER_CONCURRENCY: int(1, 1),
  /** Calls per second one client may make to a rate-limited API (ADVANCE check), shared by every gateway replica through Redis; bursts up to the same number. */
  RATE_LIMIT_PER_SECOND: z.coerce.number().positive().default(10),
  AUTO_MIGRATE: bool.default(true),
  /** Comma-separated host names the FindFace-style API may fetch a `photo` URL from; empty refuses every URL. */
  FINDFACE_PHOTO_URL_ALLOWLIST: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean)),
  /** Tests only: lets an allow-listed host resolve to a loopback or private address (a local test server). */
  FINDFACE_PHOTO_URL_ALLOW_PRIVATE: bool.default(false),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

/** The parsed environment of this process. Throws with every bad variable named. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  if (source === process.env && cached) return cached;
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  if (source === process.env) cached = parsed.data;
  return parsed.data;
}

/**
 * The environment with its file paths resolved against `root` instead of the working
 * directory, for scripts and tests that may be started from any folder.
 */
export function loadEnvAt(root: string, source: NodeJS.ProcessEnv = process.env): Env {
  const env = loadEnv(source);
  return {
    ...env,
    MODEL_MANIFEST: resolve(root, env.MODEL_MANIFEST),
    MODELS_DIR: resolve(root, env.MODELS_DIR),
    CALIBRATION_DIR: resolve(root, env.CALIBRATION_DIR),
  };
}
