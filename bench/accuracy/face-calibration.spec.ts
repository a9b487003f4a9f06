import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeCalibration, type FaceCalibration } from './face-calibration';

const measured: FaceCalibration = {
  modelId: 'm1',
  dataset: 'pairs',
  genuinePairs: 10,
  impostorPairs: 1000,
  measuredAt: '2026-11-22',
  thresholds: [
    { far: 1e-1, cosine: 0.1, tar: 0.9 },
    { far: 1e-2, cosine: 0.2, tar: 0.8 },
  ],
  eer: 0.05,
};
const extrapolated = { far: 1e-3, cosine: 0.3, tar: 0.7, extrapolated: true, method: 'tail fit' } as const;

describe('writeCalibration', () => {
  const file = () => path.join(mkdtempSync(path.join(tmpdir(), 'calibration-')), 'm1.json');
  const read = (f: string) => JSON.parse(readFileSync(f, 'utf8')) as FaceCalibration;

  it('keeps the earlier date when only the extrapolated points and the date differ, so the scale ids stay the same', () => {
    const f = file();
    writeCalibration(f, measured);
    const written = writeCalibration(f, { ...measured, measuredAt: '2026-12-01', thresholds: [...measured.thresholds, extrapolated] });
    expect(written.measuredAt).toBe('2026-11-22');
    expect(read(f)).toEqual({ ...measured, thresholds: [...measured.thresholds, extrapolated] });
  });

  it('keeps the earlier date when a held-out check is added: the mapping it checks is the same', () => {
    const f = file();
    writeCalibration(f, measured);
    const heldOutCheck = [{ far: 1e-2, fittedOn: 'a', checkedOn: 'b', cosine: 0.2, measuredFar: 0.03, tar: 0.8 }];
    expect(writeCalibration(f, { ...measured, measuredAt: '2026-12-01', heldOutCheck }).measuredAt).toBe('2026-11-22');
    expect(read(f).heldOutCheck).toEqual(heldOutCheck);
  });

  it('takes the new date when a measured figure changed', () => {
    const f = file();
    writeCalibration(f, measured);
    writeCalibration(f, { ...measured, measuredAt: '2026-12-01', eer: 0.06 });
    expect(read(f).measuredAt).toBe('2026-12-01');
  });

  it('writes a first calibration as given', () => {
    const f = file();
    expect(writeCalibration(f, measured)).toEqual(measured);
    expect(read(f)).toEqual(measured);
  });
});
