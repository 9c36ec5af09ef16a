import { Param, ParseUUIDPipe } from '@nestjs/common';
import { Problem } from './problem';

/** A :id path parameter that must be a UUID; anything else is a 400, not a database error. */
export const IdParam = (name = 'id') =>
  Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () => new Problem('validation_failed', `${name} must be a UUID`, [{ path: name, message: 'Must be a UUID' }]),
    }),
  );
