/** Blobs kept in memory: benches measure the models and rules, not Redis. */
export class MemoryBlobs {
  private readonly store = new Map<string, Buffer>();
  private next = 0;
  async put(data: Buffer): Promise<string> {
    const key = `blob:mem:${this.next++}`;
    this.store.set(key, data);
    return key;
  }
  async get(key: string): Promise<Buffer> {
    const data = this.store.get(key);
    if (!data) throw new Error(`no blob ${key}`);
    return data;
  }
}
