import type { DiagonalGmm } from './diagonal-gmm';
import { whitenFrames, type FrameWhitening } from './frame-whitening';
import { gmmSupervector } from './gmm-supervector';
import { project, type LinearProjection } from './lda-projection';

/** The trained speaker model: frame whitening, background GMM, MAP relevance factor, supervector LDA. */
export interface SpeakerModel {
  whitening: FrameWhitening;
  gmm: DiagonalGmm;
  relevance: number;
  lda: LinearProjection;
}

export function modelSupervector(whitening: FrameWhitening, gmm: DiagonalGmm, relevance: number, fbank: Float32Array, frames: number): Float64Array {
  return gmmSupervector(gmm, whitenFrames(whitening, fbank, frames), frames, relevance);
}

/** The reference embedding (not normalised) that the ONNX export must reproduce. */
export function embedReference(model: SpeakerModel, fbank: Float32Array, frames: number): Float64Array {
  return project(model.lda, modelSupervector(model.whitening, model.gmm, model.relevance, fbank, frames));
}
