import type { Request } from 'express';
import { z } from 'zod';
import { AppError } from '@bio/contracts';
import { parseWithSchema } from '../../validation/parse-with-schema';
import { badParam } from './findface-bad-param';

/**
 * The reference's parameters arrive as JSON, form fields, multipart fields or a query
 * string; in the last three every value is text and complex ones (bboxes, lists) are JSON.
 */
export function requestParams(request: Request): Record<string, unknown> {
  const body = typeof request.body === 'object' && request.body !== null && !Buffer.isBuffer(request.body) ? request.body : {};
  return { ...(request.query as Record<string, unknown>), ...(body as Record<string, unknown>) };
}

/** Parses the params with `schema`; a refusal names the first bad parameter and the value it had. */
export function parseParams<S extends z.ZodType>(schema: S, params: Record<string, unknown>): z.output<S> {
  try {
    return parseWithSchema(schema, params);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const issues = err.details?.issues as Array<{ path: string; message: string }> | undefined;
    const param = issues?.[0]?.path.split('.')[0] ?? '';
    throw badParam(param, params[param], issues?.[0] ? `${param}: ${issues[0].message}` : err.message);
  }
}

/** A JSON-encoded value in text (query, form), as the reference asks for complex structures. */
function jsonText(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

const TRUE_TEXT = new Set(['true', 'True', '1']);
export const flag = z
  .union([z.boolean(), z.enum(['true', 'false', 'True', 'False', '1', '0'])])
  .transform((v) => v === true || TRUE_TEXT.has(String(v)))
  .default(false);

export interface Bbox {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

const coordinate = z.coerce.number().finite();
/** Either form the reference accepts: `{x1, y1, x2, y2}` or `[x1, y1, x2, y2]`. */
const bboxForms = z
  .union([
    z.object({ x1: coordinate, y1: coordinate, x2: coordinate, y2: coordinate }),
    z.tuple([coordinate, coordinate, coordinate, coordinate]).transform(([x1, y1, x2, y2]) => ({ x1, y1, x2, y2 })),
  ])
  .refine((b) => b.x2 > b.x1 && b.y2 > b.y1, 'x2 and y2 must exceed x1 and y1');
export const bbox = z.preprocess(jsonText, bboxForms);
/** A list of bboxes; a single bbox is taken as a list of one. */
export const bboxList = z.preprocess((value) => {
  const parsed = jsonText(value);
  const single = Array.isArray(parsed) ? parsed.length === 4 && parsed.every((v) => typeof v === 'number') : typeof parsed === 'object';
  return single ? [parsed] : parsed;
}, z.array(bboxForms).min(1));

/** The reference's presets; `none` asks for confidences without a verdict. */
export const THRESHOLD_PRESETS = { strict: 0.7834, medium: 0.6616, low: 0.569 } as const;
export const DEFAULT_THRESHOLD = 0.75;
/** A number is the threshold; null is `none`. */
export const threshold = z
  .union([
    z.enum(['strict', 'medium', 'low', 'none']).transform((preset) => (preset === 'none' ? null : THRESHOLD_PRESETS[preset])),
    z.coerce.number().min(0).max(1),
  ])
  .default(DEFAULT_THRESHOLD);

export const mfSelector = z.enum(['reject', 'biggest', 'all']).default('biggest');
export type MfSelector = z.output<typeof mfSelector>;

/** Photos are not among the params: they come from FindFacePhotos (upload or URL). */
export const detectParams = z.object({ gender: flag, age: flag, emotions: flag });

export const verifyParams = z.object({
  bbox1: bboxList.optional(),
  bbox2: bboxList.optional(),
  threshold,
  mf_selector: mfSelector,
});

const galleryNames = z.preprocess((value) => {
  const parsed = jsonText(value);
  return typeof parsed === 'string' ? [parsed] : parsed;
}, z.array(z.string().min(1).max(48)).max(32));

const meta = z.string().max(1024);

/** /v1/face: the faces chosen as verify chooses them are added with their meta to the galleries. */
export const faceParams = z.object({
  meta: meta.default(''),
  galleries: galleryNames.default([]),
  bbox: bboxList.optional(),
  mf_selector: mfSelector,
});

/** PUT /v1/face/id/<id>: what is given is replaced; the galleries always keep `default`. */
export const faceUpdateParams = z.object({ meta: meta.optional(), galleries: galleryNames.optional() });

export const identifyParams = z.object({
  threshold,
  n: z.coerce.number().int().min(1).max(100).default(1),
  gallery: z.string().min(1).max(48).default('default'),
  bbox: bboxList.optional(),
  mf_selector: mfSelector,
});

/** Face ids are findface_faces.id, a PostgreSQL INTEGER: anything past it is no face rather than a database error. */
const FACE_ID_MAX = 2_147_483_647;
const faceIdNumber = z.coerce.number().int().min(1).max(FACE_ID_MAX);
export const faceIdParam = z.object({ id: z.string().regex(/^\d+$/, 'a face id is a positive whole number').transform(Number).pipe(z.number().int().min(1).max(FACE_ID_MAX)) });

export const FACES_PAGE_DEFAULT = 100;
/** GET /v1/faces: newest first, `limit` a page, the next page below `max_id`. */
export const facesPageParams = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(FACES_PAGE_DEFAULT),
  max_id: faceIdNumber.optional(),
});
