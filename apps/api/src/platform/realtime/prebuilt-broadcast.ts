// This fast path reaches into private internals of ws and engine.io (and relies on socket.io's packet encoding), checked
// against exact versions: prebuilt-broadcast.spec.ts fails when any of them changes. When upgrading ws, engine.io or
// socket.io, re-check what its WRITTEN_AGAINST list names against the new sources, then update the versions there.
import type { Namespace, Socket } from 'socket.io';
import * as ws from 'ws';

/** ws exports its frame builder (engine.io uses it the same way) but @types/ws does not declare it. */
interface FrameBuilder {
  frame(data: Buffer, options: { fin: boolean; rsv1: boolean; opcode: number; mask: boolean; readOnly: boolean }): Buffer[];
}
const { Sender } = ws as unknown as { Sender: FrameBuilder };

/** The parts of engine.io's socket and WebSocket transport this fast path looks at (not in socket.io's types). */
interface EngineConnection {
  readyState: string;
  upgrading: boolean;
  writeBuffer: unknown[];
  transport: {
    name: string;
    writable: boolean;
    perMessageDeflate?: unknown;
    socket?: { readyState: number; _sender?: { sendFrame(list: Buffer[], cb?: () => void): void } };
  };
}

const SOCKET_IO_EVENT = 2;
const WS_BINARY_OPCODE = 2;
const WS_OPEN = 1;

/** A socket.io event encoded once, with its WebSocket frame built, to be sent to any number of sockets later. */
export interface PrebuiltEvent {
  event: string;
  args: unknown[];
  /** The frame's header and payload, written as they are (no copy); null when the parser produced text or parts. */
  frame: Buffer[] | null;
  /** Bytes on the wire. */
  byteLength: number;
}

/** Encodes an event for `sendPrebuilt`: the encoding and the frame are paid once, however many sockets get it. */
export function prebuildEvent(namespace: Namespace, event: string, ...args: unknown[]): PrebuiltEvent {
  const encoded: unknown[] = namespace.server.encoder.encode({ type: SOCKET_IO_EVENT, nsp: namespace.name, data: [event, ...args] });
  // Header and payload joined into one buffer, copied once: each send is then one plain socket write, where the two
  // parts ws returns would cost every recipient a cork, two buffered writes and a writev.
  const frame =
    encoded.length === 1 && Buffer.isBuffer(encoded[0])
      ? [Buffer.concat(Sender.frame(encoded[0], { fin: true, rsv1: false, opcode: WS_BINARY_OPCODE, mask: false, readOnly: false }))]
      : null;
  const byteLength = frame ? frame.reduce((sum, part) => sum + part.byteLength, 0) : 0;
  return { event, args, frame, byteLength };
}

/**
 * Sends a prebuilt event. A socket whose engine.io connection is idle on a WebSocket gets the frame written straight
 * to it; one with packets still queued in engine.io or upgrading goes through `socket.emit`, so no message ever
 * overtakes an earlier one.
 */
export function sendPrebuilt(socket: Socket, prebuilt: PrebuiltEvent): void {
  const sender = prebuilt.frame ? idleWebSocketSender(socket) : null;
  if (sender && prebuilt.frame) sender.sendFrame(prebuilt.frame);
  else socket.emit(prebuilt.event, ...prebuilt.args);
}

/**
 * Sends one socket.io event to many sockets, encoding the packet and building its WebSocket frame once instead of
 * once per recipient (socket.io pre-builds frames only for text packets, not for the msgpack parser's binary ones).
 */
export function broadcastPrebuilt(namespace: Namespace, recipients: Iterable<Socket>, event: string, ...args: unknown[]): void {
  const prebuilt = prebuildEvent(namespace, event, ...args);
  for (const socket of recipients) sendPrebuilt(socket, prebuilt);
}

function idleWebSocketSender(socket: Socket) {
  const conn = socket.conn as unknown as EngineConnection;
  const { transport } = conn;
  if (conn.readyState !== 'open' || conn.upgrading || conn.writeBuffer.length > 0) return null;
  if (transport.name !== 'websocket' || !transport.writable || transport.perMessageDeflate) return null;
  if (transport.socket?.readyState !== WS_OPEN) return null;
  return transport.socket._sender ?? null;
}
