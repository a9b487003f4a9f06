import { decodeAge, decodeGender } from './age-gender';

describe('age and gender decoding', () => {
  it('takes the arg-max bin as years, moved towards the stronger neighbour', () => {
    const bins = new Float32Array(100);
    bins[30] = 0.6;
    bins[31] = 0.1;
    bins[29] = 0.05;
    expect(decodeAge(bins)).toBe(31);
    bins[29] = 0.2;
    expect(decodeAge(bins)).toBe(28);
  });

  it('answers the likelier gender with its probability', () => {
    expect(decodeGender(0.9)).toEqual({ gender: 'male', genderScore: 0.9 });
    expect(decodeGender(0.2)).toEqual({ gender: 'female', genderScore: 0.8 });
  });
});
