import { HttpException } from '@nestjs/common';
import { ERROR_CODES, type ErrorCode } from '@minga/contracts';

export interface FieldError {
  path: string;
  message: string;
  code?: string;
}

/** An error with a stable code from libs/contracts; the filter renders it as RFC 9457 problem details. */
export class Problem extends HttpException {
  constructor(
    readonly code: ErrorCode,
    detail: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(detail, ERROR_CODES[code]);
  }
}
