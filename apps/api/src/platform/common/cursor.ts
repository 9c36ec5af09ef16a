// Opaque keyset cursors: the client gets back the sort key of the last row it saw.
import type { z } from 'zod';
import { unstorableText } from '@minga/contracts';
import { Problem } from './problem';

function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/**
 * The sort key a cursor carries, checked against the key's shape: a cursor the client made up or garbled
 * is a 400, never a value the database chokes on (a non-uuid id, a non-date timestamp, a name with a NUL).
 */
export function decodeCursor<K extends z.ZodTuple>(cursor: string | undefined, keyShape: K): z.output<K> | null {
  if (!cursor) return null;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    // not JSON: fails the shape check below like any other made-up cursor
  }
  const parsed = keyShape.safeParse(key);
  if (parsed.success && unstorableText(parsed.data).length === 0) return parsed.data;
  throw new Problem('validation_failed', 'The cursor is not valid', [{ path: 'cursor', message: 'Invalid cursor' }]);
}

/** Takes one row more than the page to know whether another page exists. */
export function pageFrom<T>(rows: T[], limit: number, keyOf: (row: T) => (string | number)[]) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  // `last` is there whenever a row is left over, as every limit is at least 1.
  const nextCursor = rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null;
  return { items, nextCursor };
}
