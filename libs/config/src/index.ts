export * from './env';
export * from './quality-thresholds';
export * from './calibration';
