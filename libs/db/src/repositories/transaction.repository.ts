import { Prisma, type PrismaClient } from '../prisma-client';

export type TrxBegin =
  | { state: 'new' }
  | { state: 'replay'; httpStatus: number; body: unknown }
  | { state: 'conflict' }
  | { state: 'pending' };

interface TrxRow {
  requestHash: string;
  state: string;
  httpStatus: number | null;
  responseBody: unknown;
  stale: boolean;
}

/** A crashed process can leave a trx_id pending; after this long another request may take it over. */
const DEFAULT_PENDING_TIMEOUT_MS = 10 * 60 * 1000;

/**
 * trx_id idempotency. The first request inserts a pending row (INSERT ... ON CONFLICT DO
 * NOTHING decides the race between duplicates atomically) and later completes it with its
 * answer, which identical retries get back.
 */
export class TransactionRepository {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly pendingTimeoutMs = DEFAULT_PENDING_TIMEOUT_MS,
  ) {}

  async begin(clientId: string, trxId: string, requestHash: string): Promise<TrxBegin> {
    // Twice at most: the row we collided with may be abandoned before we read it.
    for (let attempt = 0; attempt < 2; attempt++) {
      const inserted = await this.prisma.$executeRaw`
        INSERT INTO "transactions" ("client_id", "trx_id", "request_hash", "state")
        VALUES (${clientId}::uuid, ${trxId}, ${requestHash}, 'pending')
        ON CONFLICT DO NOTHING`;
      if (inserted === 1) return { state: 'new' };

      const [row] = await this.prisma.$queryRaw<TrxRow[]>`
        SELECT "request_hash" AS "requestHash", "state", "http_status" AS "httpStatus",
               "response_body" AS "responseBody",
               "created_at" < now() - make_interval(secs => ${this.pendingTimeoutMs / 1000}) AS "stale"
          FROM "transactions" WHERE "client_id" = ${clientId}::uuid AND "trx_id" = ${trxId}`;
      if (!row) continue;
      if (row.requestHash !== requestHash) return { state: 'conflict' };
      // A CHECK constraint guarantees done rows carry their status.
      if (row.state === 'done') return { state: 'replay', httpStatus: row.httpStatus!, body: row.responseBody };
      if (row.stale && (await this.takeOver(clientId, trxId))) return { state: 'new' };
      return { state: 'pending' };
    }
    return { state: 'pending' };
  }

  async complete(clientId: string, trxId: string, httpStatus: number, body: unknown): Promise<void> {
    await this.prisma.transaction.updateMany({
      where: { clientId, trxId, state: 'pending' },
      data: { state: 'done', httpStatus, responseBody: body === null ? Prisma.JsonNull : (body as Prisma.InputJsonValue) },
    });
  }

  /** Forgets a failed first attempt, so the same trx_id may be tried again. */
  async abandon(clientId: string, trxId: string): Promise<void> {
    await this.prisma.transaction.deleteMany({ where: { clientId, trxId, state: 'pending' } });
  }

  /** Restarts the clock of a stale pending row; only one of several racing callers wins. */
  private async takeOver(clientId: string, trxId: string): Promise<boolean> {
    const updated = await this.prisma.$executeRaw`
      UPDATE "transactions" SET "created_at" = now()
       WHERE "client_id" = ${clientId}::uuid AND "trx_id" = ${trxId} AND "state" = 'pending'
         AND "created_at" < now() - make_interval(secs => ${this.pendingTimeoutMs / 1000})`;
    return updated === 1;
  }
}
