import type { IncomingMessage } from 'node:http';
import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { Server, ServerOptions } from 'socket.io';
import * as msgpackParser from 'socket.io-msgpack-parser';
import { WebSocketServer, type ServerOptions as WsServerOptions } from 'ws';
import { RealtimeConnections } from './realtime-connections.service';

/**
 * engine.io's WebSocket server, with each received message handled in its own event-loop turn: by default `ws`
 * emits every message of a TCP read at once, so one client sending thousands of small frames held the loop for
 * tens of milliseconds while everyone else's messages waited. One message per turn interleaves all connections, and
 * a connection that is not being read (see `RealtimeConnections`) stops at its next message.
 */
class TurnTakingWebSocketServer extends WebSocketServer {
  constructor(options: WsServerOptions) {
    super({ ...options, allowSynchronousEvents: false });
  }
}

/**
 * One socket.io server for every namespace, with a binary parser: socket.io's default parser sends a binary
 * argument as a second WebSocket frame, which halves the throughput of Yjs traffic (see PERF notes in ARCHITECTURE).
 * Clients must use socket.io-msgpack-parser too, over WebSocket: without long-polling, every byte a client sends
 * goes through the one gate that budgets it, and any instance can take any connection (no sticky sessions).
 */
export class MingaSocketIoAdapter extends IoAdapter {
  constructor(
    private readonly app: INestApplicationContext,
    private readonly maxMessageBytes: number,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const realtime = this.app.get(RealtimeConnections);
    return super.createIOServer(port, {
      ...options,
      parser: msgpackParser,
      // A message above the limit closes that client's connection; everyone else is unaffected.
      maxHttpBufferSize: this.maxMessageBytes,
      transports: ['websocket'],
      wsEngine: TurnTakingWebSocketServer,
      // An address whose handshakes keep being refused is turned away here, before the WebSocket upgrade.
      allowRequest: (req: IncomingMessage, callback: (err: string | null | undefined, success: boolean) => void) => {
        if (realtime.mayHandshakeFrom(req)) callback(null, true);
        else callback('Too many refused connections from this address; wait a few seconds', false);
      },
    });
  }
}
