import type { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Env } from '@bio/config';
import { json, urlencoded, type NextFunction, type Request, type Response } from 'express';
import { AppModule } from './app.module';
import { AppErrorFilter } from './errors/app-error.filter';
import { ERROR_DIALECTS } from './errors/error-dialect';
import { toAppError } from './errors/to-app-error';

/**
 * Turns body-parser failures into AppErrors before Nest sees them: Nest rewraps a JSON
 * syntax error as a bare 400 that no longer says what went wrong.
 */
function bodyParserErrors(err: unknown, _req: Request, _res: Response, next: NextFunction): void {
  next(toAppError(err));
}

/** Nest's own log levels matching LOG_LEVEL. */
function nestLogLevels(level: Env['LOG_LEVEL']): LogLevel[] | false {
  const order: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];
  const cut = { silent: 0, fatal: 1, error: 2, warn: 3, info: 4, debug: 5, trace: 6 }[level];
  return cut === 0 ? false : order.slice(0, cut);
}

/** Builds the gateway with its body limits, the one error filter and the OpenAPI document. */
export async function createGatewayApp(env: Env): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    bodyParser: false,
    // Throw instead of exiting the process, so a caller (start script, tests) sees why.
    abortOnError: false,
    logger: nestLogLevels(env.LOG_LEVEL),
  });
  // Bodies of GET and DELETE are parsed too: the seed sends JSON bodies with them.
  app.use(
    json({ limit: env.BODY_LIMIT_BYTES, type: ['application/json', 'application/*+json'] }),
    urlencoded({ limit: env.BODY_LIMIT_BYTES, extended: false }),
    bodyParserErrors,
  );
  app.useGlobalFilters(new AppErrorFilter(app.get(ERROR_DIALECTS)));
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Face biometrics API')
      .setDescription(
        'Native face-gallery API (/face-api); seed 001 face and voice API (/face, /enrollment, /voice; Bearer token); ' +
          'identity users API (/users; x-api-key); ADVANCE-style API (/openapi; X-ACCESS-TOKEN); credentials (/admin, /oauth) and health. ' +
          'Native similarity is on 0..1; `verified` is true at >= 0.75, which stands for a false-accept rate of 1e-3 for faces and 1e-2 ' +
          'for voices, measured on real pairs. Liveness is experimental (measured on live photos only). See the README for every figure.',
      )
      .setVersion('0.1.0')
      .addApiKey({ type: 'apiKey', in: 'header', name: 'Accesstoken' }, 'Accesstoken')
      .addApiKey({ type: 'apiKey', in: 'header', name: 'x-admin-key' }, 'admin')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
