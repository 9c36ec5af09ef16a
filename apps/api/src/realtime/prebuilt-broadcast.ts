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

/**
 * Sends one socket.io event to many sockets, encoding the packet and building its WebSocket frame once instead of
 * once per recipient (socket.io pre-builds frames only for text packets, not for the msgpack parser's binary ones).
 * A socket whose engine.io connection is idle on a WebSocket gets the frame written straight to it; one with
 * packets still queued in engine.io, upgrading, or on HTTP long-polling goes through `socket.emit`, so no message
 * ever overtakes an earlier one.
 */
export function broadcastPrebuilt(namespace: Namespace, recipients: Iterable<Socket>, event: string, ...args: unknown[]): void {
  broadcastPrebuiltBatch(namespace, recipients, [[event, ...args]]);
}

/**
 * Several events, in order, to many sockets: each stays its own socket.io packet in its own WebSocket frame, but an
 * idle WebSocket receives all the frames in one write (one system call per recipient, however many events).
 */
export function broadcastPrebuiltBatch(namespace: Namespace, recipients: Iterable<Socket>, events: [string, ...unknown[]][]): void {
  const frames = prebuiltFrames(namespace, events);
  for (const socket of recipients) {
    const sender = frames ? idleWebSocketSender(socket) : null;
    if (sender && frames) sender.sendFrame([frames]);
    else for (const [event, ...args] of events) socket.emit(event, ...args);
  }
}

/** The WebSocket frames of the events, back to back in one buffer; null if any packet is not a single binary one. */
function prebuiltFrames(namespace: Namespace, events: [string, ...unknown[]][]): Buffer | null {
  const parts: Buffer[] = [];
  for (const data of events) {
    const encoded: unknown[] = namespace.server.encoder.encode({ type: SOCKET_IO_EVENT, nsp: namespace.name, data });
    if (encoded.length !== 1 || !Buffer.isBuffer(encoded[0])) return null;
    parts.push(...Sender.frame(encoded[0], { fin: true, rsv1: false, opcode: WS_BINARY_OPCODE, mask: false, readOnly: false }));
  }
  return Buffer.concat(parts);
}

function idleWebSocketSender(socket: Socket) {
  const conn = socket.conn as unknown as EngineConnection;
  const { transport } = conn;
  if (conn.readyState !== 'open' || conn.upgrading || conn.writeBuffer.length > 0) return null;
  if (transport.name !== 'websocket' || !transport.writable || transport.perMessageDeflate) return null;
  if (transport.socket?.readyState !== WS_OPEN) return null;
  return transport.socket._sender ?? null;
}
