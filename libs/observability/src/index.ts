export * from './logger';
export * from './stopwatch';
