import type { IncomingMessage } from 'node:http';
import { types } from 'node:util';
import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { Redis } from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';
import * as msgpackParser from 'socket.io-msgpack-parser';
import type { AppConfig } from '../config/app-config';
import { RealtimeConnections } from './realtime-connections.service';

/**
 * One socket.io server for every namespace, with a binary parser: socket.io's default parser sends a binary
 * argument as a second WebSocket frame, which halves the throughput of Yjs traffic (see PERF notes in ARCHITECTURE).
 * Clients must use socket.io-msgpack-parser too, over WebSocket: without long-polling, every byte a client sends
 * goes through the one gate that budgets it, and any instance can take any connection (no sticky sessions).
 */
export class MingaSocketIoAdapter extends IoAdapter {
  private redis: Redis | null = null;

  constructor(
    private readonly app: INestApplicationContext,
    private readonly config: AppConfig,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const realtime = this.app.get(RealtimeConnections);
    const server = super.createIOServer(port, {
      ...options,
      parser: safeMsgpackParser,
      // A message above the limit closes that client's connection; everyone else is unaffected.
      maxHttpBufferSize: this.config.COLLAB_MAX_MESSAGE_BYTES,
      transports: ['websocket'],
      // An address whose handshakes keep being refused is turned away here, before the WebSocket upgrade.
      allowRequest: (req: IncomingMessage, callback: (err: string | null | undefined, success: boolean) => void) => {
        realtime.screenHandshake(req, (allowed) =>
          callback(allowed ? null : 'Too many refused connections from this address; wait a few seconds', allowed),
        );
      },
    }) as Server;
    // Every namespace is a gateway's, behind the realtime layer's handshake and budgets; socket.io's default one
    // would take anyone, without a token or a budget.
    server.of('/').use((_socket, next) => next(new Error('Invalid namespace')));
    if (this.config.REDIS_URL && !this.redis) {
      // Room broadcasts (`/events` to a person, wherever they are connected) reach every instance through one Redis
      // stream, which survives a Redis restart without losing what was sent meanwhile (unlike pub/sub); the client
      // is its own, as the adapter blocks it reading the stream. Collaboration documents use the cluster bus.
      this.redis = new Redis(this.config.REDIS_URL, { maxRetriesPerRequest: null });
      this.redis.on('error', () => undefined);
      // Its reader blocks on the stream at most a second (a shutdown waits for that read to end; messages arrive at
      // once either way).
      const options = { streamName: `${this.config.REDIS_KEY_PREFIX}socket.io`, blockTimeInMs: 1000 };
      server.adapter(createAdapter(this.redis, options));
    }
    return server;
  }

  override async close(server: Parameters<IoAdapter['close']>[0]): Promise<void> {
    await super.close(server);
    await this.redis?.quit().catch(() => undefined);
    this.redis = null;
  }
}

/**
 * notepack decodes a map key `__proto__` by assigning it, which sets the decoded object's prototype: a client could
 * send an object that inherits from a Buffer or any value it likes, on which validation code itself throws (zod does,
 * in a socket handler: the process would exit). Such a packet is malformed, as any other the decoder refuses: the
 * connection is closed.
 */
class SafeDecoder extends msgpackParser.Decoder {
  override checkPacket(decoded: unknown): void {
    super.checkPacket(decoded);
    const pending: unknown[] = [decoded];
    while (pending.length) {
      const value = pending.pop();
      // Brand checks: an object that merely inherits from a Buffer or a Date is none.
      if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value) || types.isAnyArrayBuffer(value) || types.isDate(value))
        continue;
      if (Array.isArray(value)) {
        for (const item of value) pending.push(item);
      } else {
        if (Object.getPrototypeOf(value) !== Object.prototype) throw new Error('invalid payload');
        for (const item of Object.values(value)) pending.push(item);
      }
    }
  }
}

const safeMsgpackParser = { ...msgpackParser, Decoder: SafeDecoder };
