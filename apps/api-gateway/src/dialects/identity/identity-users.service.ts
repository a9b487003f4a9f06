import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '@bio/contracts';
import type { Env } from '@bio/config';
import type { ClientIdentity } from '@bio/db';
import { ENV } from '../../config/env.provider';
import { ClientRegistrationService } from '../../face-api/clients/client-registration.service';
import { decodeImageField, type ImageFormat } from '../../face-api/dto/image-input';
import { EnrolmentService } from '../../face-api/enrolment/enrolment.service';
import { PeopleService } from '../../face-api/enrolment/people.service';
import { RecognitionService } from '../../face-api/recognition/recognition.service';

/** "supported formats are JPEG and PNG. The maximum supported size is 5MB." */
const FACE_FORMATS: readonly ImageFormat[] = ['JPEG', 'PNG'];
const FACE_MAX_BYTES = 5 * 1024 * 1024;
/** The document does not bound `matches`; the ten best are plenty for a watch list and keep the answer small. */
const SEARCH_LIMIT = 10;

export interface IdentityMatch {
  userId: string;
  similarity: number;
}

/**
 * Seed 002's users over the shared services. Its users live in the client's default gallery
 * with USER_ID as their user id, so the native API sees them too.
 */
@Injectable()
export class IdentityUsersService {
  constructor(
    private readonly registration: ClientRegistrationService,
    private readonly enrolment: EnrolmentService,
    private readonly people: PeopleService,
    private readonly recognition: RecognitionService,
    @Inject(ENV) private readonly env: Env,
  ) {}

  /** The face image, refused before any work when it breaks the document's limits (or a lower IMAGE_MAX_BYTES). */
  decodeFace(face: string): Buffer {
    return decodeImageField(face, 'face', Math.min(FACE_MAX_BYTES, this.env.IMAGE_MAX_BYTES), FACE_FORMATS);
  }

  /**
   * The document's USER_ID "needs to be unique within the collection": enrolling an existing
   * user is refused here, where the native enrolment would add a face.
   */
  async enrol(client: ClientIdentity, userId: string, image: Buffer): Promise<void> {
    const gallery = await this.registration.defaultGallery(client);
    // Checked first so a duplicate costs no model time; the create-only write settles a race.
    if (await this.people.isEnrolled(gallery, userId)) throw new AppError('USER_EXISTS', `User ${userId} already exists`);
    await this.enrolment.enrol({ clientId: client.id, gallery, userId, userName: userId, newUser: true }, image, false);
  }

  /** The people at or above `threshold` on the identity scale, best first. */
  async search(client: ClientIdentity, image: Buffer, threshold: number): Promise<IdentityMatch[]> {
    const gallery = await this.registration.defaultGallery(client);
    const found = await this.recognition.search(gallery, image, { analyses: [], limit: SEARCH_LIMIT, scale: 'identity', minSimilarity: threshold });
    return found.matches.map(({ userId, similarity }) => ({ userId, similarity }));
  }

  /** The document's search answers "user not found" (404) when nobody reaches the threshold. */
  answerFor(matches: IdentityMatch[]): { matches: IdentityMatch[] } {
    if (matches.length === 0) throw new AppError('USER_NOT_FOUND', 'No enrolled user reaches the threshold');
    return { matches };
  }

  async remove(client: ClientIdentity, userId: string): Promise<void> {
    await this.people.delete(client.id, await this.registration.defaultGallery(client), userId);
  }
}
