import { Inject, Injectable } from '@nestjs/common';
import { AppError, type FaceAnalysis } from '@bio/contracts';
import type { Env } from '@bio/config';
import { PersonRepository, type NewTemplate } from '@bio/db';
import { ENV } from '../../config/env.provider';
import { FacePipeline, type EmbeddedFace } from '../../pipeline/face-pipeline.service';
import { VectorChanges } from '../../pipeline/vector-changes.service';
import { QuotaService } from '../../quota/quota.service';
import { ScoringService } from '../../scoring/scoring.service';
import type { GalleryRef } from '../galleries/gallery.service';
import { FaceProbeService } from '../recognition/face-probe.service';

/** The exposure rule needs quality; every template records whether the face was masked. */
export const ENROLMENT_ANALYSES: FaceAnalysis[] = ['mask', 'quality'];

export interface EnrolSubject {
  clientId: string;
  gallery: GalleryRef;
  userId: string;
  userName: string;
  /** The user must not exist yet (dialects whose ids are unique per collection); USER_EXISTS otherwise. */
  newUser?: boolean;
}

export interface KtpOutcome {
  similarity: number;
  masked: boolean;
}

/**
 * Enrolment: a face is added to a person (created on first enrolment). Nothing is written
 * until the face is embedded; the face quota is reserved before the write and handed back
 * if anything after it fails.
 */
@Injectable()
export class EnrolmentService {
  constructor(
    private readonly probes: FaceProbeService,
    private readonly pipeline: FacePipeline,
    private readonly persons: PersonRepository,
    private readonly quota: QuotaService,
    private readonly vectors: VectorChanges,
    private readonly scoring: ScoringService,
    @Inject(ENV) private readonly env: Env,
  ) {}

  async enrol(subject: EnrolSubject, image: Buffer, forceRegister: boolean): Promise<void> {
    const face = await this.probes.largestFace(image, { allowSmallFace: forceRegister, analyses: ENROLMENT_ANALYSES });
    try {
      await this.enrolFace(subject, face, forceRegister);
    } finally {
      await this.probes.release([face]);
    }
  }

  /** Enrols a face the caller chose and embedded with ENROLMENT_ANALYSES; the caller releases it. */
  async enrolFace(subject: EnrolSubject, face: EmbeddedFace, forceRegister: boolean): Promise<void> {
    // force_register overrides the exposure rule as it does the size rule.
    if (!forceRegister) this.probes.assertWellExposed(face);
    await this.store(subject, face);
  }

  /**
   * Enrols the faces a user has in one gallery into another under the same id, without a new
   * photo (FindFace's gallery membership). The face quota is taken for the faces copied.
   */
  async copyUser(subject: Omit<EnrolSubject, 'userName' | 'newUser'>, from: GalleryRef): Promise<void> {
    const person = await this.persons.findPerson(from.id, subject.userId);
    if (!person) throw new AppError('USER_NOT_FOUND', `User ${subject.userId} is not enrolled in ${from.name}`);
    await this.quota.reserve(subject.clientId, 'faces', person.templateCount);
    let copied: Awaited<ReturnType<PersonRepository['copyPerson']>>;
    try {
      copied = await this.persons.copyPerson(person.id, subject.gallery.id, person.templateCount);
    } catch (err) {
      await this.quota.release(subject.clientId, 'faces', person.templateCount);
      throw err;
    }
    // A face deleted between the count and the copy was reserved for but not copied.
    const unused = person.templateCount - copied.templates.length;
    if (unused > 0) await this.quota.release(subject.clientId, 'faces', unused);
    for (const template of copied.templates) {
      await this.vectors.publish({ op: 'upsert', templateId: template.templateId, personId: copied.personId, galleryId: subject.gallery.id, modelId: template.modelId });
    }
  }

