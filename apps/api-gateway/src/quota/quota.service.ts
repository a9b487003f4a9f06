import { Injectable } from '@nestjs/common';
import { AppError } from '@bio/contracts';
import { QuotaRepository, type QuotaCounters, type QuotaKind } from '@bio/db';

const KIND_NAMES: Record<QuotaKind, string> = { apiHits: 'API hits', faces: 'faces', galleries: 'face galleries' };

/**
 * Reserve before the work, release when it fails: a refused or failed call costs nothing,
 * and concurrent calls cannot together spend more than the limit.
 */
@Injectable()
export class QuotaService {
  constructor(private readonly quotas: QuotaRepository) {}

  async reserve(clientId: string, kind: QuotaKind, n = 1): Promise<void> {
    if (!(await this.quotas.tryReserve(clientId, kind, n))) {
      throw new AppError('QUOTA_EXCEEDED', `Quota of ${KIND_NAMES[kind]} exhausted`, { quota: kind });
    }
  }

  async release(clientId: string, kind: QuotaKind, n = 1): Promise<void> {
    await this.quotas.release(clientId, kind, n);
  }

  async remaining(clientId: string): Promise<QuotaCounters> {
    const remaining = await this.quotas.remaining(clientId);
    if (!remaining) throw new AppError('CLIENT_NOT_FOUND');
    return remaining;
  }

  /** Changes the limits given (usage is kept) and answers what remains under them. */
  async setLimits(clientId: string, limits: Partial<QuotaCounters>): Promise<QuotaCounters> {
    if (!(await this.quotas.setLimits(clientId, limits))) throw new AppError('CLIENT_NOT_FOUND');
    return this.remaining(clientId);
  }
}
