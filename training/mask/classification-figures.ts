export interface ClassificationFigures {
  count: number;
  truePositive: number;
  falsePositive: number;
  trueNegative: number;
  falseNegative: number;
  accuracy: number;
  precision: number;
  recall: number;
  /** Mean of the two classes' recalls: the validation faces are not balanced once the celebrity negatives join. */
  balancedAccuracy: number;
}

/** Figures for "mask" as the positive class, at a probability threshold. */
export function classificationFigures(probabilities: ArrayLike<number>, labels: ArrayLike<number>, threshold: number): ClassificationFigures {
  let [tp, fp, tn, fn] = [0, 0, 0, 0];
  for (let i = 0; i < labels.length; i++) {
    const predicted = probabilities[i]! >= threshold;
    if (labels[i] === 1) predicted ? tp++ : fn++;
    else predicted ? fp++ : tn++;
  }
  return {
    count: labels.length,
    truePositive: tp,
    falsePositive: fp,
    trueNegative: tn,
    falseNegative: fn,
    accuracy: (tp + tn) / labels.length,
    precision: tp / (tp + fp),
    recall: tp / (tp + fn),
    balancedAccuracy: (tp / (tp + fn) + tn / (tn + fp)) / 2,
  };
}

/** Candidate thresholds, 0.05 to 0.95 by 0.05. */
const THRESHOLDS = Array.from({ length: 19 }, (_, i) => (i + 1) / 20);

/** The threshold with the best balanced accuracy on the given (validation) faces; ties go to the one nearest 0.5. */
export function chooseThreshold(probabilities: ArrayLike<number>, labels: ArrayLike<number>): number {
  const scored = THRESHOLDS.map((t) => ({ t, score: classificationFigures(probabilities, labels, t).balancedAccuracy }));
  return scored.reduce((best, c) => (c.score > best.score || (c.score === best.score && Math.abs(c.t - 0.5) < Math.abs(best.t - 0.5)) ? c : best)).t;
}
