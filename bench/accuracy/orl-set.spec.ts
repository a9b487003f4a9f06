import { readPgm } from './orl-set';

describe('readPgm', () => {
  it('reads an 8-bit P5 file into grey RGB', () => {
    const file = Buffer.concat([Buffer.from('P5 3 2\n255\n', 'latin1'), Buffer.from([0, 10, 20, 30, 40, 255])]);
    const image = readPgm(file);
    expect([image.width, image.height]).toEqual([3, 2]);
    expect([...image.data.subarray(0, 6)]).toEqual([0, 0, 0, 10, 10, 10]);
    expect([...image.data.subarray(15, 18)]).toEqual([255, 255, 255]);
  });

  it('refuses other formats, 16-bit files and truncated pixels', () => {
    expect(() => readPgm(Buffer.from('P2 3 2 255\n0 1 2 3 4 5', 'latin1'))).toThrow(/P5/);
    expect(() => readPgm(Buffer.from('P5 1 1 65535\n\u0000\u0000', 'latin1'))).toThrow(/maxval/);
    expect(() => readPgm(Buffer.concat([Buffer.from('P5 3 2 255\n', 'latin1'), Buffer.from([1, 2])]))).toThrow(/truncated/);
  });
});
