import { createRgbImage } from '@bio/imaging';
import type { FaceCandidate } from './face-candidate';
import { FaceDetector, type CandidateSource } from './face-detector';

const candidate = (score: number, x: number, y: number, size: number): FaceCandidate => ({
  score,
  box: { x, y, width: size, height: size },
  keypoints: [[x + 30, y + 40], [x + 70, y + 40], [x + 50, y + 60], [x + 50, y + 80], [x + 5, y + 45], [x + 95, y + 45]],
});

const source = (found: FaceCandidate[]): CandidateSource => ({ detect: async () => found });

describe('FaceDetector', () => {
  const image = createRgbImage(400, 300);

  it('merges both networks, sorts faces largest first and names the keypoints', async () => {
    const detector = new FaceDetector([
      source([candidate(0.9, 10, 10, 60), candidate(0.8, 200, 100, 150)]),
      source([candidate(0.7, 203, 100, 150)]),
    ]);
    const faces = await detector.detect(image);
    expect(faces).toHaveLength(2);
    expect(faces[0]!.box.width).toBeCloseTo(150, 6);
    expect(faces[0]!.box.x).toBeCloseTo((200 * 0.8 + 203 * 0.7) / 1.5, 6);
    expect(faces[1]!.landmarks.leftEye).toEqual([40, 50]);
    expect(faces[1]!.landmarks.rightEar).toEqual([105, 55]);
  });

  it('clips boxes to the image', async () => {
    const faces = await new FaceDetector([source([candidate(0.9, 350, -20, 100)])]).detect(image);
    expect(faces[0]!.box).toEqual({ x: 350, y: 0, width: 50, height: 80 });
  });
});
