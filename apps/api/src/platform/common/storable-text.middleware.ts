// Text PostgreSQL cannot store is refused before any route sees it: a 400 with field errors, never a failed insert.
import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { unstorableText } from '@minga/contracts';
import { Problem } from './problem';

/**
 * Checks every request's query and body (JSON or text/csv) for NUL characters and unpaired surrogates. A middleware
 * rather than part of the validation pipe, so that routes reading their body in a guard (sign-in) or by themselves
 * (CSV imports) are covered too. Path parameters need no check: ids are parsed as UUIDs, tokens hashed or matched.
 */
@Injectable()
export class StorableTextMiddleware implements NestMiddleware {
  use(req: Request, _res: Response, next: NextFunction): void {
    const errors = [
      ...unstorableText(req.query),
      ...unstorableText(req.body).map((e) => ({
        ...e,
        path: e.path || '(body)',
      })),
    ];
    if (errors.length) throw new Problem('validation_failed', 'The request has text that cannot be stored', errors);
    next();
  }
}
