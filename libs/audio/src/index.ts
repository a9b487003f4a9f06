export * from './pcm-audio';
export * from './decode-audio';
export * from './resample';
export * from './fbank';
export * from './mel-filterbank';
export * from './speech-segments';
export * from './voice-activity-detector';
