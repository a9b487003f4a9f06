import { AppError, type VoiceEmbedPayload, type VoiceEmbedResult } from '@bio/contracts';
import { decodeSpeech, logMelFbank, SPEECH_SAMPLE_RATE, subtractMean, type Fbank, type VoiceActivityDetector } from '@bio/audio';
import { concatFloat32 } from '@bio/inference';
import { stopwatch } from '@bio/observability';
import { float32ToBuffer, type BlobStore } from '@bio/queue';

/** A speaker-embedding model: mean-normalised 80-bin log-mel fbank in, L2-normalised embedding out. */
export interface SpeakerModel {
  readonly modelId: string;
  embed(fbank: Fbank): Promise<Float32Array>;
}

export interface VoiceProcessorDeps {
  blobs: Pick<BlobStore, 'get' | 'put'>;
  vad: Pick<VoiceActivityDetector, 'keepSpeech'>;
  speaker: SpeakerModel;
  /** Longest audio one job takes, all its recordings together. */
  maxSeconds: number;
}

export type VoiceProcessor = (payload: VoiceEmbedPayload) => Promise<VoiceEmbedResult>;

/**
 * One voice job: each recording decoded to 16 kHz mono, its speech kept (VAD), the speech of
 * all recordings joined, then fbank, mean normalisation and one speaker embedding. Less
 * speech than the job's minimum is bad input (NOT_ENOUGH_SPEECH), as are undecodable files.
 */
export function createVoiceProcessor(deps: VoiceProcessorDeps): VoiceProcessor {
  return async (payload) => {
    const recordings = await Promise.all(payload.blobKeys.map((key) => deps.blobs.get(key)));
    const lap = stopwatch();
    const signals: Float32Array[] = [];
    let samplesLeft = deps.maxSeconds * SPEECH_SAMPLE_RATE;
    for (const bytes of recordings) {
      const signal = await decodeSpeech(bytes, { maxSeconds: samplesLeft / SPEECH_SAMPLE_RATE });
      samplesLeft -= signal.length;
      signals.push(signal);
    }
    const decode = lap();
    const speech = concatFloat32(await Promise.all(signals.map((signal) => deps.vad.keepSpeech(signal))));
    const vad = lap();
    const audioSeconds = signals.reduce((n, s) => n + s.length, 0) / SPEECH_SAMPLE_RATE;
    const speechSeconds = speech.length / SPEECH_SAMPLE_RATE;
    if (speechSeconds < payload.minSpeechSeconds) {
      throw new AppError(
        'NOT_ENOUGH_SPEECH',
        `Found ${speechSeconds.toFixed(2)} s of speech in ${audioSeconds.toFixed(2)} s of audio; at least ${payload.minSpeechSeconds} s is needed`,
        { speechSeconds, minSpeechSeconds: payload.minSpeechSeconds },
      );
    }
    const fbank = subtractMean(logMelFbank(speech));
    const features = lap();
    const embedding = await deps.speaker.embed(fbank);
    const embed = lap();
    const embeddingKey = await deps.blobs.put(float32ToBuffer(embedding), 'voice');
    return {
      ok: true,
      modelId: deps.speaker.modelId,
      dimension: embedding.length,
      embeddingKey,
      audioSeconds,
      speechSeconds,
      timings: { decode, vad, features, embed },
    };
  };
}
