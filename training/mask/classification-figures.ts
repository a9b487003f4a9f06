export interface ClassificationFigures {
  count: number;
  truePositive: number;
  falsePositive: number;
  trueNegative: number;
  falseNegative: number;
  accuracy: number;
  precision: number;
  recall: number;
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
  };
}
