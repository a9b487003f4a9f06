import { z } from 'zod';
import { FIELD_MAX_LENGTH } from '@bio/contracts';

export const createClientBody = z.object({
  name: z.string().trim().min(1, 'name is required').max(FIELD_MAX_LENGTH),
});
export type CreateClientBody = z.output<typeof createClientBody>;

/** Limits are INTEGER columns; each may be set alone, at least one must be. */
const limit = z.number().int().min(0).max(2_147_483_647);
export const quotaLimitsBody = z
  .object({ n_api_hits: limit.optional(), n_face: limit.optional(), n_facegallery: limit.optional() })
  .refine((l) => l.n_api_hits !== undefined || l.n_face !== undefined || l.n_facegallery !== undefined, {
    message: 'Give at least one of n_api_hits, n_face, n_facegallery',
  });

export type QuotaLimitsBody = z.output<typeof quotaLimitsBody>;

/** A model id as templates record it (face_templates.model_id is VARCHAR(120)). */
export const modelIdQuery = z.object({ model_id: z.string().min(1).max(120) });
export type ModelIdQuery = z.output<typeof modelIdQuery>;
