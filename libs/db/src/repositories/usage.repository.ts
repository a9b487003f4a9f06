import type { PrismaClient } from '../prisma-client';

export interface UsageEntry {
  clientId?: string | undefined;
  trxId?: string | undefined;
  dialect: string;
  endpoint: string;
  httpStatus: number;
  /** "OK" or a stable error code. */
  outcome: string;
  billable: boolean;
  consent?: boolean | undefined;
  latencyMs: number;
}

/** The append-only ledger of API calls. */
export class UsageRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async record(entry: UsageEntry): Promise<void> {
    await this.prisma.usageRecord.create({
      data: {
        clientId: entry.clientId ?? null,
        trxId: entry.trxId === undefined ? null : clip(entry.trxId, 120),
        dialect: clip(entry.dialect, 32),
        endpoint: clip(entry.endpoint, 200),
        httpStatus: entry.httpStatus,
        outcome: clip(entry.outcome, 64),
        billable: entry.billable,
        consent: entry.consent ?? null,
        latencyMs: Math.max(0, Math.round(entry.latencyMs)),
      },
      select: { id: true },
    });
  }
}

/** Refused calls are recorded too, and their input may be longer than a column holds. */
function clip(value: string, max: number): string {
  return value.length > max ? value.slice(0, max) : value;
}
