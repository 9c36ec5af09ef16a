import { HttpException } from '@nestjs/common';
import { ERRORS, errorDetail, type ErrorCode, type ErrorParams, type HasErrorParams } from '@minga/contracts';

export interface FieldError {
  path: string;
  message: string;
  code?: string;
}

/** Codes answered over HTTP (the catalogue's socket-only codes have no status). */
type HttpErrorCode = { [Code in ErrorCode]: (typeof ERRORS)[Code]['status'] extends number ? Code : never }[ErrorCode];

/**
 * A code whose catalogue detail names parameters takes them (they fill the detail and travel as `params`, for
 * translations); any other code may take a more specific English detail.
 */
type ProblemArgs<Code extends HttpErrorCode> =
  HasErrorParams<Code> extends true
    ? [params: ErrorParams<Code>, errors?: FieldError[], headers?: Record<string, string>]
    : [detail?: string, errors?: FieldError[], headers?: Record<string, string>];

/** An error with a stable code from the catalogue in libs/contracts; the filter renders it as RFC 9457 problem details. */
export class Problem<Code extends HttpErrorCode = HttpErrorCode> extends HttpException {
  readonly params?: Readonly<Record<string, string | number>>;
  readonly errors?: FieldError[];
  readonly headers?: Record<string, string>;

  constructor(
    readonly code: Code,
    ...[detailOrParams, errors, headers]: ProblemArgs<Code>
  ) {
    const params = typeof detailOrParams === 'object' ? (detailOrParams as Record<string, string | number>) : undefined;
    super(typeof detailOrParams === 'string' ? detailOrParams : errorDetail(code, params), ERRORS[code].status as number);
    this.params = params;
    this.errors = errors;
    this.headers = headers;
  }
}
