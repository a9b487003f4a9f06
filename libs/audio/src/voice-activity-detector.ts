import type { Env } from '@bio/config';
import { openModel, type OnnxModel } from '@bio/inference';
import type { Logger } from '@bio/observability';
import { SPEECH_SAMPLE_RATE } from './decode-audio';
import { DEFAULT_SPEECH_SEGMENT_OPTIONS, speechSegments, type SpeechSegmentOptions } from './speech-segments';

export const VOICE_ACTIVITY_SLOT = 'voice-activity';

/** Silero VAD v5 at 16 kHz: 512 new samples per call, preceded by the previous call's last 64. */
const WINDOW = 512;
const CONTEXT = 64;
const STATE_SIZE = 2 * 1 * 128;

export type VadEnv = Pick<Env, 'MODEL_MANIFEST' | 'MODELS_DIR' | 'INFERENCE_PROVIDER' | 'INFERENCE_THREADS' | 'VAD_MODEL_PATH'>;

export interface SpeechRegions {
  /** [start, end) in samples of the 16 kHz signal. */
  segments: Array<[number, number]>;
  speechSeconds: number;
}

/** Silero VAD (ONNX, slot voice-activity) with hysteresis over its 32 ms window probabilities. */
export class VoiceActivityDetector {
  private constructor(
    private readonly model: OnnxModel,
    private readonly options: SpeechSegmentOptions,
  ) {}

  static async open(env: VadEnv, logger: Logger, options: Partial<SpeechSegmentOptions> = {}): Promise<VoiceActivityDetector> {
    const { model } = await openModel(env, VOICE_ACTIVITY_SLOT, env.VAD_MODEL_PATH, logger);
    return new VoiceActivityDetector(model, { ...DEFAULT_SPEECH_SEGMENT_OPTIONS, ...options });
  }

  /** Speech probability of each 512-sample window (the last one zero-padded). */
  async probabilities(samples16k: Float32Array): Promise<Float32Array> {
    const windows = Math.ceil(samples16k.length / WINDOW);
    const probabilities = new Float32Array(windows);
    const sr = { data: BigInt64Array.from([BigInt(SPEECH_SAMPLE_RATE)]), dims: [] };
    let state: Float32Array = new Float32Array(STATE_SIZE);
    for (let w = 0; w < windows; w++) {
      // Context and window are contiguous in the signal, so one zero-padded copy holds both.
      const input = new Float32Array(CONTEXT + WINDOW);
      const from = w * WINDOW - CONTEXT;
      input.set(samples16k.subarray(Math.max(0, from), Math.min(samples16k.length, from + CONTEXT + WINDOW)), Math.max(0, -from));
      const out = await this.model.run({
        input: { data: input, dims: [1, CONTEXT + WINDOW] },
        state: { data: state, dims: [2, 1, 128] },
        sr,
      });
      probabilities[w] = out['output']!.data[0]!;
      state = out['stateN']!.data;
    }
    return probabilities;
  }

  async speech(samples16k: Float32Array): Promise<SpeechRegions> {
    const probabilities = await this.probabilities(samples16k);
    const segments = speechSegments(probabilities, WINDOW, samples16k.length, SPEECH_SAMPLE_RATE, this.options);
    const samples = segments.reduce((sum, [s, e]) => sum + e - s, 0);
    return { segments, speechSeconds: samples / SPEECH_SAMPLE_RATE };
  }

  /** The speech regions (padded as in `speech`) joined, silence dropped. */
  async keepSpeech(samples16k: Float32Array): Promise<Float32Array> {
    const { segments } = await this.speech(samples16k);
    const out = new Float32Array(segments.reduce((sum, [s, e]) => sum + e - s, 0));
    let at = 0;
    for (const [s, e] of segments) {
      out.set(samples16k.subarray(s, e), at);
      at += e - s;
    }
    return out;
  }

  async close(): Promise<void> {
    await this.model.close();
  }
}
