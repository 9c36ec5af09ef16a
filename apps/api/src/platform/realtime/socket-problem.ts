import { errorDetail, type ErrorCode } from '@minga/contracts';
import type { FieldError } from '../common/problem';

/** A refusal of a socket event, thrown by a handler and sent back as the namespace's error (an ack or an error event). */
export class SocketProblem<Code extends ErrorCode = ErrorCode> extends Error {
  constructor(
    readonly code: Code,
    message: string = errorDetail(code),
    readonly errors?: FieldError[],
  ) {
    super(message);
  }
}
