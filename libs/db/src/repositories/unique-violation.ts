import { Prisma } from '../prisma-client';

/** Prisma's code for a unique-constraint violation, whichever index tripped. */
export function isUniqueViolation(err: unknown): boolean {
  return err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002';
}
