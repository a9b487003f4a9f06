#!/usr/bin/env node
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppError } from '@bio/contracts';
import { ConfigModule } from '../config/env.provider';
import { DatabaseModule } from '../database/database.module';
import { PipelineModule } from '../pipeline/pipeline.module';
import { parseWithSchema } from '../validation/parse-with-schema';
import { AdminModule } from './admin.module';
import { createClientBody, modelIdQuery, quotaLimitsBody } from './admin.schemas';
import { AdminService } from './admin.service';

const USAGE = `Usage:
  node apps/api-gateway/dist/admin/cli.js create-client --name <name>
  node apps/api-gateway/dist/admin/cli.js set-quota --client-id <cl_...> [--n-api-hits N] [--n-face N] [--n-facegallery N]`;

/**
 * The operator's shell access to AdminService: whoever can reach the database needs no admin
 * key. Redis is needed only to tell matchers about a deleted client.
 */
@Module({ imports: [ConfigModule, DatabaseModule, PipelineModule, AdminModule] })
class AdminCliModule {}

type Command = (admin: AdminService, args: string[]) => Promise<unknown>;

const COMMANDS: Record<string, Command> = {
  'create-client': (admin, args) => {
    const { values } = parseArgs({ args, options: { name: { type: 'string' } } });
    return admin.createClient(parseWithSchema(createClientBody, values).name);
  },
  'set-quota': (admin, args) => {
    const { values } = parseArgs({
      args,
      options: {
        'client-id': { type: 'string' },
        'n-api-hits': { type: 'string' },
        'n-face': { type: 'string' },
        'n-facegallery': { type: 'string' },
      },
    });
    const limits = parseWithSchema(quotaLimitsBody, {
      n_api_hits: optionalNumber(values['n-api-hits']),
      n_face: optionalNumber(values['n-face']),
      n_facegallery: optionalNumber(values['n-facegallery']),
    });
    return admin.setQuota(requiredClientId(values['client-id']), limits);
  },
  models: (admin) => admin.models(),
  'purge-model': (admin, args) => {
    const { values } = parseArgs({ args, options: { 'model-id': { type: 'string' } } });
    return admin.purgeModel(parseWithSchema(modelIdQuery, { model_id: values['model-id'] }).model_id);
  },
  disable: (admin, args) => admin.setDisabled(clientIdOnly(args), true),
  enable: (admin, args) => admin.setDisabled(clientIdOnly(args), false),
};

function requiredClientId(value: string | undefined): string {
  if (!value) throw new AppError('VALIDATION_FAILED', '--client-id is required');
  return value;
}

function clientIdOnly(args: string[]): string {
  return requiredClientId(parseArgs({ args, options: { 'client-id': { type: 'string' } } }).values['client-id']);
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const app = await NestFactory.createApplicationContext(AdminCliModule, { logger: ['error', 'warn'] });
  try {
    const result = await command(app.get(AdminService), args);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } finally {
    await app.close();
  }
}

function optionalNumber(value: string | undefined): number | undefined {
  return value === undefined ? undefined : Number(value);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    const message = err instanceof AppError ? `${err.code}: ${err.message}` : String((err as Error)?.message ?? err);
    process.stderr.write(`${message}\n`);
    process.exit(1);
  },
);
