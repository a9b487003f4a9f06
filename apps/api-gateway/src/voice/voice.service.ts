import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '@bio/contracts';
import type { Env } from '@bio/config';
import { PersonRepository, VoiceTemplateRepository } from '@bio/db';
import { cosine } from '@bio/vector';
import { ENV } from '../config/env.provider';
import type { GalleryRef } from '../face-api/galleries/gallery.service';
import { QuotaService } from '../quota/quota.service';
import { ScoringService } from '../scoring/scoring.service';
import { VoicePipeline, type VoicePrint } from './voice-pipeline.service';

export interface VoiceSubject {
  clientId: string;
  gallery: GalleryRef;
  userId: string;
  userName: string;
}

export interface VoiceMatch {
  similarity: number;
  verified: boolean;
}

/**
 * Voice comparison, enrolment and 1:1 verification on the voice similarity scale. An
 * enrolled voice counts against the client's template quota as a face does, and templates
 * of one speaker model are only compared with those of the same model.
 */
@Injectable()
export class VoiceService {
  constructor(
    private readonly pipeline: VoicePipeline,
    private readonly voices: VoiceTemplateRepository,
    private readonly persons: PersonRepository,
    private readonly quota: QuotaService,
    private readonly scoring: ScoringService,
    @Inject(ENV) private readonly env: Env,
  ) {}

  async compare(first: Buffer, second: Buffer): Promise<VoiceMatch> {
    const a = await this.print([first]);
    const b = await this.print([second]);
    return this.match(cosine(a.embedding, b.embedding), a.modelId);
  }

  /** Adds a voice made from one or more recordings (short clips of one speaker are joined). */
  async enrol(subject: VoiceSubject, recordings: Buffer[]): Promise<VoicePrint> {
    const person = await this.persons.findPerson(subject.gallery.id, subject.userId);
    if (person && (await this.voices.countVoices(person.id)) >= this.env.MAX_TEMPLATES_PER_USER) {
      throw new AppError('TEMPLATE_LIMIT_REACHED', `User ${subject.userId} already has ${this.env.MAX_TEMPLATES_PER_USER} voices`);
    }
    const print = await this.print(recordings);
    await this.quota.reserve(subject.clientId, 'faces');
    try {
      await this.voices.addVoice({
        galleryId: subject.gallery.id,
        userId: subject.userId,
        userName: subject.userName,
        template: {
          modelId: print.modelId,
          scoreMapping: this.scoring.scaleFor(print.modelId).id,
          embedding: print.embedding,
          speechSeconds: print.speechSeconds,
        },
      });
    } catch (err) {
      await this.quota.release(subject.clientId, 'faces');
      throw err;
    }
    return print;
  }

  /** 1:1: does the recording's speaker match the user's best enrolled voice? */
  async verify(gallery: GalleryRef, userId: string, recording: Buffer): Promise<VoiceMatch> {
    const person = await this.persons.findPerson(gallery.id, userId);
    if (!person) throw new AppError('USER_NOT_FOUND', `User ${userId} is not enrolled`);
    if ((await this.voices.countVoices(person.id)) === 0) throw new AppError('USER_NOT_FOUND', `User ${userId} has no voice enrolled`);
    const probe = await this.print([recording]);
    const enrolled = await this.voices.voicesOfPerson(person.id, probe.modelId);
    // Voices of another speaker model are never compared: such a user must enrol again.
    if (enrolled.length === 0) {
      throw new AppError('REENROLMENT_REQUIRED', `User ${userId} has no voice enrolled with the current speaker model ${probe.modelId}`, { modelId: probe.modelId });
    }
    return this.match(Math.max(...enrolled.map((voice) => cosine(probe.embedding, voice))), probe.modelId);
  }

  /** Deletes the user's voices (and the user, if no face is left) and gives the template quota back. */
  async removeVoices(clientId: string, gallery: GalleryRef, userId: string): Promise<void> {
    const person = await this.persons.findPerson(gallery.id, userId);
    const removed = person ? await this.voices.deleteVoices(person.id) : 0;
    if (removed === 0) throw new AppError('USER_NOT_FOUND', `User ${userId} has no voice enrolled`);
    await this.quota.release(clientId, 'faces', removed);
  }

  private print(recordings: Buffer[]): Promise<VoicePrint> {
    return this.pipeline.voicePrint(recordings, this.env.MIN_SPEECH_SECONDS);
  }

  private match(raw: number, modelId: string): VoiceMatch {
    const similarity = this.scoring.similarity(raw, modelId);
    return { similarity, verified: this.scoring.isVerified(similarity) };
  }
}
