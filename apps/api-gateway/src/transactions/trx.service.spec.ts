import { errorCodeOf } from '../../../../libs/contracts/test/error-code-of';
import type { TransactionRepository, TrxBegin } from '@bio/db';
import { TrxService } from './trx.service';

function serviceAnswering(answer: TrxBegin) {
  const repository = {
    begin: jest.fn().mockResolvedValue(answer),
    complete: jest.fn().mockResolvedValue(undefined),
    abandon: jest.fn().mockResolvedValue(undefined),
  };
  return { service: new TrxService(repository as unknown as TransactionRepository), repository };
}

describe('TrxService', () => {
  it('hashes endpoint and body, ignoring key order but not the endpoint', () => {
    const { service } = serviceAnswering({ state: 'new' });
    const a = service.requestHash('facegallery/list-faces', { facegallery_id: 'g', trx_id: 't' });
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(service.requestHash('facegallery/list-faces', { trx_id: 't', facegallery_id: 'g' })).toBe(a);
    expect(service.requestHash('facegallery/delete-facegallery', { facegallery_id: 'g', trx_id: 't' })).not.toBe(a);
    expect(service.requestHash('facegallery/list-faces', { facegallery_id: 'h', trx_id: 't' })).not.toBe(a);
  });

  it('starts new calls and replays finished ones', async () => {
    const fresh = serviceAnswering({ state: 'new' });
    await expect(fresh.service.begin('c', 't', 'e', { a: 1 })).resolves.toEqual({ state: 'new' });
    expect(fresh.repository.begin).toHaveBeenCalledWith('c', 't', fresh.service.requestHash('e', { a: 1 }));

    const done = serviceAnswering({ state: 'replay', httpStatus: 200, body: { status: '200' } });
    await expect(done.service.begin('c', 't', 'e', {})).resolves.toEqual({ state: 'replay', httpStatus: 200, body: { status: '200' } });
  });

  it('refuses a reused trx_id with DUPLICATE_TRX_ID, and a running one with TRX_IN_PROGRESS', async () => {
    expect(await errorCodeOf(serviceAnswering({ state: 'conflict' }).service.begin('c', 't', 'e', {}))).toBe('DUPLICATE_TRX_ID');
    expect(await errorCodeOf(serviceAnswering({ state: 'pending' }).service.begin('c', 't', 'e', {}))).toBe('TRX_IN_PROGRESS');
  });

  it('passes complete and abandon through', async () => {
    const { service, repository } = serviceAnswering({ state: 'new' });
    await service.complete('c', 't', 200, { ok: true });
    await service.abandon('c', 't');
    expect(repository.complete).toHaveBeenCalledWith('c', 't', 200, { ok: true });
    expect(repository.abandon).toHaveBeenCalledWith('c', 't');
  });
});
