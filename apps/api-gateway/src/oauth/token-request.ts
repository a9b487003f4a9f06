import { z } from 'zod';
import { AppError } from '@bio/contracts';

/** Fields of POST /oauth/token, alike in JSON and in application/x-www-form-urlencoded. */
export const tokenRequestBody = z.object({
  grant_type: z.string({ error: 'grant_type is required' }).min(1, 'grant_type is required'),
  client_id: z.string().optional(),
  client_secret: z.string().optional(),
});
export type TokenRequestBody = z.output<typeof tokenRequestBody>;

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

/**
 * The client's credentials from HTTP Basic (RFC 6749 2.3.1: form-encoded, then base64) or
 * from the body. Using both is allowed only when they name the same client.
 */
export function clientCredentials(body: TokenRequestBody, authorization: string | undefined): ClientCredentials {
  const basic = basicCredentials(authorization);
  if (basic && body.client_id !== undefined && body.client_id !== basic.clientId) {
    throw new AppError('INVALID_CLIENT', 'The Authorization header and the body name different clients');
  }
  const credentials = basic ?? { clientId: body.client_id, clientSecret: body.client_secret };
  if (!credentials.clientId || !credentials.clientSecret) {
    throw new AppError('INVALID_CLIENT', 'client_id and client_secret are required');
  }
  return { clientId: credentials.clientId, clientSecret: credentials.clientSecret };
}

function basicCredentials(authorization: string | undefined): ClientCredentials | undefined {
  const match = /^Basic\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw new AppError('INVALID_CLIENT', 'Malformed Basic credentials');
  return { clientId: formDecode(decoded.slice(0, colon)), clientSecret: formDecode(decoded.slice(colon + 1)) };
}

/** Clients that skip the form-encoding step still work: our ids and secrets never contain '%' or '+'. */
function formDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}
