// The collaboration wire protocol on socket.io: one source for server, provider, tests and benchmark.
import { z } from 'zod';
import type { ErrorCode } from './errors';
import { REALTIME_ERROR_CODES } from './realtime';

export const COLLAB_NAMESPACE = '/collab';

/** What a caller may do with a document, decided by the access policy at join. */
const DOC_ACCESS = ['edit', 'comment', 'view'] as const;
export const docAccessSchema = z.enum(DOC_ACCESS);
export type DocAccess = z.infer<typeof docAccessSchema>;

export const docNameSchema = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[a-z]+(-[a-z]+)*:[0-9a-f-]{36}$/, 'Unknown document name');

export const COLLAB_EVENTS = {
  /** client -> server, with ack: (docName, ack(JoinResult)) */
  join: 'join',
  /** client -> server: (docName) */
  leave: 'leave',
  /**
   * both ways: (docName, Uint8Array y-protocols message: 0 sync, 1 awareness). A client numbers the messages that
   * carry its changes (updates, its sync step 2) 1, 2, 3... per connection, as a third argument.
   */
  y: 'y',
  /**
   * server -> client: (docName, Uint8Array encoded state vector of what is durably stored, number): the third
   * argument is the highest message number of this connection whose changes, and every change before them, are
   * stored. A state vector alone cannot say that a change which only deletes is stored; the number can.
   */
  saved: 'saved',
  /** server -> client: (CollabError) */
  error: 'collab-error',
  /** server -> client: (docName, DocAccess) after the caller's access changed */
  access: 'access',
  /**
   * server -> client: (docName, { delayed: boolean }): whether changes of people connected to other instances of
   * the server may reach this client late (the instances cannot reach each other; they catch up when they can).
   */
  relay: 'relay',
} as const;

/** A client's number for a message carrying its changes (see `COLLAB_EVENTS.y`). */
export const changeSeqSchema = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

/** The codes of the catalogue (errors.ts) that /collab sends. */
export const COLLAB_ERROR_CODES = [
  'unauthenticated',
  'unknown_document',
  'forbidden',
  'not_joined',
  'read_only',
  'malformed_message',
  'message_too_large',
  'invalid_update',
  'unsupported_content',
  'presence_not_yours',
  'internal_error',
  ...REALTIME_ERROR_CODES,
] as const satisfies readonly ErrorCode[];
export type CollabErrorCode = (typeof COLLAB_ERROR_CODES)[number];

export interface CollabError {
  code: CollabErrorCode;
  message: string;
  docName?: string;
}

export type JoinResult = { ok: true; access: DocAccess } | { ok: false; error: CollabError };

/** y-protocols message types, as y-websocket frames them. */
export const Y_MESSAGE_SYNC = 0;
export const Y_MESSAGE_AWARENESS = 1;
