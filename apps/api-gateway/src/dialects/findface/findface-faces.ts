import type { DetectedFace } from '@bio/contracts';
import type { Bbox } from './findface-params';

/** Emotions at least this likely are reported, most likely first; the most likely one always is. */
const EMOTION_MIN_PROBABILITY = 0.2;

/** Our box as the reference returns bboxes: integer corners in the photo's pixels. */
export function bboxOf(face: DetectedFace): Bbox {
  const { x, y, width, height } = face.box;
  return { x1: Math.round(x), y1: Math.round(y), x2: Math.round(x + width), y2: Math.round(y + height) };
}

export interface AttributeRequest {
  gender: boolean;
  age: boolean;
  emotions: boolean;
}

export interface FaceAttributes {
  gender?: 'male' | 'female';
  age?: number;
  emotions?: string[];
}

export function wantsAttributes(request: AttributeRequest): boolean {
  return request.gender || request.age || request.emotions;
}

/** The attributes asked for, from the detector's; absent for a face it did not analyse. */
export function attributesOf(face: DetectedFace, request: AttributeRequest): FaceAttributes {
  const found = face.attributes;
  if (!found) return {};
  const out: FaceAttributes = {};
  if (request.gender) out.gender = found.gender;
  if (request.age) out.age = Math.round(found.age);
  if (request.emotions) {
    const ranked = Object.entries(found.emotions).sort(([, a], [, b]) => b - a);
    out.emotions = ranked.filter(([, p], i) => i === 0 || p >= EMOTION_MIN_PROBABILITY).map(([label]) => label);
  }
  return out;
}

/** Whether the face reaches the reference's minimal face size; smaller faces are not reported or used. */
export function isBigEnough(face: DetectedFace, minSide: number): boolean {
  return Math.min(face.box.width, face.box.height) >= minSide;
}

/** Intersection over union of two bboxes, to find the detected face a caller's bbox points at. */
export function overlap(a: Bbox, b: Bbox): number {
  const w = Math.max(0, Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1));
  const h = Math.max(0, Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1));
  const inter = w * h;
  const union = (a.x2 - a.x1) * (a.y2 - a.y1) + (b.x2 - b.x1) * (b.y2 - b.y1) - inter;
  return union > 0 ? inter / union : 0;
}
