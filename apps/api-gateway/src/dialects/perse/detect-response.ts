import type { DetectedFace } from '@bio/contracts';
import type { Detection } from '../../pipeline/face-pipeline.service';

type Point = [number, number];
const round = (v: number, digits = 4) => Number(v.toFixed(digits));
const xy = ([x, y]: Point) => ({ x: round(x, 1), y: round(y, 1) });

/** The thresholds seed 001 returns beside its metrics; liveness stands apart from the quality file. */
export interface PerseThresholds {
  underexposure: number;
  overexposure: number;
  sharpness: number;
  color: number;
  rotation: number;
  liveness: number;
}

/**
 * One face of seed 001's detect answer. Landmark sides are the viewer's (left_eye is the eye
 * on the image's left). bounding_box is [left, top, right, bottom, width, height] in pixels
 * of the upright image. Faces past the analysed ones carry null metrics.
 */
export function perseFace(face: DetectedFace) {
  const { box, landmarks: l, quality, attributes } = face;
  return {
    landmarks: {
      left_eye: xy(l.leftEye), right_eye: xy(l.rightEye), nose: xy(l.nose), mouth: xy(l.mouth),
      left_ear: xy(l.leftEar), right_ear: xy(l.rightEar),
    },
    bounding_box: [box.x, box.y, box.x + box.width, box.y + box.height, box.width, box.height].map((v) => round(v, 1)),
    face_metrics: quality
      ? {
          underexposure: round(quality.underexposure), overexposure: round(quality.overexposure),
          sharpness: round(quality.sharpness), color: round(quality.color), rotation: round(quality.rotation, 2),
        }
      : null,
    liveness_score: face.livenessScore === undefined ? null : round(face.livenessScore),
    detection_score: round(face.score),
    // Only when the caller asked for attributes (an extension of the document, FindFace-style).
    ...(attributes
      ? {
          attributes: {
            age: attributes.age,
            gender: attributes.gender,
            gender_score: round(attributes.genderScore),
            emotions: Object.fromEntries(Object.entries(attributes.emotions).map(([k, v]) => [k, round(v)])),
          },
        }
      : {}),
  };
}

/** Seed 001's detect answer (time_taken is added by the caller). */
export function perseDetection(detection: Detection, thresholds: PerseThresholds) {
  const image = detection.imageQuality;
  return {
    total_faces: detection.faces.length,
    faces: detection.faces.map(perseFace),
    default_thresholds: thresholds,
    image_metrics: image
      ? { underexposure: round(image.underexposure), overexposure: round(image.overexposure), sharpness: round(image.sharpness), color: round(image.color) }
      : null,
  };
}
