import type { SourceTemplate, TemplateSource } from '@bio/vector';

/** Stands in for the Postgres repository: the tests write "committed" templates here. */
export class InMemoryTemplateSource implements TemplateSource {
  private readonly templates = new Map<string, SourceTemplate>();
  /** Every index load starts by listing the model ids, so this counts loads. */
  loads = 0;

  add(...templates: SourceTemplate[]): void {
    for (const template of templates) this.templates.set(template.templateId, template);
  }

  removePerson(personId: string): void {
    for (const [id, template] of this.templates) if (template.personId === personId) this.templates.delete(id);
  }

  async modelIds(): Promise<string[]> {
    this.loads++;
    return [...new Set([...this.templates.values()].map((t) => t.modelId))];
  }

  async *iterateTemplates(modelId: string): AsyncGenerator<SourceTemplate> {
    for (const template of [...this.templates.values()]) if (template.modelId === modelId) yield template;
  }

  async findTemplate(templateId: string): Promise<SourceTemplate | null> {
    return this.templates.get(templateId) ?? null;
  }

  async templatesOfPerson(personId: string, modelId: string): Promise<Float32Array[]> {
    return [...this.templates.values()]
      .filter((t) => t.personId === personId && t.modelId === modelId)
      .map((t) => t.embedding);
  }
}
