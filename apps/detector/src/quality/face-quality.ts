import type { DetectedFace } from '@bio/contracts';
import type { RgbImage } from '@bio/imaging';
import type { Face } from '../face-detector';
import { faceRegion } from './face-region';
import { headPose } from './head-pose';
import { regionMetrics } from './region-metrics';

export type FaceQuality = NonNullable<DetectedFace['quality']>;

/** The quality of one detected face (seed 001's face_metrics, with the angles behind rotation). */
export async function measureFaceQuality(image: RgbImage, face: Face): Promise<FaceQuality> {
  const pose = headPose(face.landmarks);
  return {
    ...regionMetrics(await faceRegion(image, face.box), 'face'),
    ...pose,
    rotation: Math.max(Math.abs(pose.yaw), Math.abs(pose.pitch), Math.abs(pose.roll)),
  };
}
