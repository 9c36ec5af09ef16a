// Encoding and inspection of y-protocols messages, exactly as y-websocket frames them.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { Y_MESSAGE_AWARENESS, Y_MESSAGE_SYNC } from '@minga/contracts';
import type { DecodedUpdate } from './update-integrity';

/** notepack encodes a bare Uint8Array view as its whole ArrayBuffer; a Buffer over the same bytes is sent as is. */
export function asBuffer(u8: Uint8Array): Buffer {
  return Buffer.isBuffer(u8) ? u8 : Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);
}

export function syncUpdateMessage(update: Uint8Array): Buffer {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, Y_MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return asBuffer(encoding.toUint8Array(encoder));
}

export function syncStep1Message(doc: Y.Doc): Buffer {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, Y_MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(encoder, doc);
  return asBuffer(encoding.toUint8Array(encoder));
}

export function syncStep2Message(doc: Y.Doc, stateVector?: Uint8Array): Buffer {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, Y_MESSAGE_SYNC);
  syncProtocol.writeSyncStep2(encoder, doc, stateVector);
  return asBuffer(encoding.toUint8Array(encoder));
}

/** A sync step 2 carrying an update as it is (a stored snapshot), without encoding a document. */
export function syncStep2FromUpdate(update: Uint8Array): Buffer {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, Y_MESSAGE_SYNC);
  encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
  encoding.writeVarUint8Array(encoder, update);
  return asBuffer(encoding.toUint8Array(encoder));
}

export function awarenessMessage(update: Uint8Array): Buffer {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, Y_MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, update);
  return asBuffer(encoding.toUint8Array(encoder));
}

type ParsedMessage =
  | { kind: 'sync-step-1'; stateVector: Uint8Array }
  /** `syncStep2`: a client's answer to the server's step 1 (on join and reconnect), as opposed to a live edit. */
  | { kind: 'update'; update: Uint8Array; decoded: DecodedUpdate; isEmpty: boolean; syncStep2: boolean }
  | { kind: 'awareness'; update: Uint8Array };

/**
 * Reads a whole message and checks its Yjs payload decodes, before anything touches a live document:
 * a truncated or forged payload is refused here instead of corrupting the document. Throws on malformed input.
 */
export function parseMessage(data: Uint8Array): ParsedMessage {
  const decoder = decoding.createDecoder(data);
  const type = decoding.readVarUint(decoder);
  let parsed: ParsedMessage;
  if (type === Y_MESSAGE_SYNC) {
    const syncType = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    if (syncType === syncProtocol.messageYjsSyncStep1) {
      Y.decodeStateVector(payload);
      parsed = { kind: 'sync-step-1', stateVector: payload };
    } else if (syncType === syncProtocol.messageYjsSyncStep2 || syncType === syncProtocol.messageYjsUpdate) {
      const decoded = Y.decodeUpdate(payload);
      parsed = {
        kind: 'update',
        update: payload,
        decoded,
        isEmpty: decoded.structs.length === 0 && decoded.ds.clients.size === 0,
        syncStep2: syncType === syncProtocol.messageYjsSyncStep2,
      };
    } else {
      throw new Error(`unknown sync message type ${syncType}`);
    }
  } else if (type === Y_MESSAGE_AWARENESS) {
    parsed = { kind: 'awareness', update: decoding.readVarUint8Array(decoder) };
  } else {
    throw new Error(`unknown message type ${type}`);
  }
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes after the message');
  return parsed;
}
