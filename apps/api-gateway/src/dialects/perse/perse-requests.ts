import type { Response } from 'express';
import { z } from 'zod';
import { AppError } from '@bio/contracts';
import { flagField } from '../../face-api/dto/fields';
import { parseWithSchema } from '../../validation/parse-with-schema';

/**
 * The document gives user_token as a number when enrolling and as a string when updating;
 * we answer strings of up to 15 digits (exact in a JSON number too) and accept either form.
 */
export const userTokenField = z
  .union([z.string().trim().regex(/^\d{1,15}$/, 'a user_token is 1 to 15 digits'), z.number().int().min(0).max(999_999_999_999_999)])
  .transform(String);

const consent = { client_declaration_enduser_consent: flagField.optional() };

export const consentRequest = z.object(consent);
/** `attributes=true` adds age, gender and emotions per face: our extension of seed 001's detect. */
export const detectRequest = z.object({ ...consent, attributes: flagField.optional().default(false) });
export const compareRequest = z.object({ ...consent, user_token: userTokenField.optional() });
export const updateUserRequest = z.object({ ...consent, user_token: userTokenField.optional() });
export const userTokenParam = z.object({ user_token: userTokenField });
export const voiceEnrolRequest = z.object({ ...consent, user_token: userTokenField.optional() });
export const voiceVerifyRequest = z.object({ ...consent, user_token: userTokenField });

/**
 * A form that declares consent: parsed, its declaration put where the usage record takes it
 * from (whatever the outcome), and refused unless it is true.
 */
export function consentedForm<S extends z.ZodType<{ client_declaration_enduser_consent?: boolean | undefined }>>(
  schema: S,
  body: unknown,
  response: Response,
): z.output<S> {
  const input = parseWithSchema(schema, body);
  response.locals.consent = input.client_declaration_enduser_consent;
  requireConsent(input);
  return input;
}

/** Seed 001: the end user's consent must be declared, and true, on every call that takes a face or a voice. */
export function requireConsent(input: { client_declaration_enduser_consent?: boolean | undefined }): void {
  if (input.client_declaration_enduser_consent !== true) {
    throw new AppError(
      'CONSENT_REQUIRED',
      input.client_declaration_enduser_consent === undefined
        ? 'client_declaration_enduser_consent is required'
        : 'client_declaration_enduser_consent must be true',
    );
  }
}
