/**
 * The two protobuf wire encodings a small ONNX file needs: varints and length-delimited
 * fields. Each function returns one encoded field; messages are concatenations.
 */
const VARINT = 0;
const LENGTH_DELIMITED = 2;

function varint(value: number): number[] {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`protobuf varint out of range: ${value}`);
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  bytes.push(rest);
  return bytes;
}

const key = (field: number, wire: number) => varint(field * 8 + wire);

export function intField(field: number, value: number): Uint8Array {
  return Uint8Array.from([...key(field, VARINT), ...varint(value)]);
}

export function bytesField(field: number, value: Uint8Array): Uint8Array {
  return concat([Uint8Array.from([...key(field, LENGTH_DELIMITED), ...varint(value.length)]), value]);
}

export function stringField(field: number, value: string): Uint8Array {
  return bytesField(field, new TextEncoder().encode(value));
}

export function messageField(field: number, parts: Uint8Array[]): Uint8Array {
  return bytesField(field, concat(parts));
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
