import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import * as msgpackParser from 'socket.io-msgpack-parser';
import { broadcastPrebuilt, prebuildEvent, sendPrebuilt } from './prebuilt-broadcast';

describe('broadcastPrebuilt', () => {
  let http: HttpServer;
  let server: Server;
  let url: string;
  const serverSockets: Socket[] = [];
  const clients: ClientSocket[] = [];

  beforeAll(async () => {
    http = createServer();
    server = new Server(http, { parser: msgpackParser });
    server.of('/t').on('connection', (socket) => serverSockets.push(socket));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/t`;
  });

  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await server.close();
  });

  async function client(transports: ('websocket' | 'polling')[]): Promise<{ socket: ClientSocket; received: string[] }> {
    const socket = connect(url, { parser: msgpackParser, transports, upgrade: false, forceNew: true });
    clients.push(socket);
    const received: string[] = [];
    socket.on('m', (label: string, bytes: Uint8Array) => received.push(`${label}:${Buffer.from(bytes).toString('hex')}`));
    await new Promise<void>((resolve) => socket.on('connect', () => resolve()));
    return { socket, received };
  }

  async function receivedAll(lists: string[][], count: number): Promise<void> {
    for (let i = 0; i < 200 && lists.some((l) => l.length < count); i++) await new Promise((r) => setTimeout(r, 10));
  }

  it('delivers every message once and in order over WebSocket and long-polling, interleaved with plain emits', async () => {
    const ws = await client(['websocket']);
    const polling = await client(['polling']);
    const nsp = server.of('/t');
    const expected: string[] = [];
    for (let i = 0; i < 50; i++) {
      const bytes = Buffer.from([i, 255 - i, 7]);
      // Every third message goes the ordinary way, so engine.io holds queued packets while the fast path runs.
      if (i % 3 === 0) for (const s of serverSockets) s.emit('m', `n${i}`, bytes);
      else broadcastPrebuilt(nsp, serverSockets, 'm', `n${i}`, bytes);
      expected.push(`n${i}:${bytes.toString('hex')}`);
    }
    await receivedAll([ws.received, polling.received], expected.length);
    expect(ws.received).toEqual(expected);
    expect(polling.received).toEqual(expected);
  });

  it('sends a message larger than 64 KiB intact (extended WebSocket length)', async () => {
    const ws = await client(['websocket']);
    const recipient = serverSockets.at(-1) as Socket;
    const big = Buffer.alloc(70_000, 0xab);
    broadcastPrebuilt(server.of('/t'), [recipient], 'm', 'big', big);
    await receivedAll([ws.received], 1);
    expect(ws.received).toEqual([`big:${big.toString('hex')}`]);
  });

  it('sends one prebuilt event again and again from the same buffer, intact each time', async () => {
    const ws = await client(['websocket']);
    const recipient = serverSockets.at(-1) as Socket;
    const big = Buffer.alloc(300_000, 0x5c);
    const prebuilt = prebuildEvent(server.of('/t'), 'm', 'again', big);
    for (let i = 0; i < 3; i++) sendPrebuilt(recipient, prebuilt);
    await receivedAll([ws.received], 3);
    expect(ws.received).toEqual(Array.from({ length: 3 }, () => `again:${big.toString('hex')}`));
  });
});
