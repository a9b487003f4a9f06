export * from './model-manifest';
export * from './model-file';
export * from './onnx-model';
export * from './open-model';
export * from './concat-float32';
