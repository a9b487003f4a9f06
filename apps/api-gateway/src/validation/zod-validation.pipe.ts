import type { PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { parseWithSchema } from './parse-with-schema';

/** `@Body(new ZodValidationPipe(schema))`: the handler receives the parsed, typed value. */
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.output<S> {
    return parseWithSchema(this.schema, value);
  }
}
