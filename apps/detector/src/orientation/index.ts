export * from './face-in-source';
export * from './orientation-search';
