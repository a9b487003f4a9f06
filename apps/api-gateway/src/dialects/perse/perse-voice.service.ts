import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '@bio/contracts';
import type { Env } from '@bio/config';
import { PersonRepository, type ClientIdentity } from '@bio/db';
import { ENV } from '../../config/env.provider';
import { ClientRegistrationService } from '../../face-api/clients/client-registration.service';
import { VoiceService, type VoiceMatch } from '../../voice/voice.service';
import { UserTokens } from './user-tokens';

/**
 * Seed 001's voice compare, and voice enrolment and verification by user_token in the same
 * default gallery as its faces: a voice may be added to a user enrolled by face.
 */
@Injectable()
export class PerseVoiceService {
  constructor(
    private readonly voices: VoiceService,
    private readonly persons: PersonRepository,
    private readonly registration: ClientRegistrationService,
    private readonly tokens: UserTokens,
    @Inject(ENV) private readonly env: Env,
  ) {}

  async compare(first: Buffer, second: Buffer) {
    return this.answer(await this.voices.compare(first, second));
  }

  /** Enrols a voice for the given user_token, or for a new one when none is given. */
  async enrol(client: ClientIdentity, recordings: Buffer[], userToken: string | undefined) {
    const gallery = await this.registration.defaultGallery(client);
    if (userToken && !(await this.persons.findPerson(gallery.id, userToken))) {
      throw new AppError('USER_NOT_FOUND', `user_token ${userToken} is not enrolled; leave it out to enrol a new user`);
    }
    const token = userToken ?? (await this.tokens.fresh(gallery.id));
    const print = await this.voices.enrol({ clientId: client.id, gallery, userId: token, userName: token }, recordings);
    return { user_token: token, speech_seconds: round2(print.speechSeconds) };
  }

  async verify(client: ClientIdentity, recording: Buffer, userToken: string) {
    const match = await this.voices.verify(await this.registration.defaultGallery(client), userToken, recording);
    return { ...this.answer(match), verified: match.verified };
  }

  async removeVoices(client: ClientIdentity, userToken: string): Promise<void> {
    await this.voices.removeVoices(client.id, await this.registration.defaultGallery(client), userToken);
  }

  private answer(match: VoiceMatch) {
    return { similarity: match.similarity, default_thresholds: { similarity: this.env.VERIFY_THRESHOLD } };
  }
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
