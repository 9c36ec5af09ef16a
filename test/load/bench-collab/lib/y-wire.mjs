// y-protocols messages as y-websocket frames them (varUint type 0 sync / 1 awareness), built and read by hand:
// the light clients never hold a provider, only bytes.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

export const MESSAGE_SYNC = 0;
export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;

const EMPTY_STATE_VECTOR = Y.encodeStateVector(new Y.Doc());

/** Sync step 1 of a client that holds nothing yet: the server answers with the whole document. */
export function writeEmptySyncStep1(encoder) {
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, SYNC_STEP1);
  encoding.writeVarUint8Array(encoder, EMPTY_STATE_VECTOR);
}

export function writeUpdate(encoder, update) {
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, SYNC_UPDATE);
  encoding.writeVarUint8Array(encoder, update);
}

/** Node Buffer over the encoder's bytes (socket.io's msgpack parser must get a Buffer, never a bare view). */
export function toBuffer(encoder) {
  const u8 = encoding.toUint8Array(encoder);
  return Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);
}

/**
 * Reads the y-protocols message at the decoder's position. Returns { syncType, update } for sync step 2 and
 * updates, { syncType: 0 } for a step 1 (which light clients ignore), or null for awareness and the rest.
 */
export function readSyncMessage(decoder) {
  if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return null;
  const syncType = decoding.readVarUint(decoder);
  if (syncType === SYNC_STEP1) return { syncType, update: null };
  return { syncType, update: decoding.readVarUint8Array(decoder) };
}
