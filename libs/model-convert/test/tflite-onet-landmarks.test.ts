import fs from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import sharp from 'sharp';
import { listCelebrities } from '../../../bench/accuracy/celebrity-set';
import { convertSource } from './support/tflite-models';

/**
 * The converted MTCNN O-Net on real faces: the celebrity crops are ArcFace-aligned, so
 * the five landmarks of a correct network must land near the ArcFace template's eyes,
 * nose tip and mouth corners. The crop is the face box, fed as the package's MTCNN.kt
 * feeds O-Net: resized to 48x48, RGB (x - 127.5) / 128, transposed (x before y, the
 * Caffe-trained layout); landmark j is (box.left + out[j] * w, box.top + out[j + 5] * h).
 */
const CELEBRITIES = path.resolve(__dirname, '../../../../shared/data/faces/celebrities');
const PER_IDENTITY = 8;
const CROP = 112;
const TEMPLATE: [number, number][] = [
  [38.2946, 51.6963],
  [73.5318, 51.5014],
  [56.0252, 71.7366],
  [41.5493, 92.3655],
  [70.7299, 92.2041],
];
const POINTS = ['left eye', 'right eye', 'nose', 'left mouth corner', 'right mouth corner'];
/** Mean error allowed per point, in pixels of the 112 crop (the eyes are ~35 px apart). */
const MAX_MEAN_ERROR = 6;

jest.setTimeout(120_000);

it(`O-Net's landmarks on ${PER_IDENTITY} aligned crops of each celebrity land on the ArcFace template`, async () => {
  const converted = convertSource('onet', { freeBatch: true });
  const files = listCelebrities(CELEBRITIES, PER_IDENTITY);
  const input = new Float32Array(files.length * 48 * 48 * 3);
  for (const [k, { file }] of files.entries()) {
    const rgb = await sharp(file).resize(48, 48, { fit: 'fill' }).removeAlpha().raw().toBuffer();
    for (let y = 0; y < 48; y++)
      for (let x = 0; x < 48; x++)
        for (let c = 0; c < 3; c++) input[((k * 48 + x) * 48 + y) * 3 + c] = (rgb[(y * 48 + x) * 3 + c]! - 127.5) / 128;
  }
  const session = await ort.InferenceSession.create(converted.onnx);
  const out = await session.run({ 'onet/input': new ort.Tensor('float32', input, [files.length, 48, 48, 3]) });
  await session.release();
  const prob = out['onet/prob1']!.data as Float32Array;
  const points = out['onet/conv6-3/conv6-3']!.data as Float32Array;
  const error = TEMPLATE.map(() => 0);
  let faces = 0;
  for (let k = 0; k < files.length; k++) {
    if (prob[2 * k + 1]! > 0.7) faces++;
    TEMPLATE.forEach(([tx, ty], j) => {
      error[j]! += Math.hypot(points[10 * k + j]! * CROP - tx, points[10 * k + j + 5]! * CROP - ty) / files.length;
    });
  }
  const mean = error.reduce((a, b) => a + b, 0) / error.length;
  fs.writeSync(
    1,
    `onet landmarks on ${files.length} celebrity crops: face prob > 0.7 on ${faces}; mean error ${mean.toFixed(2)} px of 112 (${POINTS.map((p, j) => `${p} ${error[j]!.toFixed(2)}`).join(', ')})\n`,
  );
  expect(faces / files.length).toBeGreaterThan(0.9);
  for (const e of error) expect(e).toBeLessThan(MAX_MEAN_ERROR);
});
