import { estimateSimilarity, type Affine, type Point } from '@bio/imaging';

/** dlib's face chip: 150 px, its 5-point template placed with padding 0.25 (get_face_chip_details). */
export const CHIP = 150;
const CHIP_PADDING = 0.25;

/** dlib's 5-point chip template on the unit square: image-right eye outer, inner; image-left eye outer, inner; nose base. */
const DLIB_TEMPLATE: readonly Point[] = [
  [0.8595674595992, 0.2134981538014],
  [0.6460604764104, 0.2289674387677],
  [0.1205750620789, 0.2137274526848],
  [0.3340850613712, 0.2290642403242],
  [0.4901123135679, 0.6277975316475],
];

/** dlib places template point p at (padding + p) / (1 + 2 padding) * size, in pixel indices; +0.5 makes it continuous. */
const chipPoint = ([x, y]: Point): Point => [((CHIP_PADDING + x) / (1 + 2 * CHIP_PADDING)) * CHIP + 0.5, ((CHIP_PADDING + y) / (1 + 2 * CHIP_PADDING)) * CHIP + 0.5];
export const DLIB_CHIP_POINTS = DLIB_TEMPLATE.map(chipPoint);

/** The ArcFace 112 template (OpenCV pixel indices, +0.5 to continuous): eyes (image-left first), nose tip, mouth corners. */
export const ARCFACE: readonly Point[] = [
  [38.2946, 51.6963],
  [73.5318, 51.5014],
  [56.0252, 71.7366],
  [41.5493, 92.3655],
  [70.7299, 92.2041],
].map(([x, y]) => [x! + 0.5, y! + 0.5]);

const mid = (a: Point, b: Point): Point => [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];

/**
 * ArcFace crop -> dlib chip: the one similarity that takes the ArcFace template's eye centres
 * onto dlib's (each the mean of that eye's two template corners). The chip reaches below the
 * crop; that strip stays black, as dlib fills outside the image.
 */
export const TEMPLATE_CHIP: Affine = estimateSimilarity(
  [ARCFACE[0]!, ARCFACE[1]!],
  [mid(DLIB_CHIP_POINTS[2]!, DLIB_CHIP_POINTS[3]!), mid(DLIB_CHIP_POINTS[0]!, DLIB_CHIP_POINTS[1]!)],
);
