import { Injectable } from '@nestjs/common';
import { FacePipeline } from '../../pipeline/face-pipeline.service';
import { ScoringService } from '../../scoring/scoring.service';
import { FindFaceFaceSelection, type Selection } from './findface-face-selection';
import { bboxOf } from './findface-faces';
import type { Bbox } from './findface-params';

export interface PairResult {
  bbox1: Bbox;
  bbox2: Bbox;
  confidence: number;
  verified?: boolean;
}

export interface VerifyAnswer {
  results: PairResult[];
  verified?: boolean;
}

export interface VerifyRequest {
  photo1: Buffer;
  photo2: Buffer;
  selection1: Selection;
  selection2: Selection;
  /** null is `none`: confidences only, no verdicts. */
  threshold: number | null;
}

/** /v1/verify: every chosen face of photo1 against every chosen face of photo2, confidence on the findface scale. */
@Injectable()
export class FindFaceVerifyService {
  constructor(
    private readonly selection: FindFaceFaceSelection,
    private readonly pipeline: FacePipeline,
    private readonly scoring: ScoringService,
  ) {}

  async verify(request: VerifyRequest): Promise<VerifyAnswer> {
    const first = await this.selection.select(request.photo1, 'photo1', request.selection1);
    try {
      const second = await this.selection.select(request.photo2, 'photo2', request.selection2);
      try {
        const results: PairResult[] = [];
        for (const a of first.chosen) {
          for (const b of second.chosen) {
            const confidence = this.scoring.similarity(await this.pipeline.compare(a, b), a.modelId, 'findface');
            const pair: PairResult = { bbox1: bboxOf(a.face), bbox2: bboxOf(b.face), confidence };
            if (request.threshold !== null) pair.verified = confidence >= request.threshold;
            results.push(pair);
          }
        }
        return request.threshold === null ? { results } : { results, verified: this.everyFirstFaceMatched(results, first.chosen.length) };
      } finally {
        await this.selection.release([second]);
      }
    } finally {
      await this.selection.release([first]);
    }
  }

  /** The reference: the photos verify when each face on the first has a match on the second. */
  private everyFirstFaceMatched(results: PairResult[], firstCount: number): boolean {
    const perFirst = results.length / firstCount;
    for (let i = 0; i < firstCount; i++) {
      if (!results.slice(i * perFirst, (i + 1) * perFirst).some((pair) => pair.verified)) return false;
    }
    return true;
  }
}
