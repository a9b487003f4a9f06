import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { Env } from '@bio/config';
import { ENV } from '../../config/env.provider';
import { checkImageBytes } from '../../face-api/dto/image-input';
import { UploadedFiles } from '../../multipart/uploaded-files';
import { badParam } from './findface-bad-param';
import { PhotoUrlFetcher } from './photo-url-fetcher';

/** The reference's limit on a photo file. */
const PHOTO_MAX_BYTES = 10 * 1024 * 1024;

/**
 * A photo parameter: a file uploaded in the multipart form under its name, or a URL the
 * API fetches (the reference's only two ways). Either way JPEG, PNG or WEBP within 10 MB.
 */
@Injectable()
export class FindFacePhotos {
  private readonly maxBytes: number;

  constructor(
    private readonly fetcher: PhotoUrlFetcher,
    @Inject(ENV) env: Env,
  ) {
    this.maxBytes = Math.min(PHOTO_MAX_BYTES, env.IMAGE_MAX_BYTES);
  }

  async photo(request: Request, params: Record<string, unknown>, param: string): Promise<Buffer> {
    const files = UploadedFiles.of(request);
    if (files.has(param)) return this.checked(() => files.image(param, this.maxBytes), param);
    const url = params[param];
    if (typeof url !== 'string' || url.length === 0) throw badParam(param, url, `${param} is required: upload a file or give a URL`);
    const bytes = await this.fetcher.fetch(url, param);
    return this.checked(() => checkImageBytes(bytes, param, this.maxBytes), param, url);
  }

  /** The shared size and format check, its refusal reported as BAD_PARAM on this parameter. */
  private checked(check: () => Buffer, param: string, value?: string): Buffer {
    try {
      return check();
    } catch (err) {
      throw badParam(param, value, err instanceof Error ? err.message : 'Photo is not a supported image');
    }
  }
}
