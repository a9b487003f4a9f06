import { Injectable, Logger } from '@nestjs/common';
import { UsageRepository, type UsageEntry } from '@bio/db';

/** Writes the usage ledger. A ledger outage must not turn a served call into an error. */
@Injectable()
export class UsageService {
  private readonly logger = new Logger('usage');

  constructor(private readonly usage: UsageRepository) {}

  async record(entry: UsageEntry): Promise<void> {
    try {
      await this.usage.record(entry);
    } catch (err) {
      this.logger.error(`Usage record lost for ${entry.dialect} ${entry.endpoint} (${entry.outcome}): ${(err as Error).message}`);
    }
  }
}
