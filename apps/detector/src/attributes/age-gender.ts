/**
 * Age from the faceres model's 100-way output, where bin k stands for k years (human's
 * decoding): the arg-max bin, moved towards its stronger neighbour by ten times that
 * neighbour's probability. Years, to one decimal.
 */
export function decodeAge(bins: Float32Array): number {
  let best = 0;
  for (let k = 1; k < bins.length; k++) if (bins[k]! > bins[best]!) best = k;
  const below = bins[best - 1] ?? 0;
  const above = bins[best + 1] ?? 0;
  const tenths = below > above ? 10 * best - 100 * below : 10 * best + 100 * above;
  return Math.round(tenths) / 10;
}

/** The faceres gender output is P(male); the answer is the likelier gender with its probability. */
export function decodeGender(male: number): { gender: 'male' | 'female'; genderScore: number } {
  return male > 0.5 ? { gender: 'male', genderScore: male } : { gender: 'female', genderScore: 1 - male };
}
