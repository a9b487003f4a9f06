import { createRgbImage } from '@bio/imaging';
import { mirrored, withFlip, type EmbeddingCandidate } from './embedding-candidate';

describe('test-time flip', () => {
  const image = createRgbImage(3, 2);
  image.data.set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18]);

  it('mirrors each row, keeping every pixel\'s channels together', () => {
    expect([...mirrored(image).data]).toEqual([7, 8, 9, 4, 5, 6, 1, 2, 3, 16, 17, 18, 13, 14, 15, 10, 11, 12]);
    expect(mirrored(mirrored(image)).data).toEqual(image.data);
  });

  it('embeds the crop and its mirror image and returns their normalised sum', async () => {
    // A stand-in embedder that reads the first pixel's red value: 1 upright, 7 mirrored.
    const seen: number[] = [];
    const base: EmbeddingCandidate = {
      name: 'first-pixel',
      embed: async (crop) => {
        seen.push(crop.data[0]!);
        return new Float32Array([crop.data[0]!, 0]);
      },
      close: async () => undefined,
    };
    const flipped = withFlip(base);
    expect(flipped.name).toBe('first-pixel + flip');
    expect([...(await flipped.embed(image))]).toEqual([1, 0]);
    expect(seen).toEqual([1, 7]);
  });
});
