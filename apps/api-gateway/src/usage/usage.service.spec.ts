import { Logger } from '@nestjs/common';
import type { UsageEntry, UsageRepository } from '@bio/db';
import { UsageService } from './usage.service';

const entry: UsageEntry = { dialect: 'native', endpoint: 'facegallery/enroll-face', httpStatus: 200, outcome: 'OK', billable: true, latencyMs: 12 };

describe('UsageService', () => {
  it('writes the record', async () => {
    const record = jest.fn().mockResolvedValue(undefined);
    await new UsageService({ record } as unknown as UsageRepository).record(entry);
    expect(record).toHaveBeenCalledWith(entry);
  });

  it('never throws into the caller: a lost record is logged', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const record = jest.fn().mockRejectedValue(new Error('connection refused'));
    await expect(new UsageService({ record } as unknown as UsageRepository).record(entry)).resolves.toBeUndefined();
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('connection refused'));
    logged.mockRestore();
  });
});
