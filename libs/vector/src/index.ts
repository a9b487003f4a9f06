export * from './vector-store';
export * from './template-source';
export * from './cosine';
export * from './change-feed';
export { EmbeddedVectorStore } from './embedded/embedded-vector-store';
