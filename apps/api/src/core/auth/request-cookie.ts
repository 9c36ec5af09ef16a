import type { Request } from 'express';

/** A cookie of the request, or undefined when it is missing or empty. */
export function cookieOf(req: Request, name: string): string | undefined {
  const value: unknown = req.cookies?.[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
