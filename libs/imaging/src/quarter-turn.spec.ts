import { QUARTER_TURNS, turnedPointToSource, turnImage } from './quarter-turn';
import { createRgbImage, type Point, type RgbImage } from './rgb-image';

const source = { width: 40, height: 30 };

function markedPixel(image: RgbImage): Point {
  const at = image.data.findIndex((v) => v === 255) / 3;
  return [at % image.width, Math.floor(at / image.width)];
}

describe('turnedPointToSource', () => {
  it('maps the corners of each turned copy onto the corners they came from', () => {
    // Turning clockwise brings the source's bottom-left corner to the copy's top-left.
    expect(turnedPointToSource([0, 0], 90, source)).toEqual([0, 30]);
    expect(turnedPointToSource([30, 0], 90, source)).toEqual([0, 0]);
    expect(turnedPointToSource([0, 0], 180, source)).toEqual([40, 30]);
    expect(turnedPointToSource([0, 0], 270, source)).toEqual([40, 0]);
    expect(turnedPointToSource([0, 40], 270, source)).toEqual([0, 0]);
    expect(turnedPointToSource([12.5, 7.25], 0, source)).toEqual([12.5, 7.25]);
  });

  it('undoes the turn of a synthetic point for every quarter turn', () => {
    const point: Point = [10.5, 3.5];
    // The same point turned clockwise by hand: (x, y) -> (H - y, x) for 90 degrees.
    const turned: Record<number, Point> = { 0: [10.5, 3.5], 90: [26.5, 10.5], 180: [29.5, 26.5], 270: [3.5, 29.5] };
    for (const turn of QUARTER_TURNS) expect(turnedPointToSource(turned[turn]!, turn, source)).toEqual(point);
  });
});

describe('turnImage', () => {
  it('turns the pixels clockwise exactly as turnedPointToSource undoes it', async () => {
    const image = createRgbImage(source.width, source.height);
    image.data.fill(255, (3 * 40 + 10) * 3, (3 * 40 + 10) * 3 + 3); // pixel (10, 3)
    for (const turn of QUARTER_TURNS) {
      const turned = await turnImage(image, turn);
      const sideways = turn === 90 || turn === 270;
      expect([turned.width, turned.height]).toEqual(sideways ? [30, 40] : [40, 30]);
      const [x, y] = markedPixel(turned);
      expect(turnedPointToSource([x + 0.5, y + 0.5], turn, source)).toEqual([10.5, 3.5]);
    }
  });
});
