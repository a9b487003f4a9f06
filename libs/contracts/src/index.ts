export * from './errors';
export * from './queues';
export * from './jobs';
export * from './limits';
