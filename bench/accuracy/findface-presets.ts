import { countAbove, type PairScores } from './verification-metrics';

/** FindFace's threshold presets and the FAR each stands for (API-CONVENTIONS.md, "Scores"). */
export const FINDFACE_PRESETS = [
  { preset: 'strict', far: 1e-5 },
  { preset: 'medium', far: 1e-3 },
  { preset: 'low', far: 1e-1 },
] as const;

export interface PresetFigures {
  preset: string;
  /** The FAR the preset stands for. */
  far: number;
  /** The raw cosine the preset's similarity maps back to. */
  cosine: number;
  impostorsAbove: number;
  measuredFar: number;
  tar: number;
}

/** What each preset accepts on the given pairs, from the cosine its FAR was measured (or extrapolated) at. */
export function presetFigures(scores: PairScores, cosineAtFar: (far: number) => number): PresetFigures[] {
  return FINDFACE_PRESETS.map(({ preset, far }) => {
    const cosine = cosineAtFar(far);
    const impostorsAbove = countAbove(scores.impostor, cosine);
    return { preset, far, cosine, impostorsAbove, measuredFar: impostorsAbove / scores.impostor.length, tar: countAbove(scores.genuine, cosine) / scores.genuine.length };
  });
}
