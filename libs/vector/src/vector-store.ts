/**
 * The port every vector engine implements. Entries are face templates; one store holds
 * several embedding models side by side, and a template is only ever compared with
 * templates of the same model (a Qdrant engine maps a model id to a collection and
 * galleryId/personId to payload filters).
 */
export interface VectorEntry {
  /** The template id. */
  id: string;
  personId: string;
  galleryId: string;
  modelId: string;
  vector: Float32Array;
}

export interface SearchOptions {
  galleryId: string;
  modelId: string;
  topK: number;
}

export interface SearchHit {
  templateId: string;
  personId: string;
  /** Cosine similarity with the query. */
  score: number;
}

export interface CountFilter {
  modelId?: string;
  galleryId?: string;
  personId?: string;
}

export interface VectorStore {
  /** Inserts or replaces entries by id. */
  upsert(entries: readonly VectorEntry[]): Promise<void>;
  deleteTemplates(ids: readonly string[]): Promise<void>;
  deletePerson(personId: string): Promise<void>;
  deleteGallery(galleryId: string): Promise<void>;
  /** Templates of one gallery and model, best first. */
  search(vector: Float32Array, options: SearchOptions): Promise<SearchHit[]>;
  count(filter?: CountFilter): Promise<number>;
}
