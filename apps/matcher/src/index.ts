export * from './index-sync';
export * from './person-ranking';
export * from './match-processor';
export * from './matcher-worker';
