/**
 * A bounds-checked reader for the FlatBuffers binary format, just enough to walk a schema
 * by hand: tables are addressed by field index (vtable slot), and every offset is checked
 * against the buffer so a truncated or hostile file fails with a message, not garbage.
 */
export class FlatBuffer {
  private readonly view: DataView;

  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** The root table; `identifier`, when given, must be the 4-byte file identifier after the root offset. */
  root(identifier?: string): Table {
    if (identifier !== undefined) {
      const actual = new TextDecoder().decode(this.slice(4, 4));
      if (actual !== identifier) throw new Error(`flatbuffer: file identifier is '${actual}', expected '${identifier}'`);
    }
    return new Table(this, this.offsetAt(0));
  }

  check(position: number, length: number): void {
    if (!(position >= 0 && length >= 0 && position + length <= this.bytes.length)) {
      throw new Error(`flatbuffer: ${length} bytes at ${position} lie outside the ${this.bytes.length}-byte buffer`);
    }
  }

  private read<T>(p: number, size: number, get: (view: DataView, at: number) => T): T {
    this.check(p, size);
    return get(this.view, p);
  }

  u8 = (p: number) => this.read(p, 1, (v, at) => v.getUint8(at));
  i8 = (p: number) => this.read(p, 1, (v, at) => v.getInt8(at));
  u16 = (p: number) => this.read(p, 2, (v, at) => v.getUint16(at, true));
  i32 = (p: number) => this.read(p, 4, (v, at) => v.getInt32(at, true));
  u32 = (p: number) => this.read(p, 4, (v, at) => v.getUint32(at, true));
  f32 = (p: number) => this.read(p, 4, (v, at) => v.getFloat32(at, true));
  i64 = (p: number) => this.read(p, 8, (v, at) => v.getBigInt64(at, true));
  u64 = (p: number) => this.read(p, 8, (v, at) => v.getBigUint64(at, true));

  /** A view (not a copy) of `length` bytes at `position`. */
  slice(position: number, length: number): Uint8Array {
    this.check(position, length);
    return this.bytes.subarray(position, position + length);
  }

  /** The target of the unsigned offset stored at `p` (offsets are relative to where they are stored). */
  offsetAt(p: number): number {
    const target = p + this.u32(p);
    this.check(target, 0);
    return target;
  }
}

/** A vector in the buffer: its element count and where element 0 starts. */
export interface VectorRef {
  length: number;
  start: number;
}

export class Table {
  private readonly vtable: number;
  private readonly vtableSize: number;

  constructor(
    readonly fb: FlatBuffer,
    readonly position: number,
  ) {
    this.vtable = position - fb.i32(position);
    this.vtableSize = fb.u16(this.vtable);
    if (this.vtableSize < 4 || this.vtableSize % 2 !== 0) throw new Error(`flatbuffer: bad vtable size ${this.vtableSize} at ${this.vtable}`);
    fb.check(this.vtable, this.vtableSize);
  }

  /** Absolute position of field `index`, or undefined when the field is absent (holds its default). */
  field(index: number): number | undefined {
    const slot = 4 + 2 * index;
    if (slot >= this.vtableSize) return undefined;
    const offset = this.fb.u16(this.vtable + slot);
    return offset === 0 ? undefined : this.position + offset;
  }

  has(index: number): boolean {
    return this.field(index) !== undefined;
  }

  /** A scalar field, or `fallback` (the schema default) when it is absent. */
  private scalar<T>(index: number, fallback: T, get: (p: number) => T): T {
    const p = this.field(index);
    return p === undefined ? fallback : get(p);
  }

  u8 = (index: number, fallback: number) => this.scalar(index, fallback, this.fb.u8);
  i8 = (index: number, fallback: number) => this.scalar(index, fallback, this.fb.i8);
  bool = (index: number, fallback: boolean) => this.scalar(index, fallback, (p) => this.fb.u8(p) !== 0);
  i32 = (index: number, fallback: number) => this.scalar(index, fallback, this.fb.i32);
  u32 = (index: number, fallback: number) => this.scalar(index, fallback, this.fb.u32);
  f32 = (index: number, fallback: number) => this.scalar(index, fallback, this.fb.f32);
  u64 = (index: number, fallback: bigint) => this.scalar(index, fallback, this.fb.u64);

  table(index: number): Table | undefined {
    const p = this.field(index);
    return p === undefined ? undefined : new Table(this.fb, this.fb.offsetAt(p));
  }

  string(index: number): string | undefined {
    const v = this.vector(index, 1);
    return v && new TextDecoder().decode(this.fb.slice(v.start, v.length));
  }

  /** A vector field whose elements are `elementSize` bytes wide; the whole vector is bounds-checked. */
  vector(index: number, elementSize: number): VectorRef | undefined {
    const p = this.field(index);
    if (p === undefined) return undefined;
    const at = this.fb.offsetAt(p);
    const length = this.fb.u32(at);
    this.fb.check(at + 4, length * elementSize);
    return { length, start: at + 4 };
  }

  bytes(index: number): Uint8Array | undefined {
    const v = this.vector(index, 1);
    return v && this.fb.slice(v.start, v.length);
  }

  private list<T>(index: number, width: number, get: (p: number) => T): T[] {
    const v = this.vector(index, width);
    return v ? Array.from({ length: v.length }, (_, k) => get(v.start + width * k)) : [];
  }

  i32s = (index: number) => this.list(index, 4, this.fb.i32);
  f32s = (index: number) => this.list(index, 4, this.fb.f32);
  i64s = (index: number) => this.list(index, 8, this.fb.i64);
  tables = (index: number) => this.list(index, 4, (p) => new Table(this.fb, this.fb.offsetAt(p)));
}
