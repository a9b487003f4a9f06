export * from './crop-tensor';
export * from './face-embedder';
export * from './embed-processor';
export * from './embedder-worker';
