import type { Request, Response } from 'express';

/** An answer held as bytes, optionally with the same bytes already gzip- and brotli-encoded. */
interface EncodedBody {
  body: Buffer;
  gzip?: Buffer;
  br?: Buffer;
  etag: string;
}

/**
 * Sends a cached body with its ETag and Cache-Control, or 304 Not Modified when the client already holds it
 * (If-None-Match, compared weakly as RFC 9110 asks for GET). The bytes are written as they are: the encoding the
 * client accepts is picked from those prepared beforehand, nothing is serialised or compressed here.
 */
export function sendWithEtag(req: Request, res: Response, cached: EncodedBody, contentType: string, cacheControl: string): void {
  const coding = codingFor(req.headers['accept-encoding'], cached);
  // Each encoding is its own representation, so it gets its own validator (as Apache and nginx do).
  const etag = coding === 'identity' ? cached.etag : `${cached.etag.slice(0, -1)}-${coding}"`;
  res.setHeader('ETag', etag);
  res.setHeader('Cache-Control', cacheControl);
  res.setHeader('Vary', 'Accept, Accept-Encoding');
  if (matches(req.headers['if-none-match'], cached.etag)) {
    res.status(304).end();
    return;
  }
  const bytes = (coding === 'identity' ? undefined : cached[coding]) ?? cached.body;
  if (coding !== 'identity') res.setHeader('Content-Encoding', coding);
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Length', bytes.length);
  res.status(200).end(bytes);
}

type Coding = 'br' | 'gzip' | 'identity';

/** Brotli when accepted, then gzip, else the plain bytes (which RFC 9110 lets a server send whatever was asked). */
function codingFor(header: string | undefined, cached: EncodedBody): Coding {
  if (!header || !cached.gzip) return 'identity';
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const weight = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    q.set(name, weight ? Number(weight.slice(2)) || 0 : 1);
  }
  const accepts = (coding: string) => (q.get(coding) ?? q.get('*') ?? 0) > 0;
  if (cached.br && accepts('br')) return 'br';
  if (accepts('gzip')) return 'gzip';
  return 'identity';
}

/** Any encoding's tag of the same content matches: they differ in bytes on the wire only. */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = (tag: string) =>
    tag
      .trim()
      .replace(/^W\//, '')
      .replace(/-(br|gzip)"$/, '"');
  return header.split(',').some((tag) => bare(tag) === etag);
}
