import { randomBytes } from 'node:crypto';
import type { PrismaClient } from '../src/prisma-client';
import { ClientRepository, type ClientIdentity } from '../src/repositories/client.repository';
import type { QuotaCounters } from '../src/repositories/quota.repository';

export const TEST_LIMITS: QuotaCounters = { n_api_hits: 100, n_face: 50, n_facegallery: 5 };

/** A client with its quota row, under a unique public id. */
export function newClient(prisma: PrismaClient, limits: QuotaCounters = TEST_LIMITS): Promise<ClientIdentity> {
  return new ClientRepository(prisma, limits).create('Test client', `cl_${randomBytes(8).toString('hex')}`);
}

export const box = { x: 10, y: 20, width: 80, height: 90 };
