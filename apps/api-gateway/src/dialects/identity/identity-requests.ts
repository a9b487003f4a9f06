import { z } from 'zod';
import { imageField, userIdField } from '../../face-api/dto/fields';

/** The document's default: "The default value is 80%". */
export const DEFAULT_SEARCH_THRESHOLD = 80;

/** USER_ID of the path; the issue path names it as the document's JSON does (`userId`). */
export const userIdParam = z.object({ userId: userIdField });

export const enrolRequest = z.object({ face: imageField });

/** `threshold` is a JSON number on 0..100, e.g. 75.5 for 75,5 %. */
export const searchRequest = z.object({
  face: imageField,
  threshold: z.number().min(0).max(100).optional().default(DEFAULT_SEARCH_THRESHOLD),
});
