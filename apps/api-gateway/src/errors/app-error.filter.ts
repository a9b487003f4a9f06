import { ArgumentsHost, Catch, ExceptionFilter, Inject, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ERROR_DIALECTS, dialectForPath, type ErrorDialect } from './error-dialect';
import { toAppError } from './to-app-error';

/** The one global filter: maps every error to the wire form of the dialect that owns the path. */
@Catch()
export class AppErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('errors');

  constructor(@Inject(ERROR_DIALECTS) private readonly dialects: ErrorDialect[]) {}

  catch(thrown: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const error = toAppError(thrown);
    if (error.status >= 500) this.logger.error(`${request.method} ${request.path}: ${String((thrown as Error)?.stack ?? thrown)}`);
    response.locals.outcome = error.code;
    if (response.headersSent) return;
    const dialect = dialectForPath(this.dialects, request.path);
    const { status, body, headers, outcome } = dialect.render(error, response.locals);
    if (headers) response.set(headers);
    if (outcome) response.locals.outcome = outcome;
    response.status(status).json(body);
  }
}
