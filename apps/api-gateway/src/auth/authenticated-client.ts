import type { Request } from 'express';
import type { ClientIdentity } from '@bio/db';

/** The client a request acts for, once a guard has authenticated it. */
export type AuthenticatedClient = ClientIdentity;

export type RequestWithClient = Request & { client?: AuthenticatedClient };
