import type { Env } from '@bio/config';
import type { RgbImage } from '@bio/imaging';
import { createLogger } from '@bio/observability';
import { alignFace, alignmentTransform } from '../../../apps/detector/src/face-alignment';
import { openFaceDetector } from '../../../apps/detector/src/detector-worker';
import type { StageTimer } from '../../support/stage-timer';
import { contextCrop } from '../../../apps/detector/src/face-crop/context-crop';
import { FACERES_SIZE } from './faceres';
import { onetRefiner } from './onet-refinement';

export interface PipelineCrop {
  /** The service's crop of the largest face (BlazeFace keypoints, ArcFace alignment); null when no face was found. */
  crop: RgbImage | null;
  /** With O-Net alignment: the same face cut again on O-Net's five points. */
  refined?: RgbImage | null;
  /** human's own crop of the face (the detector's context crop, FACERES_SIZE), for faceres. */
  context?: RgbImage | null;
}

/** The service's detector and alignment, timed, for every candidate to be handed the same crops. */
export async function openPipelineCropper(env: Env, repoRoot: string, options: { onetAlignment: boolean; timer: StageTimer }) {
  const { detector, close } = await openFaceDetector(env, createLogger('bench', 'warn'));
  const refiner = options.onetAlignment ? await onetRefiner(repoRoot, env.INFERENCE_THREADS) : null;
  const { timer } = options;
  return {
    async crop(image: RgbImage): Promise<PipelineCrop> {
      const [face] = await timer.time('detect', () => detector.detect(image));
      if (!face) return { crop: null, context: null, ...(refiner && { refined: null }) };
      const crop = await timer.time('align', () => alignFace(image, face.landmarks));
      const context = await timer.time('context-crop', () => contextCrop(image, face, FACERES_SIZE));
      if (!refiner) return { crop, context };
      return { crop, context, refined: await timer.time('onet-align', () => refiner.refine(image, alignmentTransform(face.landmarks), crop)) };
    },
    close: async () => {
      await Promise.all([close(), refiner?.close()]);
    },
  };
}
