import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ThrottlerException } from '@nestjs/throttler';
import { ZodValidationException } from 'nestjs-zod';
import { QueryFailedError } from 'typeorm';
import { z } from 'zod';
import { errorDetail, problemTypeUri, type ErrorCode, type ProblemDetails } from '@minga/contracts';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '../database/database-outage';
import { Problem, type FieldError } from './problem';

const STATUS_CODES: Record<number, ErrorCode> = {
  // Field validation arrives as Problem or ZodValidationException; a bare 400 is a body or URL that could not be parsed
  // (Nest turns body-parser's SyntaxError into a BadRequestException before this filter sees it).
  400: 'malformed_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'already_exists',
  410: 'invitation_invalid',
  413: 'payload_too_large',
  423: 'account_locked',
  429: 'rate_limited',
  503: 'service_unavailable',
};

/** Renders every error of the API as application/problem+json; nothing else ever leaves as an error. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    const { problem, headers } = this.toProblem(exception);
    problem.instance = req.originalUrl?.split('?')[0];
    // An outage fails every request alike: one line each, not a stack each.
    if (problem.code === 'service_unavailable')
      this.logger.warn(`${problem.instance}: ${exception instanceof Error ? exception.message : String(exception)}`);
    else if (problem.status >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    for (const [name, value] of Object.entries(headers ?? {})) res.setHeader(name, value);
    res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown): { problem: ProblemDetails; headers?: Record<string, string> } {
    if (exception instanceof Problem) {
      const problem = build(exception.code, exception.getStatus(), exception.message, exception.errors);
      return { problem: exception.params ? { ...problem, params: exception.params } : problem, headers: exception.headers };
    }
    if (exception instanceof ZodValidationException) {
      const error = exception.getZodError() as z.ZodError;
      return { problem: build('validation_failed', 400, 'The request is not valid', fieldErrors(error)) };
    }
    if (exception instanceof ThrottlerException) {
      return { problem: build('rate_limited', 429, 'Too many requests; try again shortly') };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = STATUS_CODES[status] ?? (status >= 500 ? 'internal_error' : 'malformed_request');
      const detail = status === 404 ? 'No such resource' : messageOf(exception);
      return { problem: build(code, status, detail) };
    }
    const parserError = bodyParserError(exception);
    if (parserError) return { problem: parserError };
    if (isDatabaseUnavailable(exception)) {
      return {
        problem: build('service_unavailable', 503, 'The service cannot reach its database; try again shortly'),
        headers: { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) },
      };
    }
    if (exception instanceof QueryFailedError && (exception as { code?: string }).code === '23505') {
      return { problem: build('already_exists', 409, errorDetail('already_exists')) };
    }
    return { problem: build('internal_error', HttpStatus.INTERNAL_SERVER_ERROR, 'Something went wrong on our side') };
  }
}

function build(code: ErrorCode, status: number, detail: string, errors?: FieldError[]): ProblemDetails {
  return { type: problemTypeUri(code), title: titleOf(code), status, detail, code, ...(errors?.length ? { errors } : {}) };
}

function titleOf(code: ErrorCode): string {
  const words = code.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  return Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : exception.message;
}

function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(body)',
    message: issue.message,
    code: issue.code,
  }));
}

/** express' body parser reports malformed JSON and oversized bodies as plain errors with a status. */
function bodyParserError(exception: unknown): ProblemDetails | null {
  if (!(exception instanceof Error)) return null;
  const { type, status } = exception as Error & { type?: string; status?: number };
  if (type === 'entity.parse.failed') return build('malformed_request', 400, 'The request body is not valid JSON');
  if (type === 'entity.too.large') return build('payload_too_large', 413, 'The request body is too large');
  if (typeof status === 'number' && status >= 400 && status < 500) return build('malformed_request', status, exception.message);
  return null;
}
