import type { TfjsAttr, TfjsNode } from './tfjs-model-json';

/**
 * Typed access to a node's attributes. Built with the list of attributes its op converter
 * understands, so an attribute the converter has never seen stops the conversion instead
 * of being ignored.
 */
export class NodeAttributes {
  constructor(
    private readonly node: TfjsNode,
    understood: readonly string[],
  ) {
    for (const key of Object.keys(node.attr ?? {})) {
      if (!understood.includes(key)) this.fail(`attribute '${key}' is not supported`);
    }
  }

  string(key: string): string | undefined {
    const s = this.raw(key)?.s;
    return s === undefined ? undefined : Buffer.from(s, 'base64').toString('utf8');
  }

  strings(key: string): string[] {
    return (this.raw(key)?.list?.s ?? []).map((s) => Buffer.from(s, 'base64').toString('utf8'));
  }

  ints(key: string): number[] | undefined {
    const list = this.raw(key)?.list;
    return list ? (list.i ?? []).map(Number) : undefined;
  }

  int(key: string): number | undefined {
    const i = this.raw(key)?.i;
    return i === undefined ? undefined : Number(i);
  }

  bool(key: string): boolean | undefined {
    return this.raw(key)?.b;
  }

  type(key: string): string | undefined {
    return this.raw(key)?.type;
  }

  /** Refuses the node unless `value` (an attribute as read, with TF's default when absent) is one of `accepted`. */
  oneOf(key: string, value: unknown, accepted: readonly unknown[]): void {
    if (!accepted.some((a) => JSON.stringify(a) === JSON.stringify(value))) {
      this.fail(`${key} = ${JSON.stringify(value)} is not supported (supported: ${accepted.map((a) => JSON.stringify(a)).join(', ')})`);
    }
  }

  fail(reason: string): never {
    throw new Error(`${this.node.op} '${this.node.name}': ${reason}`);
  }

  private raw(key: string): TfjsAttr | undefined {
    return this.node.attr?.[key];
  }
}
