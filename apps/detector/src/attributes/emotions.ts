/** Output order of human's emotion model (a greyscale one: oarriaga's labels). */
export const EMOTION_LABELS = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'] as const;

/** Probability per emotion label from the model's softmax output. */
export function decodeEmotions(probabilities: Float32Array): Record<string, number> {
  if (probabilities.length !== EMOTION_LABELS.length) {
    throw new Error(`The face-emotion model gives ${probabilities.length} scores, not ${EMOTION_LABELS.length}`);
  }
  return Object.fromEntries(EMOTION_LABELS.map((label, i) => [label, probabilities[i]!]));
}
