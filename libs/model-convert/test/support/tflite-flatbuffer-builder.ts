/**
 * A small FlatBuffers writer for tests: it lays each object out after the one that refers
 * to it (FlatBuffers offsets point forward) and puts every vtable just before its table.
 * Enough to write hand-made TFLite models the converter must accept or refuse.
 */
export type Field =
  | undefined
  | { u8: number }
  | { i8: number }
  | { i32: number }
  | { u32: number }
  | { f32: number }
  | { table: Field[] }
  | { string: string }
  | { bytes: Uint8Array }
  | { i32s: number[] }
  | { f32s: number[] }
  | { i64s: number[] }
  | { tables: Field[][] };

class Writer {
  bytes: number[] = [];
  private view(n: number, write: (v: DataView) => void): number {
    const at = this.bytes.length;
    const chunk = new DataView(new ArrayBuffer(n));
    write(chunk);
    this.bytes.push(...new Uint8Array(chunk.buffer));
    return at;
  }
  align(n: number) {
    while (this.bytes.length % n !== 0) this.bytes.push(0);
  }
  u16 = (v: number) => this.view(2, (d) => d.setUint16(0, v, true));
  u32 = (v: number) => this.view(4, (d) => d.setUint32(0, v, true));
  patch(at: number, target: number) {
    const v = target - at;
    this.bytes.splice(at, 4, v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, (v >>> 24) & 0xff);
  }

  table(fields: Field[]): number {
    this.align(4);
    const vtable = this.bytes.length;
    const sizes = fields.map((f) => (f === undefined ? 0 : 'u8' in f || 'i8' in f ? 1 : 4));
    const offsets: number[] = [];
    let inline = 4;
    for (const s of sizes) {
      offsets.push(s === 0 ? 0 : inline);
      inline += s === 0 ? 0 : 4;
    }
    this.u16(4 + 2 * fields.length);
    this.u16(inline);
    offsets.forEach((o) => this.u16(o));
    this.align(4);
    const table = this.bytes.length;
    this.view(4, (d) => d.setInt32(0, table - vtable, true));
    const refs: [number, NonNullable<Field>][] = [];
    fields.forEach((f) => {
      if (f === undefined) return;
      if ('u8' in f) this.view(4, (d) => d.setUint8(0, f.u8));
      else if ('i8' in f) this.view(4, (d) => d.setInt8(0, f.i8));
      else if ('i32' in f) this.view(4, (d) => d.setInt32(0, f.i32, true));
      else if ('u32' in f) this.u32(f.u32);
      else if ('f32' in f) this.view(4, (d) => d.setFloat32(0, f.f32, true));
      else refs.push([this.u32(0), f]);
    });
    for (const [at, f] of refs) this.patch(at, this.object(f));
    return table;
  }

  private object(f: NonNullable<Field>): number {
    this.align(4);
    if ('table' in f) return this.table(f.table);
    if ('string' in f || 'bytes' in f) {
      const data = 'string' in f ? new TextEncoder().encode(f.string) : f.bytes;
      const at = this.u32(data.length);
      this.bytes.push(...data, 0);
      return at;
    }
    if ('i32s' in f || 'f32s' in f) {
      const list = 'i32s' in f ? f.i32s : f.f32s;
      const at = this.u32(list.length);
      for (const v of list) this.view(4, (d) => ('i32s' in f ? d.setInt32(0, v, true) : d.setFloat32(0, v, true)));
      return at;
    }
    if ('i64s' in f) {
      const at = this.u32(f.i64s.length);
      for (const v of f.i64s) this.view(8, (d) => d.setBigInt64(0, BigInt(v), true));
      return at;
    }
    if ('tables' in f) {
      const at = this.u32(f.tables.length);
      const slots = f.tables.map(() => this.u32(0));
      f.tables.forEach((t, k) => this.patch(slots[k]!, this.table(t)));
      return at;
    }
    throw new Error('flatbuffer-builder: a scalar cannot be written out of line');
  }
}

/** A whole buffer: root offset, the 4-byte file identifier, then the root table. */
export function buildFlatbuffer(root: Field[], identifier: string): Uint8Array {
  const w = new Writer();
  const rootSlot = w.u32(0);
  w.bytes.push(...new TextEncoder().encode(identifier));
  w.patch(rootSlot, w.table(root));
  return Uint8Array.from(w.bytes);
}
