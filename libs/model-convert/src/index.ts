export * from './onnx-proto';
export * from './convert-tfjs-graph';
