import { Injectable } from '@nestjs/common';
import { AppError, type DetectedFace, type FaceAnalysis } from '@bio/contracts';
import { PersonRepository } from '@bio/db';
import { FacePipeline, type EmbeddedFace } from '../../pipeline/face-pipeline.service';
import type { ScaleName } from '../../scoring/score-scales';
import { ScoringService } from '../../scoring/scoring.service';
import type { GalleryRef } from '../galleries/gallery.service';
import { FaceProbeService } from './face-probe.service';

export interface Verification {
  userName: string;
  similarity: number;
  verified: boolean;
  /** The probe's largest face with the analyses asked for. */
  probe: DetectedFace;
}

export interface Identification {
  probe: DetectedFace;
  /** Best first; empty when no candidate passes the threshold (open-set). */
  matches: Array<{ userId: string; userName: string; similarity: number }>;
}

export interface SearchOptions {
  analyses: FaceAnalysis[];
  /** How many of the best candidates to consider. */
  limit: number;
  /** The score scale of the threshold and of the matches; native by default. */
  scale?: ScaleName;
  /** The lowest similarity that is a match. */
  minSimilarity: number;
}

export interface Comparison {
  similarity: number;
  verified: boolean;
  /** The largest face of each image, with the analyses asked for. */
  faces: [DetectedFace, DetectedFace];
}

/** 1:1 verification, 1:N identification and image-to-image comparison on the native score scale. */
@Injectable()
export class RecognitionService {
  constructor(
    private readonly probes: FaceProbeService,
    private readonly pipeline: FacePipeline,
    private readonly persons: PersonRepository,
    private readonly scoring: ScoringService,
  ) {}

  async verify(gallery: GalleryRef, userId: string, image: Buffer, analyses: FaceAnalysis[]): Promise<Verification> {
    const person = await this.persons.findPerson(gallery.id, userId);
    if (!person) throw new AppError('USER_NOT_FOUND', `User ${userId} is not enrolled in ${gallery.name}`);
    const probe = await this.probes.largestFace(image, { allowSmallFace: true, analyses });
    try {
      const raw = await this.pipeline.verify(probe, gallery.id, person.id);
      // Templates of another model are never compared: such a user must be enrolled again.
      if (raw === null && person.templateCount > 0) throw new AppError('REENROLMENT_REQUIRED', `User ${userId} has no face enrolled with the current model ${probe.modelId}`, { modelId: probe.modelId });
      if (raw === null) throw new AppError('USER_NOT_FOUND', `User ${userId} has no face enrolled`);
      const similarity = this.scoring.similarity(raw, probe.modelId);
      return { userName: person.userName, similarity, verified: this.scoring.isVerified(similarity), probe: probe.face };
    } finally {
      await this.probes.release([probe]);
    }
  }

  /** Native 1:N: the best candidate only, and only when it passes the verification threshold (open-set). */
  identify(gallery: GalleryRef, image: Buffer, analyses: FaceAnalysis[]): Promise<Identification> {
    return this.search(gallery, image, { analyses, limit: 1, minSimilarity: this.scoring.verifyThreshold });
  }

  /**
   * 1:N for dialects with their own threshold and scale: up to `limit` people of the gallery,
   * best first, with at least `minSimilarity` on `scale`.
   */
  async search(gallery: GalleryRef, image: Buffer, options: SearchOptions): Promise<Identification> {
    const probe = await this.probes.largestFace(image, { allowSmallFace: true, analyses: options.analyses });
    try {
      return await this.searchFace(gallery, probe, options);
    } finally {
      await this.probes.release([probe]);
    }
  }

  /** 1:N for a face the caller chose and embedded; the caller releases it. */
  async searchFace(gallery: GalleryRef, probe: EmbeddedFace, options: Omit<SearchOptions, 'analyses'>): Promise<Identification> {
    const candidates = await this.pipeline.identify(probe, gallery.id, options.limit);
    const matches: Identification['matches'] = [];
    for (const candidate of candidates) {
      const similarity = this.scoring.similarity(candidate.score, probe.modelId, options.scale);
      // Best first: no later candidate can pass once one fails.
      if (similarity < options.minSimilarity) break;
      const person = await this.persons.findPersonById(candidate.personId);
      // The person may have been deleted between the search and this read.
      if (person) matches.push({ userId: person.userId, userName: person.userName, similarity });
    }
    return { probe: probe.face, matches };
  }

  async compare(source: Buffer, target: Buffer, analyses: FaceAnalysis[], scale?: ScaleName): Promise<Comparison> {
    const a = await this.probeOf(source, 'first', analyses);
    try {
      const b = await this.probeOf(target, 'second', analyses);
      try {
        const raw = await this.pipeline.compare(a, b);
        return {
          similarity: this.scoring.similarity(raw, a.modelId, scale),
          verified: this.scoring.isVerified(this.scoring.similarity(raw, a.modelId)),
          faces: [a.face, b.face],
        };
      } finally {
        await this.probes.release([b]);
      }
    } finally {
      await this.probes.release([a]);
    }
  }

  /** The largest face of one image of a pair; a refusal names the image, for dialects whose codes do (ADVANCE). */
  private async probeOf(image: Buffer, which: 'first' | 'second', analyses: FaceAnalysis[]) {
    try {
      return await this.probes.largestFace(image, { allowSmallFace: true, analyses });
    } catch (err) {
      if (err instanceof AppError) throw new AppError(err.code, err.message, { ...err.details, image: which });
      throw err;
    }
  }

  /** Whether a face analysed with 'mask' wears one. */
  isMasked(face: DetectedFace): boolean {
    return this.probes.isMasked(face);
  }
}
