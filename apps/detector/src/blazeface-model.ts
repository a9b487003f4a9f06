import { letterbox, letterboxToSource, type Point, type RgbImage } from '@bio/imaging';
import { concatFloat32, type OnnxModel, type TensorInfo } from '@bio/inference';
import { ANCHORS_PER_GRID, blazeFaceAnchors } from './blazeface-anchors';
import { decodeBlazeFace, REGRESSOR_WIDTH } from './blazeface-decoder';
import type { FaceCandidate } from './face-candidate';

interface OutputNames {
  scores: string[];
  regressors: string[];
}

/**
 * One BlazeFace network (front 128 or back 256; the input size is read from the model).
 * Outputs are found by shape, not by name, so a re-export with other tensor names fits.
 */
export class BlazeFaceModel {
  private readonly anchors = blazeFaceAnchors();

  private constructor(
    private readonly model: OnnxModel,
    private readonly inputName: string,
    readonly inputSize: number,
    private readonly outputs: OutputNames,
  ) {}

  static fromOnnx(model: OnnxModel): BlazeFaceModel {
    const input = model.inputs[0];
    const [batch, height, width, channels] = input?.dims ?? [];
    if (model.inputs.length !== 1 || !height || height !== width || channels !== 3 || (batch !== 1 && batch !== null)) {
      throw new Error(`Not a BlazeFace model: expected one NHWC [1,S,S,3] input, got ${JSON.stringify(model.inputs)}`);
    }
    return new BlazeFaceModel(model, input!.name, height, {
      scores: ANCHORS_PER_GRID.map((n) => outputOfShape(model.outputs, n, 1)),
      regressors: ANCHORS_PER_GRID.map((n) => outputOfShape(model.outputs, n, REGRESSOR_WIDTH)),
    });
  }

  /** Candidates in source-image pixels, before overlap removal. */
  async detect(image: RgbImage, minScore: number): Promise<FaceCandidate[]> {
    const size = this.inputSize;
    const boxed = await letterbox(image, size);
    const result = await this.model.run({ [this.inputName]: { data: toModelInput(boxed.image), dims: [1, size, size, 3] } });
    const logits = concatFloat32(this.outputs.scores.map((name) => result[name]!.data));
    const regressors = concatFloat32(this.outputs.regressors.map((name) => result[name]!.data));
    const toSource = (p: Point) => letterboxToSource(boxed, p);
    return decodeBlazeFace(logits, regressors, this.anchors, size, minScore).map((c) => {
      const [x0, y0] = toSource([c.box.x, c.box.y]);
      const [x1, y1] = toSource([c.box.x + c.box.width, c.box.y + c.box.height]);
      return { score: c.score, box: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 }, keypoints: c.keypoints.map(toSource) };
    });
  }
}

/** BlazeFace was trained on RGB scaled to [-1, 1]. */
function toModelInput(image: RgbImage): Float32Array {
  const out = new Float32Array(image.data.length);
  for (let i = 0; i < out.length; i++) out[i] = image.data[i]! / 127.5 - 1;
  return out;
}

function outputOfShape(outputs: TensorInfo[], anchors: number, width: number): string {
  const match = outputs.find((o) => o.dims.length === 3 && o.dims[1] === anchors && o.dims[2] === width);
  if (!match) throw new Error(`Not a BlazeFace model: no output of shape [1,${anchors},${width}]`);
  return match.name;
}
