export * from './voice-processor';
export * from './voice-worker';
export * from './speaker/speaker-embedder';
