import type { Request, Response } from 'express';

/**
 * Sends a body with its ETag and Cache-Control, or 304 Not Modified when the client already holds it
 * (If-None-Match, compared weakly as RFC 9110 asks for GET).
 */
export function sendWithEtag(req: Request, res: Response, body: string, etag: string, contentType: string, cacheControl: string): void {
  res.setHeader('ETag', etag);
  res.setHeader('Cache-Control', cacheControl);
  res.setHeader('Vary', 'Accept');
  if (matches(req.headers['if-none-match'], etag)) {
    res.status(304).end();
    return;
  }
  res.status(200).type(contentType).send(body);
}

function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => bare(tag) === bare(etag));
}
