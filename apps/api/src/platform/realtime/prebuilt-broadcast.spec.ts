import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Server, type Socket } from 'socket.io';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import * as msgpackParser from 'socket.io-msgpack-parser';
import { broadcastPrebuilt, prebuildEvent, sendPrebuilt } from './prebuilt-broadcast';
import { itemAt } from '../../../test/item-at';

/**
 * The engine.io socket.io loads, as socket.io resolves it (a dependency of socket.io's, not of ours). It does not
 * export its package.json: the nearest one above its entry point.
 */
function engineIoPackageJson(): string {
  const entry = createRequire(require.resolve('socket.io/package.json')).resolve('engine.io');
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'package.json');
  }
  throw new Error(`No package.json above ${entry}`);
}

/**
 * prebuilt-broadcast.ts reaches past the public APIs of these packages, so it was checked against these exact
 * versions. After an upgrade (or an npm dedupe that moves engine.io's own ws), re-read what `relies` names in the new
 * sources, run this spec (the loopback tests below must still take the fast path), then update the version here.
 */
const WRITTEN_AGAINST: { label: string; version: string; resolve: () => string; relies: string }[] = [
  {
    label: 'socket.io',
    version: '4.8.4',
    resolve: () => require.resolve('socket.io/package.json'),
    relies: 'server.encoder.encode() taking an EVENT packet ({ type: 2, nsp, data }), and socket.conn being the engine.io socket',
  },
  {
    label: 'engine.io (the one socket.io uses)',
    version: '6.6.12',
    resolve: engineIoPackageJson,
    relies:
      "its Socket's readyState, upgrading and private writeBuffer (a packet queued there must not be overtaken), and its " +
      'WebSocket transport: name, writable, perMessageDeflate and the private `socket` (the ws WebSocket)',
  },
  {
    label: 'ws (imported by prebuilt-broadcast.ts)',
    version: '8.23.0',
    resolve: () => require.resolve('ws/package.json'),
    relies: 'the undeclared static Sender.frame(data, { fin, rsv1, opcode, mask, readOnly }) returning the frame as Buffer[]',
  },
  {
    label: 'ws (the one engine.io uses)',
    version: '8.21.3',
    resolve: () => require.resolve('ws/package.json', { paths: [dirname(engineIoPackageJson())] }),
    relies:
      "WebSocket's readyState and private _sender, whose sendFrame(list) writes a prebuilt frame as it is (engine.io itself " +
      'does so for its wsPreEncodedFrame) with nothing queued in the Sender when permessage-deflate is off',
  },
];

describe('what prebuilt-broadcast.ts relies on', () => {
  it.each(WRITTEN_AGAINST)('$label is the version it was written against', ({ label, version, resolve, relies }) => {
    const path = resolve();
    const installed = (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
    if (installed !== version) {
      throw new Error(
        `prebuilt-broadcast.ts was written against ${label} ${version}, but ${installed} is installed (${path}). ` +
          `It relies on ${relies}. Check these in the new version, run this spec, then update WRITTEN_AGAINST in ` +
          'prebuilt-broadcast.spec.ts.',
      );
    }
  });
});

/** The private ws Sender under a server-side socket.io socket (what the fast path writes to). */
function wsSenderOf(socket: Socket): { sendFrame(list: Buffer[], cb?: () => void): void } {
  const transport = (socket.conn as unknown as { transport: { socket?: { _sender?: { sendFrame(list: Buffer[]): void } } } }).transport;
  const sender = transport.socket?._sender;
  if (!sender || typeof sender.sendFrame !== 'function') {
    throw new Error("engine.io's WebSocket transport no longer exposes ws's _sender.sendFrame: prebuilt-broadcast.ts needs updating");
  }
  return sender;
}

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

  it('reaches every WebSocket recipient intact, as one prebuilt frame written to each', async () => {
    const recipients = await Promise.all(Array.from({ length: 5 }, () => client(['websocket'])));
    const nsp = server.of('/t');
    const sockets = recipients.map(({ socket }) => nsp.sockets.get(socket.id as string) as Socket);
    const frames = sockets.map((socket) => jest.spyOn(wsSenderOf(socket), 'sendFrame'));
    const emits = sockets.map((socket) => jest.spyOn(socket, 'emit'));
    // Each WebSocket payload length encoding: 7 bits, 16 bits, 64 bits.
    const payloads = [Buffer.from([1, 2, 3]), Buffer.alloc(300, 0x11), Buffer.alloc(70_000, 0x22)].map((bytes, i) => {
      bytes[bytes.length - 1] = 0xf0 + i;
      return bytes;
    });
    try {
      for (const [i, bytes] of payloads.entries()) broadcastPrebuilt(nsp, sockets, 'm', `all${i}`, bytes);
      const expected = payloads.map((bytes, i) => `all${i}:${bytes.toString('hex')}`);
      await receivedAll(
        recipients.map((r) => r.received),
        expected.length,
      );
      for (const { received } of recipients) expect(received).toEqual(expected);
      // The fast path was taken (had an internal it checks moved, everything would silently go through emit): each
      // message's frame was built once, and every recipient's ws sender got those very buffers: one buffer, which ws
      // writes with a single socket write (two parts would cost each recipient a cork and a writev).
      for (const emit of emits) expect(emit).not.toHaveBeenCalled();
      for (const sendFrame of frames) expect(sendFrame).toHaveBeenCalledTimes(payloads.length);
      for (const [i] of payloads.entries()) {
        const frame = itemAt(itemAt(frames).mock.calls, i)[0];
        expect(frame).toHaveLength(1);
        for (const sendFrame of frames) expect(itemAt(sendFrame.mock.calls, i)[0]).toBe(frame);
      }
    } finally {
      for (const spy of [...frames, ...emits]) spy.mockRestore();
    }
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
