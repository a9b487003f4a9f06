import type { Request } from 'express';
import { AppError } from '@bio/contracts';
import { checkImageBytes } from '../face-api/dto/image-input';

/** The images uploaded in a multipart request, by field name, each checked for size and format. */
export class UploadedImages {
  private constructor(private readonly files: ReadonlyMap<string, Buffer>) {}

  static of(request: Request, maxBytes: number): UploadedImages {
    const files = (request.files ?? {}) as Record<string, Express.Multer.File[]>;
    const images = new Map<string, Buffer>();
    for (const [field, [file]] of Object.entries(files)) {
      if (file) images.set(field, checkImageBytes(file.buffer, field, maxBytes));
    }
    return new UploadedImages(images);
  }

  has(field: string): boolean {
    return this.files.has(field);
  }

  require(field: string): Buffer {
    const image = this.files.get(field);
    if (!image) throw new AppError('VALIDATION_FAILED', `${field} is required (a file in the multipart form)`);
    return image;
  }
}
