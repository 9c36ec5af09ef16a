import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { Server, ServerOptions } from 'socket.io';
import * as msgpackParser from 'socket.io-msgpack-parser';

/**
 * One socket.io server for every namespace, with a binary parser: socket.io's default parser sends a binary
 * argument as a second WebSocket frame, which halves the throughput of Yjs traffic (see PERF notes in ARCHITECTURE).
 * Clients must use socket.io-msgpack-parser too.
 */
export class MingaSocketIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly maxMessageBytes: number,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    return super.createIOServer(port, {
      ...options,
      parser: msgpackParser,
      // A message above the limit closes that client's connection; everyone else is unaffected.
      maxHttpBufferSize: this.maxMessageBytes,
      transports: ['websocket', 'polling'],
    });
  }
}
