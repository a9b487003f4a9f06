export * from './connection';
export * from './blob-store';
export * from './job-runner';
export * from './worker';
