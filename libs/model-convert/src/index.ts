export * from './onnx-proto';