  /** The photo shows the person and their ID card: the largest face is the person, the next the card. */
  async enrolWithIdCard(subject: EnrolSubject, image: Buffer, minimumSimilarity: number | undefined): Promise<KtpOutcome> {
    const analysis = await this.probes.faces(image, 2, { analyses: ENROLMENT_ANALYSES });
    try {
      const [person, card] = analysis.faces;
      if (!person || !card) {
        throw new AppError('KTP_FACE_NOT_FOUND', `Found ${analysis.detectedCount} face(s); the person and the ID card photo are both needed`);
      }
      this.probes.assertWellExposed(person);
      const similarity = this.scoring.similarity(await this.pipeline.compare(person, card), person.modelId);
      const required = minimumSimilarity ?? this.env.KTP_MIN_SIMILARITY;
      if (similarity < required) {
        throw new AppError('KTP_MISMATCH', `Face and ID card similarity ${similarity} is below ${required}`, { similarity });
      }
      await this.store(subject, person);
      return { similarity, masked: this.probes.isMasked(person.face) };
    } finally {
      await this.probes.release(analysis.faces);
    }
  }

  /**
   * Replaces every face of an enrolled user with the face in `image` (seed 001's update), under
   * the same rules as enrolment. The old faces go in the same transaction as the new one is
   * written, so the user is never left without a face or with both.
   */
  async replace(subject: EnrolSubject, image: Buffer): Promise<void> {
    const person = await this.persons.findPerson(subject.gallery.id, subject.userId);
    if (!person) throw new AppError('USER_NOT_FOUND', `User ${subject.userId} is not enrolled`);
    const face = await this.probes.largestFace(image, { analyses: ENROLMENT_ANALYSES });
    try {
      this.probes.assertWellExposed(face);
      const template = await this.newTemplate(face);
      await this.quota.reserve(subject.clientId, 'faces');
      let replaced: { templateId: string; removedIds: string[] };
      try {
        replaced = await this.persons.replaceTemplates(person.id, subject.gallery.id, template);
      } catch (err) {
        await this.quota.release(subject.clientId, 'faces');
        throw err;
      }
      if (replaced.removedIds.length > 0) await this.quota.release(subject.clientId, 'faces', replaced.removedIds.length);
      // Committed already: a matcher that misses these messages reloads from Postgres on the sequence gap.
      await this.vectors.publish({ op: 'delete-template', templateIds: replaced.removedIds });
      await this.vectors.publish({ op: 'upsert', templateId: replaced.templateId, personId: person.id, galleryId: subject.gallery.id, modelId: face.modelId });
    } finally {
      await this.probes.release([face]);
    }
  }

  private async newTemplate(face: EmbeddedFace): Promise<NewTemplate> {
    return {
      modelId: face.modelId,
      scoreMapping: this.scoring.scaleFor(face.modelId).id,
      embedding: await this.pipeline.embedding(face),
      masked: this.probes.isMasked(face.face),
      faceBox: face.face.box,
    };
  }

  private async store(subject: EnrolSubject, face: EmbeddedFace): Promise<void> {
    const existing = await this.persons.findPerson(subject.gallery.id, subject.userId);
    if (existing && existing.templateCount >= this.env.MAX_TEMPLATES_PER_USER) {
      throw new AppError('TEMPLATE_LIMIT_REACHED', `User ${subject.userId} already has ${existing.templateCount} faces`);
    }
    const template = await this.newTemplate(face);
    await this.quota.reserve(subject.clientId, 'faces');
    let saved: { personId: string; templateId: string } | undefined;
    try {
      saved = await this.persons.upsertPersonWithTemplate({
        galleryId: subject.gallery.id,
        userId: subject.userId,
        userName: subject.userName,
        template,
        createOnly: subject.newUser === true,
      });
      await this.vectors.publish({
        op: 'upsert',
        templateId: saved.templateId,
        personId: saved.personId,
        galleryId: subject.gallery.id,
        modelId: face.modelId,
      });
    } catch (err) {
      // Undo the write when the matchers could not be told, so no replica misses a template.
      if (saved) await this.persons.deleteTemplate(saved.templateId).catch(() => undefined);
      await this.quota.release(subject.clientId, 'faces');
      throw err;
    }
  }
}
