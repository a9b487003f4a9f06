/** One enrolled template as the source of truth (Postgres) keeps it. */
export interface SourceTemplate {
  templateId: string;
  personId: string;
  galleryId: string;
  modelId: string;
  embedding: Float32Array;
}

/**
 * Read access to the enrolled templates, from which a vector index is (re)built.
 * The index is a cache of this source: whatever the source says wins.
 */
export interface TemplateSource {
  /** Model ids that have at least one template. */
  modelIds(): Promise<string[]>;
  /** Every template of one model; implementations read page by page. */
  iterateTemplates(modelId: string): AsyncIterable<SourceTemplate>;
  /** One template, or null once it is deleted: upsert broadcasts carry ids, not vectors. */
  findTemplate(templateId: string): Promise<SourceTemplate | null>;
  templatesOfPerson(personId: string, modelId: string): Promise<Float32Array[]>;
}
