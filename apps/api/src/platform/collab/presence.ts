// Presence (y-protocols awareness) entries as the wire carries them, read so the server can check whose they are.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** One client's entry of an awareness update; `state` null removes the client. */
export interface PresenceEntry {
  clientId: number;
  clock: number;
  state: Record<string, unknown> | null;
}

/**
 * Reads an awareness update: a count, then per client its id, clock and state as JSON. Refuses (returns a reason)
 * a state over `maxStateBytes`, a state that is not an object, and anything malformed, before parsing a large one.
 */
export function decodePresence(update: Uint8Array, maxStateBytes: number): PresenceEntry[] | PresenceRefusal {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    const entries: PresenceEntry[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const length = decoding.peekVarUint(decoder);
      if (length > maxStateBytes) return { code: 'message_too_large', message: 'The presence state is larger than the server accepts' };
      const state: unknown = JSON.parse(decoding.readVarString(decoder));
      if (state !== null && (typeof state !== 'object' || Array.isArray(state))) return malformed('A presence state must be an object');
      entries.push({ clientId, clock, state: state as Record<string, unknown> | null });
    }
    if (decoding.hasContent(decoder)) return malformed('Trailing bytes after the presence update');
    return entries;
  } catch {
    return malformed('The presence update is not valid');
  }
}

interface PresenceRefusal {
  code: 'message_too_large' | 'malformed_message';
  message: string;
}

function malformed(message: string): PresenceRefusal {
  return { code: 'malformed_message', message };
}

export function encodePresence(entries: PresenceEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, JSON.stringify(entry.state));
  }
  return encoding.toUint8Array(encoder);
}
