import { AppError } from '@bio/contracts';
import { MulterError } from 'multer';

/** A multer or busboy failure as the client error it is; an oversized file is named by what it holds. */
export function multipartError(err: unknown, kind: 'image' | 'audio' = 'image'): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof MulterError) {
    const where = err.field ? ` (${err.field})` : '';
    switch (err.code) {
      case 'LIMIT_FILE_SIZE':
        return new AppError(kind === 'image' ? 'IMAGE_TOO_LARGE' : 'AUDIO_TOO_LARGE', `Uploaded file${where} exceeds the size limit`);
      case 'LIMIT_FIELD_VALUE':
        return new AppError('FIELD_TOO_LONG', `Form field${where} is too long`);
      case 'LIMIT_UNEXPECTED_FILE':
        return new AppError('VALIDATION_FAILED', `Unexpected file field${where}, or more than one file in it`);
      default:
        return new AppError('VALIDATION_FAILED', `Multipart form refused: ${err.message}${where}`);
    }
  }
  // busboy: a truncated body, a bad boundary or a malformed part header.
  return new AppError('VALIDATION_FAILED', `Malformed multipart body: ${(err as Error)?.message ?? String(err)}`);
}
