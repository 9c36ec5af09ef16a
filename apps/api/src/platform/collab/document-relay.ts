// What instances tell each other about a live document they both hold, on the cluster bus (see ARCHITECTURE.md).
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export const RELAY_UPDATE = 0;
export const RELAY_PRESENCE = 1;
export const RELAY_EVENT = 2;
/** Nothing new: the count so far, so a receiver notices that the sender's last messages never arrived. */
export const RELAY_HEARTBEAT = 3;

/**
 * One message about one document from one instance: a Yjs update its clients made (already checked and applied
 * there, and stored by that instance alone), an awareness update (bound to its senders there), or a JSON event
 * for the document's members (comments, suggestions). `seq` counts the sender's messages about this document, so
 * a receiver notices one it missed.
 */
export interface RelayMessage {
  kind: typeof RELAY_UPDATE | typeof RELAY_PRESENCE | typeof RELAY_EVENT | typeof RELAY_HEARTBEAT;
  from: string;
  seq: number;
  payload: Uint8Array;
}

export function relayChannel(docName: string): string {
  return `doc:${docName}`;
}

export function encodeRelay(message: RelayMessage): Buffer {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, message.kind);
  encoding.writeVarString(encoder, message.from);
  encoding.writeVarUint(encoder, message.seq);
  encoding.writeVarUint8Array(encoder, message.payload);
  const bytes = encoding.toUint8Array(encoder);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Null for anything that is not a relay message (the channel is ours, but a decoder never trusts its input). */
export function decodeRelay(bytes: Uint8Array): RelayMessage | null {
  try {
    const decoder = decoding.createDecoder(bytes);
    const kind = decoding.readVarUint(decoder);
    if (kind !== RELAY_UPDATE && kind !== RELAY_PRESENCE && kind !== RELAY_EVENT && kind !== RELAY_HEARTBEAT) return null;
    return {
      kind,
      from: decoding.readVarString(decoder),
      seq: decoding.readVarUint(decoder),
      payload: decoding.readVarUint8Array(decoder),
    };
  } catch {
    return null;
  }
}
