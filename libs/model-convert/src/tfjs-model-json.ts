/** The parts of a TF.js graph-model model.json (format 'graph-model') the converter reads. */
export interface TfjsAttr {
  s?: string;
  i?: string;
  f?: number;
  b?: boolean;
  type?: string;
  shape?: { dim?: { size: string }[]; unknownRank?: boolean };
  list?: { s?: string[]; i?: string[]; f?: number[] };
  tensor?: unknown;
}

export interface TfjsNode {
  name: string;
  op: string;
  input?: string[];
  attr?: Record<string, TfjsAttr>;
  device?: string;
}

export type TfjsDtype = 'float32' | 'int32' | 'bool' | 'string' | 'complex64';

export interface TfjsQuantization {
  dtype: 'uint8' | 'uint16' | 'float16';
  scale?: number;
  min?: number;
  original_dtype?: TfjsDtype;
}

export interface TfjsWeightSpec {
  name: string;
  shape: number[];
  dtype: TfjsDtype;
  quantization?: TfjsQuantization;
}

export interface TfjsWeightGroup {
  paths: string[];
  weights: TfjsWeightSpec[];
}

export interface TfjsSignatureEntry {
  name: string;
}

export interface TfjsModelJson {
  format?: string;
  modelTopology: { node: TfjsNode[]; library?: { function?: unknown[] } };
  weightsManifest: TfjsWeightGroup[];
  signature?: { inputs?: Record<string, TfjsSignatureEntry>; outputs?: Record<string, TfjsSignatureEntry> };
}

/** Checks the outline of a parsed model.json; the details are checked where they are used. */
export function asTfjsModelJson(parsed: unknown): TfjsModelJson {
  const json = parsed as Partial<TfjsModelJson> | null;
  if (!json || typeof json !== 'object') throw new Error('model.json: not an object');
  if (json.format !== undefined && json.format !== 'graph-model') throw new Error(`model.json: format '${json.format}' is not a TF.js graph model`);
  if (!Array.isArray(json.modelTopology?.node)) throw new Error('model.json: modelTopology.node is missing (a layers model cannot be converted)');
  if ((json.modelTopology.library?.function?.length ?? 0) > 0) throw new Error('model.json: graph functions (control flow) are not supported');
  if (!Array.isArray(json.weightsManifest)) throw new Error('model.json: weightsManifest is missing');
  return json as TfjsModelJson;
}
