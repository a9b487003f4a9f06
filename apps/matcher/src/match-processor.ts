import { AppError, type MatchResult, type matchPayload } from '@bio/contracts';
import { bufferToFloat32, type BlobStore } from '@bio/queue';
import { cosine, type TemplateSource } from '@bio/vector';
import type { z } from 'zod';
import type { IndexSync } from './index-sync';
import { rankPersons } from './person-ranking';
import { stopwatch } from '@bio/observability';

/**
 * How long an identify waits for the change its caller wrote before loading the index
 * from Postgres instead. A broadcast arrives in milliseconds; this bounds what a lost one
 * costs a request, well inside the gateway's stage deadline.
 */
export const SEQ_WAIT_MS = 2_000;

export interface MatchProcessorDeps {
  blobs: Pick<BlobStore, 'get'>;
  source: Pick<TemplateSource, 'templatesOfPerson'>;
  index: Pick<IndexSync, 'store' | 'catchUp'>;
  /** A person has at most this many templates (MAX_TEMPLATES_PER_USER). */
  maxTemplatesPerPerson: number;
}

export type MatchProcessor = (payload: z.infer<typeof matchPayload>) => Promise<MatchResult>;

/** Verify (1:1), identify (1:N) and compare on embedding blobs; scores are raw cosines. */
export function createMatchProcessor(deps: MatchProcessorDeps): MatchProcessor {
  const readEmbedding = async (key: string): Promise<Float32Array> => {
    const bytes = await deps.blobs.get(key);
    if (bytes.byteLength === 0 || bytes.byteLength % 4 !== 0) {
      throw new AppError('VALIDATION_FAILED', `Blob ${key} is not a float32 embedding`);
    }
    return bufferToFloat32(bytes);
  };

  return async (payload): Promise<MatchResult> => {
    const lap = stopwatch();
    switch (payload.op) {
      case 'verify': {
        const probe = await readEmbedding(payload.embeddingKey);
        const read = lap();
        // From the source, not the index: 1:1 must see a template enrolled a moment ago.
        // A person lives in one gallery, which the gateway resolved it in.
        const templates = await deps.source.templatesOfPerson(payload.personId, payload.modelId);
        const load = lap();
        const matches =
          templates.length === 0
            ? []
            : [{ personId: payload.personId, score: Math.max(...templates.map((t) => cosine(probe, t))) }];
        return { ok: true, matches, timings: { read, load, match: lap() } };
      }
      case 'identify': {
        const probe = await readEmbedding(payload.embeddingKey);
        const read = lap();
        if (!(await deps.index.catchUp(payload.minSeq, SEQ_WAIT_MS))) {
          throw new AppError('SERVICE_UNAVAILABLE', `The vector index could not reach change ${payload.minSeq}`);
        }
        const wait = lap();
        // Enough templates that the best template of each of the topK best persons is among them.
        const hits = await deps.index.store.search(probe, {
          galleryId: payload.galleryId,
          modelId: payload.modelId,
          topK: payload.topK * deps.maxTemplatesPerPerson,
        });
        const matches = rankPersons(hits).slice(0, payload.topK);
        return { ok: true, matches, timings: { read, wait, search: lap() } };
      }
      case 'compare': {
        const [a, b] = await Promise.all(payload.embeddingKeys.map(readEmbedding));
        const read = lap();
        return { ok: true, matches: [{ personId: null, score: cosine(a, b) }], timings: { read, match: lap() } };
      }
    }
  };
}
