export { convertTflite, type TfliteConvertOptions } from './convert-tflite';
export { readTfliteModel, type TfliteModel, type TfliteOperator, type TfliteSubgraph, type TfliteTensor } from './tflite-model';
export { builtinOperatorName } from './builtin-operators';
