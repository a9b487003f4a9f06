export * from './onnx-proto';
export * from './convert-tfjs-graph';
export { OnnxGraphBuilder } from './onnx-graph-builder';
export * from './faceapi';
export * from './tflite';
