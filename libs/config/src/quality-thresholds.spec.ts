import path from 'node:path';
import { loadQualityThresholds, QUALITY_THRESHOLDS_FILE, qualityFailures } from './quality-thresholds';

const thresholds = { underexposure: 0.2, overexposure: 0.2, sharpness: 0.5, color: 0.5, rotation: 30 };
const good = { underexposure: 0.1, overexposure: 0.1, sharpness: 0.7, color: 0.1, rotation: 5, yaw: 5, pitch: 1, roll: 1 };

describe('quality thresholds', () => {
  it('reads the committed benchmark file', () => {
    const read = loadQualityThresholds(path.resolve(__dirname, '../../..', QUALITY_THRESHOLDS_FILE));
    expect(Object.keys(read).sort()).toEqual(['color', 'overexposure', 'rotation', 'sharpness', 'underexposure']);
  });

  it('names each metric past its threshold; sharpness fails from below', () => {
    expect(qualityFailures(good, thresholds)).toEqual([]);
    expect(qualityFailures({ ...good, underexposure: 0.3, sharpness: 0.4, rotation: 31 }, thresholds)).toEqual([
      'underexposure',
      'rotation',
      'sharpness',
    ]);
  });
});
