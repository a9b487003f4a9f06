import { createRgbImage, type RgbImage } from '@bio/imaging';
import { l2Normalised } from '@bio/vector';

/**
 * One way of turning a face into an L2-normalised embedding, measured by
 * bench/accuracy/candidates.ts. Every candidate is handed the same ArcFace-aligned 112x112
 * RGB crop; one that wants another chip (size, margin, channel order) makes it from that.
 */
export interface EmbeddingCandidate {
  readonly name: string;
  embed(crop: RgbImage): Promise<Float32Array>;
  close(): Promise<void>;
}

export function mirrored(image: RgbImage): RgbImage {
  const out = createRgbImage(image.width, image.height);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const from = (y * image.width + x) * 3;
      const to = (y * image.width + (image.width - 1 - x)) * 3;
      out.data[to] = image.data[from]!;
      out.data[to + 1] = image.data[from + 1]!;
      out.data[to + 2] = image.data[from + 2]!;
    }
  }
  return out;
}

/** Test-time flip: the sum of the embeddings of the crop and its mirror image, renormalised; twice the cost. */
export function withFlip(base: EmbeddingCandidate): EmbeddingCandidate {
  return {
    name: `${base.name} + flip`,
    async embed(crop) {
      const [a, b] = [await base.embed(crop), await base.embed(mirrored(crop))];
      return l2Normalised(a.map((x, i) => x + b[i]!));
    },
    close: () => base.close(),
  };
}
