import { z } from 'zod';
import { flagField, galleryIdField, imageField, trxIdField, userIdField, userNameField } from './fields';

const withTrx = { trx_id: trxIdField.optional() };

export const trxOnlyRequest = z.object(withTrx);
export const galleryRequest = z.object({ ...withTrx, facegallery_id: galleryIdField });
export const optionalGalleryRequest = z.object({ ...withTrx, facegallery_id: galleryIdField.optional() });

export const enrollFaceRequest = z.object({
  ...withTrx,
  user_id: userIdField,
  user_name: userNameField,
  facegallery_id: galleryIdField.optional(),
  force_register: flagField.optional().default(false),
  image: imageField,
});
export type EnrollFaceRequest = z.infer<typeof enrollFaceRequest>;

export const enrollKtpRequest = z.object({
  ...withTrx,
  user_id: userIdField,
  user_name: userNameField,
  facegallery_id: galleryIdField.optional(),
  image: imageField,
  minimum_similarity: z.coerce.number().min(0).max(1).optional(),
});
export type EnrollKtpRequest = z.infer<typeof enrollKtpRequest>;

export const verifyFaceRequest = z.object({
  ...withTrx,
  user_id: userIdField,
  facegallery_id: galleryIdField.optional(),
  image: imageField,
});
export type VerifyFaceRequest = z.infer<typeof verifyFaceRequest>;

export const identifyFaceRequest = z.object({ ...withTrx, facegallery_id: galleryIdField.optional(), image: imageField });
export type IdentifyFaceRequest = z.infer<typeof identifyFaceRequest>;

export const deleteFaceRequest = z.object({ ...withTrx, user_id: userIdField, facegallery_id: galleryIdField.optional() });

export const compareImagesRequest = z.object({ ...withTrx, source_image: imageField, target_image: imageField });
