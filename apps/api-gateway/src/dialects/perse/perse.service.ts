import { Inject, Injectable } from '@nestjs/common';
import { AppError, MAX_ALIGNED_FACES, type DetectedFace, type FaceAnalysis } from '@bio/contracts';
import { loadQualityThresholds, QUALITY_THRESHOLDS_FILE, type Env } from '@bio/config';
import type { ClientIdentity } from '@bio/db';
import { ENV } from '../../config/env.provider';
import { ClientRegistrationService } from '../../face-api/clients/client-registration.service';
import { EnrolmentService } from '../../face-api/enrolment/enrolment.service';
import { PeopleService } from '../../face-api/enrolment/people.service';
import { RecognitionService } from '../../face-api/recognition/recognition.service';
import { UploadedFiles } from '../../multipart/uploaded-files';
import { FacePipeline } from '../../pipeline/face-pipeline.service';
import { perseDetection, type PerseThresholds } from './detect-response';
import { UserTokens } from './user-tokens';

const DETECT_ANALYSES: FaceAnalysis[] = ['quality', 'liveness', 'image-quality'];
const COMPARE_ANALYSES: FaceAnalysis[] = ['liveness'];

export interface PerseComparison {
  default_thresholds: { similarity: number; liveness: number };
  similarity: number;
  liveness_score: number;
}

/**
 * Seed 001 (face analysis, compare, enrolment by user_token) over the shared services. Its
 * users live in the client's default gallery with user_token as their user id.
 */
@Injectable()
export class PerseService {
  readonly thresholds: PerseThresholds;

  constructor(
    private readonly pipeline: FacePipeline,
    private readonly recognition: RecognitionService,
    private readonly enrolment: EnrolmentService,
    private readonly people: PeopleService,
    private readonly tokens: UserTokens,
    private readonly registration: ClientRegistrationService,
    @Inject(ENV) private readonly env: Env,
  ) {
    this.thresholds = { ...loadQualityThresholds(QUALITY_THRESHOLDS_FILE), liveness: env.LIVENESS_THRESHOLD };
  }

  /** Every face, with metrics and liveness for as many of the largest as the detector aligns. */
  async detect(image: Buffer, withAttributes: boolean) {
    const analyses: FaceAnalysis[] = withAttributes ? [...DETECT_ANALYSES, 'attributes'] : DETECT_ANALYSES;
    return perseDetection(await this.pipeline.detect(image, MAX_ALIGNED_FACES, analyses), this.thresholds);
  }

  /**
   * The comparison a compare request asks for, checked before any work: image_file1 with
   * image_file2, or image_file with an enrolled user_token.
   */
  comparison(client: ClientIdentity, files: UploadedFiles, userToken: string | undefined): () => Promise<PerseComparison> {
    if (userToken) {
      if (files.has('image_file1') || files.has('image_file2')) {
        throw new AppError('VALIDATION_FAILED', 'Send image_file with user_token, or image_file1 and image_file2 without it');
      }
      const image = files.image('image_file', this.env.IMAGE_MAX_BYTES);
      return async () => {
        const gallery = await this.registration.defaultGallery(client);
        const result = await this.recognition.verify(gallery, userToken, image, COMPARE_ANALYSES);
        return this.compared(result.similarity, [result.probe]);
      };
    }
    const [first, second] = [files.image('image_file1', this.env.IMAGE_MAX_BYTES), files.image('image_file2', this.env.IMAGE_MAX_BYTES)];
    return async () => {
      const result = await this.recognition.compare(first, second, COMPARE_ANALYSES);
      return this.compared(result.similarity, result.faces);
    };
  }

  /** Enrols the largest face under a new user_token. */
  async enrol(client: ClientIdentity, image: Buffer): Promise<string> {
    const gallery = await this.registration.defaultGallery(client);
    const userToken = await this.tokens.fresh(gallery.id);
    await this.enrolment.enrol({ clientId: client.id, gallery, userId: userToken, userName: userToken, newUser: true }, image, false);
    return userToken;
  }

  async update(client: ClientIdentity, userToken: string, image: Buffer): Promise<void> {
    const gallery = await this.registration.defaultGallery(client);
    await this.enrolment.replace({ clientId: client.id, gallery, userId: userToken, userName: userToken }, image);
  }

  async remove(client: ClientIdentity, userToken: string): Promise<void> {
    await this.people.delete(client.id, await this.registration.defaultGallery(client), userToken);
  }

  async list(client: ClientIdentity): Promise<string[]> {
    return (await this.people.list(await this.registration.defaultGallery(client))).map((p) => p.user_id);
  }

  /** The liveness of a comparison is that of its least live image. */
  private compared(similarity: number, faces: DetectedFace[]): PerseComparison {
    const scores = faces.map((face) => face.livenessScore);
    if (scores.some((score) => score === undefined)) throw new AppError('INTERNAL_ERROR', 'Detector returned no liveness score');
    const liveness = Math.min(...(scores as number[]));
    return {
      default_thresholds: { similarity: this.env.VERIFY_THRESHOLD, liveness: this.thresholds.liveness },
      similarity: Number(similarity.toFixed(6)),
      liveness_score: Number(liveness.toFixed(4)),
    };
  }
}
