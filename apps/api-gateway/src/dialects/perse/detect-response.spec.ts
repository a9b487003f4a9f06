import type { DetectedFace } from '@bio/contracts';
import { perseDetection, perseFace } from './detect-response';

const face: DetectedFace = {
  box: { x: 10, y: 20, width: 100, height: 120 },
  score: 0.98765,
  landmarks: { leftEye: [40, 60], rightEye: [80, 60], nose: [60, 85], mouth: [60, 105], leftEar: [15, 70], rightEar: [105, 70] },
  quality: { underexposure: 0.012345, overexposure: 0, sharpness: 0.61234, color: 0.05, rotation: 7.891, yaw: 7.891, pitch: -2, roll: 1 },
  livenessScore: 0.912345,
};
const thresholds = { underexposure: 0.3, overexposure: 0.3, sharpness: 0.2, color: 0.5, rotation: 30, liveness: 0.5 };

describe('seed 001 detect answer', () => {
  it('gives the box as corners then size, landmarks as x/y objects and the five face metrics', () => {
    const mapped = perseFace(face);
    expect(mapped.bounding_box).toEqual([10, 20, 110, 140, 100, 120]);
    expect(mapped.landmarks.left_eye).toEqual({ x: 40, y: 60 });
    expect(mapped.landmarks.right_ear).toEqual({ x: 105, y: 70 });
    expect(mapped.face_metrics).toEqual({ underexposure: 0.0123, overexposure: 0, sharpness: 0.6123, color: 0.05, rotation: 7.89 });
    expect(mapped.liveness_score).toBe(0.9123);
  });

  it('adds age, gender and emotions only when the face carries them', () => {
    expect(perseFace(face)).not.toHaveProperty('attributes');
    const described = perseFace({ ...face, attributes: { age: 31.4, gender: 'female', genderScore: 0.87654, emotions: { happy: 0.9, neutral: 0.1 } } });
    expect(described.attributes).toEqual({ age: 31.4, gender: 'female', gender_score: 0.8765, emotions: { happy: 0.9, neutral: 0.1 } });
  });

  it('carries null metrics for a face that was not analysed', () => {
    const { quality: _q, livenessScore: _l, ...bare } = face;
    expect(perseFace(bare)).toMatchObject({ face_metrics: null, liveness_score: null });
  });

  it('counts every face and reports image metrics and the thresholds', () => {
    const answer = perseDetection(
      {
        ok: true,
        image: { width: 640, height: 480 },
        orientation: 0,
        imageQuality: { underexposure: 0.1, overexposure: 0.2, sharpness: 0.3, color: 0.4, brightness: 0.5 },
        faces: [face, face],
        timings: {},
      },
      thresholds,
    );
    expect(answer.total_faces).toBe(2);
    expect(answer.default_thresholds).toBe(thresholds);
    expect(answer.image_metrics).toEqual({ underexposure: 0.1, overexposure: 0.2, sharpness: 0.3, color: 0.4 });
  });
});
