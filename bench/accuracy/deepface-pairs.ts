import { readFileSync } from 'node:fs';
import path from 'node:path';

export const DEEPFACE = path.resolve(__dirname, '../../../shared/data/faces/deepface');

/** The labelled pairs of deepface's master.csv (file_x, file_y, Decision). */
export function readMasterPairs(): Array<{ x: string; y: string; same: boolean }> {
  const lines = readFileSync(path.join(DEEPFACE, 'master.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
  return lines.map((line) => {
    const [x, y, decision] = line.split(',');
    return { x: x!, y: y!, same: decision!.trim() === 'Yes' };
  });
}
