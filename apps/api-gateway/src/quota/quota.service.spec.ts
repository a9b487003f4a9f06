import { AppError } from '@bio/contracts';
import type { QuotaRepository } from '@bio/db';
import { QuotaService } from './quota.service';

function fakeRepository(overrides: Partial<Record<keyof QuotaRepository, jest.Mock>>) {
  const repository = {
    tryReserve: jest.fn().mockResolvedValue(true),
    release: jest.fn().mockResolvedValue(undefined),
    setLimits: jest.fn().mockResolvedValue(true),
    remaining: jest.fn().mockResolvedValue({ n_api_hits: 1, n_face: 2, n_facegallery: 3 }),
    ...overrides,
  };
  return { service: new QuotaService(repository as unknown as QuotaRepository), repository };
}

const errorOf = (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => e as AppError);

describe('QuotaService', () => {
  it('reserves, and answers QUOTA_EXCEEDED naming the quota when nothing is left', async () => {
    const ok = fakeRepository({});
    await ok.service.reserve('c', 'faces', 2);
    expect(ok.repository.tryReserve).toHaveBeenCalledWith('c', 'faces', 2);

    const error = await errorOf(fakeRepository({ tryReserve: jest.fn().mockResolvedValue(false) }).service.reserve('c', 'galleries'));
    expect(error).toBeInstanceOf(AppError);
    expect(error?.code).toBe('QUOTA_EXCEEDED');
    expect(error?.details).toEqual({ quota: 'galleries' });
  });

  it('releases what was reserved', async () => {
    const { service, repository } = fakeRepository({});
    await service.release('c', 'apiHits');
    expect(repository.release).toHaveBeenCalledWith('c', 'apiHits', 1);
  });

  it('sets limits and answers what remains; an unknown client is CLIENT_NOT_FOUND', async () => {
    const { service, repository } = fakeRepository({});
    await expect(service.setLimits('c', { n_face: 5 })).resolves.toEqual({ n_api_hits: 1, n_face: 2, n_facegallery: 3 });
    expect(repository.setLimits).toHaveBeenCalledWith('c', { n_face: 5 });

    const missing = fakeRepository({ setLimits: jest.fn().mockResolvedValue(false), remaining: jest.fn().mockResolvedValue(null) });
    expect((await errorOf(missing.service.setLimits('c', { n_face: 5 })))?.code).toBe('CLIENT_NOT_FOUND');
    expect((await errorOf(missing.service.remaining('c')))?.code).toBe('CLIENT_NOT_FOUND');
  });
});
