import { heldOutCheck, identityHalves } from './held-out-check';
import type { Sample } from './verification-metrics';

/** A unit vector at `angle` radians in the plane: cosines between samples are cos(angle difference). */
const at = (identity: string, angle: number): Sample => ({ identity, embedding: new Float32Array([Math.cos(angle), Math.sin(angle)]) });

describe('heldOutCheck', () => {
  it('splits identities alternately in name order, and needs two in each half', () => {
    const samples = ['d', 'a', 'c', 'b'].map((id) => at(id, 0));
    expect(identityHalves(samples).map((h) => h.map((s) => s.identity).sort())).toEqual([['a', 'c'], ['b', 'd']]);
    expect(() => heldOutCheck(samples.slice(0, 3), [0.1])).toThrow(RangeError);
  });

  it('measures each fitted threshold on the other half, both ways round', () => {
    // Half a+c: tight identities far apart; half b+d: looser, with one close impostor pair.
    const samples = [
      at('a', 0), at('a', 0.05), at('c', 1.5), at('c', 1.55),
      at('b', 0), at('b', 0.4), at('d', 0.3), at('d', 0.7),
    ];
    const points = heldOutCheck(samples, [0.25]);
    expect(points.map((p) => [p.fittedOn, p.checkedOn])).toEqual([['a+c', 'b+d'], ['b+d', 'a+c']]);
    const [acToBd, bdToAc] = points;
    // FAR 0.25 of 4 impostor pairs lets one above: a+c's second closest (angle 1.5) is the threshold, low enough that every b+d impostor passes.
    expect(acToBd!.cosine).toBeCloseTo(Math.cos(1.5), 5);
    expect(acToBd!.impostorsAbove).toBe(4);
    expect(acToBd!.measuredFar).toBe(1);
    expect(acToBd!.tar).toBe(1);
    // b+d's second closest impostor pair (angle 0.3) sets a threshold that a+c's impostors never pass.
    expect(bdToAc!.cosine).toBeCloseTo(Math.cos(0.3), 5);
    expect(bdToAc!.measuredFar).toBe(0);
    expect(bdToAc!.genuinePairs).toBe(2);
    expect(bdToAc!.impostorPairs).toBe(4);
  });
});
