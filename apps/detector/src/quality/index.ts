export * from './exposure';
export * from './sharpness';
export * from './color';
export * from './head-pose';
export * from './face-region';
export * from './region-metrics';
export * from './face-quality';
export * from './image-quality';
