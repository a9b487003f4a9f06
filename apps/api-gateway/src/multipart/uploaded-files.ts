import type { Request } from 'express';
import { AppError } from '@bio/contracts';
import { checkAudioBytes } from './audio-bytes';
import { ALL_IMAGE_FORMATS, checkImageBytes } from '../face-api/dto/image-input';

/** The files of a multipart request by field name; each is checked for size and format when it is taken. */
export class UploadedFiles {
  private constructor(private readonly files: Readonly<Record<string, Express.Multer.File[]>>) {}

  static of(request: Request): UploadedFiles {
    return new UploadedFiles((request.files ?? {}) as Record<string, Express.Multer.File[]>);
  }

  has(field: string): boolean {
    return (this.files[field]?.length ?? 0) > 0;
  }

  image(field: string, maxBytes: number, formats = ALL_IMAGE_FORMATS): Buffer {
    return checkImageBytes(this.required(field)[0]!, field, maxBytes, formats);
  }

  /** Every recording sent in the field, at least one. */
  recordings(field: string, maxBytes: number): Buffer[] {
    return this.required(field).map((bytes) => checkAudioBytes(bytes, field, maxBytes));
  }

  private required(field: string): Buffer[] {
    const files = this.files[field];
    if (!files?.length) throw new AppError('VALIDATION_FAILED', `${field} is required (a file in the multipart form)`);
    return files.map((file) => file.buffer);
  }
}
