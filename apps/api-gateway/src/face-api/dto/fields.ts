import { z } from 'zod';
import { FIELD_MAX_LENGTH } from '@bio/contracts';

const bounded = () => z.string().trim().min(1).max(FIELD_MAX_LENGTH);

/** Identifiers the seed calls alphanumeric; its own examples use dots, @ and dashes. */
export const galleryIdField = bounded().regex(/^[\w.@-]+$/, 'letters, digits, "_", ".", "@" and "-" only');
export const userIdField = bounded().regex(/^[\w.@#-]+$/, 'letters, digits, "_", ".", "@", "#" and "-" only');
export const userNameField = bounded().regex(/^[^\p{Cc}]+$/u, 'no control characters');
export const trxIdField = bounded().regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces');
/** Base64 images are checked and decoded later; the byte limit is enforced on the decoded size. */
export const imageField = z.string().min(1);
/** JSON booleans; "true"/"false" as well, since GET parameters arrive as strings. */
export const flagField = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);
