export * from './env';
export * from './quality-thresholds';
