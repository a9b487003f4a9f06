import { Injectable } from '@nestjs/common';
import { AppError } from '@bio/contracts';
import { PersonRepository } from '@bio/db';
import { VectorChanges } from '../../pipeline/vector-changes.service';
import { QuotaService } from '../../quota/quota.service';
import type { GalleryRef } from '../galleries/gallery.service';

/** Listing and removing enrolled people. */
@Injectable()
export class PeopleService {
  constructor(
    private readonly persons: PersonRepository,
    private readonly quota: QuotaService,
    private readonly vectors: VectorChanges,
  ) {}

  async list(gallery: GalleryRef): Promise<Array<{ user_id: string; user_name: string }>> {
    return (await this.persons.listPersons(gallery.id)).map((p) => ({ user_id: p.userId, user_name: p.userName }));
  }

  async isEnrolled(gallery: GalleryRef, userId: string): Promise<boolean> {
    return (await this.persons.findPerson(gallery.id, userId)) !== null;
  }

  /** Deletes the user with all their faces and voices and gives the template quota back. */
  async delete(clientId: string, gallery: GalleryRef, userId: string): Promise<void> {
    const person = await this.persons.findPerson(gallery.id, userId);
    if (!person) throw new AppError('USER_NOT_FOUND', `User ${userId} is not enrolled in ${gallery.name}`);
    const removed = await this.persons.deletePerson(person.id);
    const templates = removed.faceTemplateIds.length + removed.voiceTemplates;
    if (templates > 0) await this.quota.release(clientId, 'faces', templates);
    await this.vectors.publish({ op: 'delete-person', personId: person.id });
  }
}
