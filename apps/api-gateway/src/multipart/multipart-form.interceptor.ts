import { Inject, Injectable, mixin, type CallHandler, type ExecutionContext, type NestInterceptor, type Type } from '@nestjs/common';
import type { Request, RequestHandler, Response } from 'express';
import multer from 'multer';
import type { Observable } from 'rxjs';
import { AppError } from '@bio/contracts';
import type { Env } from '@bio/config';
import { ENV } from '../config/env.provider';
import { multipartError } from './multipart-error';

/** Text fields are flags and ids; nothing legitimate comes near this. */
const FIELD_VALUE_MAX_BYTES = 64 * 1024;
const FIELD_COUNT_MAX = 32;

/** What a form's files are: images (at most IMAGE_MAX_BYTES each) or recordings (AUDIO_MAX_BYTES). */
export type UploadKind = 'image' | 'audio';

/**
 * Parses a multipart/form-data body into `req.body` (text fields) and `req.files` (the
 * named file fields, in memory, one file each unless `maxCount` says more). Any other
 * content type is refused with UNSUPPORTED_MEDIA_TYPE, and every parser failure becomes
 * a 4xx AppError with its own code. With `otherBodies: 'pass'` a JSON or form-urlencoded
 * body goes through untouched, for APIs that take either (FindFace-style).
 */
export function MultipartForm(
  fileFields: readonly string[],
  kind: UploadKind = 'image',
  maxCount = 1,
  otherBodies: 'refuse' | 'pass' = 'refuse',
): Type<NestInterceptor> {
  @Injectable()
  class MultipartFormInterceptor implements NestInterceptor {
    private readonly parse: RequestHandler;

    constructor(@Inject(ENV) env: Env) {
      this.parse = multer({
        storage: multer.memoryStorage(),
        limits: {
          fileSize: kind === 'image' ? env.IMAGE_MAX_BYTES : env.AUDIO_MAX_BYTES,
          files: fileFields.length * maxCount,
          fields: FIELD_COUNT_MAX,
          fieldSize: FIELD_VALUE_MAX_BYTES,
        },
      }).fields(fileFields.map((name) => ({ name, maxCount })));
    }

    async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
      const http = context.switchToHttp();
      const request = http.getRequest<Request>();
      if (!request.is('multipart/form-data')) {
        if (otherBodies === 'pass') return next.handle();
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', `Send multipart/form-data with the fields ${fileFields.join(', ')}`);
      }
      await new Promise<void>((resolve, reject) => {
        this.parse(request, http.getResponse<Response>(), (err?: unknown) => (err ? reject(multipartError(err, kind)) : resolve()));
      });
      return next.handle();
    }
  }
  return mixin(MultipartFormInterceptor);
}
