import { createRgbImage, type RgbImage } from '@bio/imaging';
import type { Face } from '../face-detector';
import { detectInAnyOrientation, ORIENTATION_RULE } from './orientation-search';

const levelFace = (score: number): Face => ({
  box: { x: 10, y: 10, width: 20, height: 24 },
  score,
  landmarks: { leftEye: [15, 18], rightEye: [25, 18], nose: [20, 23], mouth: [20, 28], leftEar: [11, 20], rightEar: [29, 20] },
});

/** The same face with its eye line vertical, as BlazeFace reports some faces of a sideways photo. */
const sidewaysFace = (score: number): Face => ({
  ...levelFace(score),
  landmarks: { leftEye: [18, 25], rightEye: [18, 15], nose: [23, 20], mouth: [28, 20], leftEar: [20, 29], rightEar: [20, 11] },
});

/** A detector answering the upright pass, then the 90, 180 and 270 turns, in that order. */
function scripted(...answers: Face[][]) {
  const seen: Array<[number, number]> = [];
  const detector = {
    detect: async (image: RgbImage) => {
      seen.push([image.width, image.height]);
      return answers[seen.length - 1] ?? [];
    },
  };
  return { detector, seen };
}

describe('detectInAnyOrientation', () => {
  const image = createRgbImage(40, 30);

  it('keeps a confident, level upright face without trying any turn', async () => {
    const { detector, seen } = scripted([levelFace(ORIENTATION_RULE.trustUprightScore)]);
    const found = await detectInAnyOrientation(detector, image);
    expect(found.orientation).toBe(0);
    expect(found.faces).toHaveLength(1);
    expect(seen).toEqual([[40, 30]]);
    expect(Object.keys(found.timings)).toEqual(['detect']);
  });

  it('tries the three turns when the upright pass finds nothing and keeps the best-scoring one, mapped back', async () => {
    const { detector, seen } = scripted([], [levelFace(0.9)], [levelFace(0.95)], [levelFace(0.8)]);
    const found = await detectInAnyOrientation(detector, image);
    expect(seen).toEqual([[40, 30], [30, 40], [40, 30], [30, 40]]);
    expect(found.orientation).toBe(180);
    expect(found.faces[0]!.score).toBe(0.95);
    expect(found.faces[0]!.box).toEqual({ x: 10, y: -4, width: 20, height: 24 });
    expect(found.faces[0]!.landmarks.leftEye).toEqual([25, 12]);
    expect(Object.keys(found.timings).sort()).toEqual(['detect', 'turns']);
  });

  it('distrusts a confident upright face whose eye line stands on end', async () => {
    const { detector, seen } = scripted([sidewaysFace(0.93)], [], [], [levelFace(0.97)]);
    const found = await detectInAnyOrientation(detector, image);
    expect(seen).toHaveLength(4);
    expect(found.orientation).toBe(270);
  });

  it('keeps a weak level upright face unless a turn beats it clearly', async () => {
    const close = await detectInAnyOrientation(scripted([levelFace(0.8)], [levelFace(0.6)], [], [levelFace(0.87)]).detector, image);
    expect(close.orientation).toBe(0);
    expect(close.faces[0]!.score).toBe(0.8);
    const clear = await detectInAnyOrientation(scripted([levelFace(0.8)], [levelFace(0.6)], [], [levelFace(0.89)]).detector, image);
    expect(clear.orientation).toBe(270);
  });

  it('does not turn for a turned face that is not confident, even against nothing upright', async () => {
    const { detector } = scripted([], [levelFace(0.8)], [], []);
    expect((await detectInAnyOrientation(detector, image)).orientation).toBe(0);
  });

  it('does not take a turn whose face stands on end in the turned view', async () => {
    const { detector } = scripted([sidewaysFace(0.8)], [sidewaysFace(0.95)], [levelFace(0.88)], []);
    expect((await detectInAnyOrientation(detector, image)).orientation).toBe(180);
  });

  it('reports no face and no turn when no pass finds one', async () => {
    const found = await detectInAnyOrientation(scripted().detector, image);
    expect(found).toMatchObject({ faces: [], orientation: 0 });
  });
});
