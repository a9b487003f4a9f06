import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppError } from '@bio/contracts';
import { PersonRepository } from '@bio/db';

/** Seed 001's user_tokens: 15 random digits, not starting with 0, unused in the gallery. */
@Injectable()
export class UserTokens {
  constructor(private readonly persons: PersonRepository) {}

  async fresh(galleryId: string): Promise<string> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const token = `${randomInt(1, 10)}${String(randomInt(0, 1e14)).padStart(14, '0')}`;
      if (!(await this.persons.findPerson(galleryId, token))) return token;
    }
    throw new AppError('INTERNAL_ERROR', 'Could not draw an unused user_token');
  }
}
