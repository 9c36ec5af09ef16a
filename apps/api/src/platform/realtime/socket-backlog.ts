import type { Socket } from 'socket.io';

/** The parts of engine.io's connection this looks at (not in socket.io's types). */
interface EngineBacklog {
  writeBuffer: { data?: unknown }[];
  transport?: { socket?: { bufferedAmount?: number } };
}

/**
 * Bytes the server has produced for a client and the client has not yet taken: packets engine.io still queues
 * (polling, or a WebSocket not writable yet) plus what the WebSocket has not handed to the kernel. A client that does
 * not read makes this grow without bound; the realtime layer drops it past a limit.
 */
export function socketBacklogBytes(socket: Socket): number {
  const conn = socket.conn as unknown as EngineBacklog;
  let bytes = conn.transport?.socket?.bufferedAmount ?? 0;
  for (const packet of conn.writeBuffer) {
    const data = packet.data;
    if (typeof data === 'string') bytes += data.length;
    else if (data instanceof Uint8Array) bytes += data.byteLength;
  }
  return bytes;
}
