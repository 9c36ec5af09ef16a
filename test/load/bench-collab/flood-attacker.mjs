// The attacker of `npm run bench:flood`: one account floods one document of a Minga server, in a process of its own.
// Started by flood.mjs pinned beside the load generator (core 1) at the lowest priority (nice 19), so that the victims'
// clients keep their core; it speaks Minga's wire protocol on raw WebSockets (as clients/minga-client.mjs does) so
// that it can write as fast as its socket takes bytes.
//   node flood-attacker.mjs '<json config>'   config: { url, token, docName, kind, durationMs, holdIdle }
// kind: burn (a control: sends nothing, only keeps its core busy, to show that the attacker's process beside the
// generator does not move the victims' figures by itself), sync (sync step 1 with an empty state vector, as fast as the socket allows), join (join events on one
// connection), presence (awareness updates with large and many states, from 4 connections), sockets (as many
// connections as it can open, each joining the document and asking for it once). With `holdIdle`, one more
// connection of the same account stays open and silent throughout (a diagnostic: Minga keeps a person's budgets
// while the person has a socket open, so this one keeps them from being forgotten between reconnects).
// Rules it keeps by itself: loopback only, at most MAX_HELD sockets open and MAX_HANDSHAKES opened, a flood of
// `durationMs` (at most MAX_FLOOD_MS), and the process exits within HARD_LIMIT_MS of starting whatever happens.
// A connection the server closes is opened again while the flood lasts: the attacker does not give up.
import { setPriority } from 'node:os';
import * as encoding from 'lib0/encoding';
import notepack from 'notepack.io';
import WebSocket from 'ws';
import { NAMESPACE, PACKET, engineUrl, yEventPayload } from './clients/minga-client.mjs';
import { toBuffer, writeEmptySyncStep1 } from './lib/y-wire.mjs';

const config = JSON.parse(process.argv[2]);
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
if (!LOOPBACK.has(new URL(config.url).hostname)) throw new Error(`The attacker floods loopback servers only, not ${config.url}`);

const MAX_FLOOD_MS = 30_000;
const HARD_LIMIT_MS = 90_000;
const MAX_HELD = 1000;
const MAX_HANDSHAKES = 20_000;
/** Handshakes in flight at once in the sockets flood. */
const OPENING_AT_ONCE = 64;
/** A pump writes while the WebSocket holds less than this unsent, then yields to read what arrives. */
const HIGH_WATER = 256 * 1024;
const CONNECTIONS = { burn: 1, sync: 1, join: 1, presence: 4, sockets: 1 };
const DISCONNECT = 1;

const floodMs = Math.min(MAX_FLOOD_MS, config.durationMs);
setTimeout(() => finish('hard time limit reached'), HARD_LIMIT_MS);
// The victims' clients share this core: the attacker takes what they leave.
setPriority(19);

const stats = {
  kind: config.kind,
  /** The attacker's access to the document, as the server answered its first join. */
  access: null,
  floodMs: 0,
  handshakes: 0,
  handshakesRefused: {},
  connected: 0,
  maxOpen: 0,
  /** socket.io's disconnect packets: the server ended the session (the TCP connection may close later). */
  disconnectPackets: 0,
  disconnectedByServer: 0,
  firstDisconnectMs: null,
  messagesSent: 0,
  bytesSent: 0,
  joinsAnswered: 0,
  joinsRefused: {},
  /** Sync step 2 answers (the document, or what the asker lacks) and their bytes. */
  answers: 0,
  answerBytes: 0,
  /** Other y-protocols messages: the server's sync step 1 on join, presence broadcasts. */
  otherY: 0,
  bytesReceived: 0,
  errors: {},
  stopReason: null,
  burnSpins: 0,
};
const count = (map, key) => (map[String(key)] = (map[String(key)] ?? 0) + 1);

const open = new Set();
let flooding = false;
let floodStartedAt = 0;
let finished = false;

/** One engine.io + socket.io connection to `/collab`, msgpack packets in binary frames. */
class Conn {
  constructor() {
    this.ready = false;
    this.closing = false;
    this.nextAck = 1;
    this.acks = new Map();
    this.onClose = () => undefined;
  }

  /** Resolves 'connected', or 'refused' (the server's handshake said no) or 'closed'. */
  open() {
    stats.handshakes++;
    return new Promise((resolve) => {
      const ws = new WebSocket(engineUrl(config.url), { perMessageDeflate: false });
      this.ws = ws;
      this.settle = resolve;
      ws.on('message', (data, isBinary) => this.onMessage(data, isBinary));
      ws.on('error', () => undefined);
      ws.on('close', () => {
        open.delete(this);
        if (this.ready && !this.closing) {
          stats.disconnectedByServer++;
          stats.firstDisconnectMs ??= flooding ? Math.round(performance.now() - floodStartedAt) : 0;
        }
        this.ready = false;
        for (const resolveAck of this.acks.values()) resolveAck(null);
        this.acks.clear();
        this.settle?.('closed');
        this.onClose();
      });
    });
  }

  onMessage(data, isBinary) {
    stats.bytesReceived += data.length;
    if (!isBinary) {
      const text = data.toString();
      if (text.startsWith('0')) this.send(notepack.encode({ type: PACKET.CONNECT, nsp: NAMESPACE, data: { token: config.token } }));
      else if (text === '2') this.ws.send('3');
      return;
    }
    const payload = yEventPayload(data);
    if (payload) return this.onY(payload);
    const packet = notepack.decode(data);
    if (packet.nsp !== NAMESPACE) return;
    switch (packet.type) {
      case PACKET.CONNECT:
        if (finished) {
          // A handshake still in flight when the flood ended: not counted, closed at once.
          this.settle?.('closed');
          this.settle = null;
          this.close();
          return;
        }
        this.ready = true;
        stats.connected++;
        open.add(this);
        stats.maxOpen = Math.max(stats.maxOpen, open.size);
        this.settle?.('connected');
        this.settle = null;
        return;
      case PACKET.CONNECT_ERROR:
        count(stats.handshakesRefused, packet.data?.data?.code ?? packet.data?.message ?? 'unknown');
        this.settle?.('refused');
        this.settle = null;
        this.close();
        return;
      case DISCONNECT:
        stats.disconnectPackets++;
        return;
      case PACKET.ACK: {
        const [result] = packet.data ?? [];
        stats.joinsAnswered++;
        if (result?.ok) stats.access ??= result.access;
        else count(stats.joinsRefused, result?.error?.code ?? 'unknown');
        this.acks.get(packet.id)?.(result);
        this.acks.delete(packet.id);
        return;
      }
      case PACKET.EVENT: {
        const [event, second, third] = packet.data ?? [];
        if (event === 'collab-error') count(stats.errors, second?.code ?? 'unknown');
        else if (event === 'y' && third) this.onY(third);
      }
    }
  }

  onY(payload) {
    // [0 sync, 1 step 2, …] is an answer to a sync step 1; anything else is the server's step 1 or presence.
    if (payload[0] === 0 && payload[1] === 1) {
      stats.answers++;
      stats.answerBytes += payload.length;
    } else stats.otherY++;
  }

  send(buffer) {
    this.ws.send(buffer, { binary: true });
    stats.bytesSent += buffer.length;
  }

  /** Sends a flood message (counted). */
  flood(buffer) {
    this.send(buffer);
    stats.messagesSent++;
  }

  /** Joins the document; resolves with the server's JoinResult, or null when the connection closed first. */
  join(counted = false) {
    const id = this.nextAck++;
    const promise = new Promise((resolve) => this.acks.set(id, resolve));
    const packet = notepack.encode({ type: PACKET.EVENT, nsp: NAMESPACE, data: ['join', config.docName], id });
    if (counted) this.flood(packet);
    else this.send(packet);
    return promise;
  }

  writable() {
    return this.ready && !this.closing && this.ws.bufferedAmount < HIGH_WATER;
  }

  close() {
    this.closing = true;
    this.ws.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// What each flood sends.

const yPacket = (message) => notepack.encode({ type: PACKET.EVENT, nsp: NAMESPACE, data: ['y', config.docName, message] });

const SYNC_STEP1 = (() => {
  const encoder = encoding.createEncoder();
  writeEmptySyncStep1(encoder);
  return yPacket(toBuffer(encoder));
})();

/** A presence state of about `bytes` bytes of JSON, shaped like a cursor with a very long name. */
const stateOf = (bytes) =>
  JSON.stringify({ user: { name: 'Flood', color: '#ff0000' }, cursor: { anchor: 'x'.repeat(Math.max(0, bytes - 80)) } });
const NEAR_LIMIT_STATE = stateOf(4000);
const HUGE_STATE = stateOf(256 * 1024);
const randomClientId = () => Math.floor(Math.random() * 2 ** 31);

function awarenessPacket(entries) {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, entries.length);
  for (const [clientId, clock, json] of entries) {
    encoding.writeVarUint(update, clientId);
    encoding.writeVarUint(update, clock);
    encoding.writeVarString(update, json);
  }
  const message = encoding.createEncoder();
  encoding.writeVarUint(message, 1);
  encoding.writeVarUint8Array(message, encoding.toUint8Array(update));
  return yPacket(toBuffer(message));
}

/**
 * Presence in turn: 4 states just under 4 KiB each on the connection's own client ids (what the server accepts), 64
 * such states on fresh client ids (many), one 256 KiB state (large). Clocks rise, so none is ignored as stale.
 */
function presenceMessages(conn) {
  conn.clientIds ??= Array.from({ length: 4 }, randomClientId);
  conn.clock ??= 0;
  const step = conn.clock++ % 4;
  if (step === 1) return awarenessPacket(Array.from({ length: 64 }, () => [randomClientId(), 1, NEAR_LIMIT_STATE]));
  if (step === 3) return awarenessPacket([[conn.clientIds[0], conn.clock, HUGE_STATE]]);
  return awarenessPacket(conn.clientIds.map((id) => [id, conn.clock, NEAR_LIMIT_STATE]));
}

/** Writes one connection's flood while its socket takes bytes, yielding between bursts so replies are read. */
function pump(conn) {
  if (!flooding || !conn.ready || conn.closing) return;
  for (let i = 0; i < 256 && conn.writable(); i++) {
    if (config.kind === 'sync') conn.flood(SYNC_STEP1);
    else if (config.kind === 'join') void conn.join(true);
    else if (config.kind === 'presence') {
      conn.flood(presenceMessages(conn));
      if (i >= 8) break;
    }
  }
  setImmediate(() => pump(conn));
}

/** A flooding connection: opened, joined, pumping; opened again when the server closes it, while the flood lasts. */
async function floodingConnection() {
  while (flooding && stats.handshakes < MAX_HANDSHAKES) {
    const conn = new Conn();
    const closed = new Promise((resolve) => (conn.onClose = resolve));
    if ((await conn.open()) !== 'connected') {
      await closed;
      continue;
    }
    const joined = await conn.join();
    if (joined?.ok) pump(conn);
    else if (!joined) continue;
    else conn.close();
    await closed;
  }
}

/** The control: busy on its core in 20 ms slices, the way a flooding attacker is, without sending anything. */
function burn() {
  if (!flooding) return;
  const until = performance.now() + 20;
  while (performance.now() < until) stats.burnSpins++;
  setImmediate(burn);
}

/** As many connections as it can hold (up to MAX_HELD), each joining and asking for the whole document once. */
function openSockets() {
  let opening = 0;
  const more = () => {
    while (flooding && opening < OPENING_AT_ONCE && open.size + opening < MAX_HELD && stats.handshakes < MAX_HANDSHAKES) {
      opening++;
      const conn = new Conn();
      conn.onClose = () => setImmediate(more);
      void conn.open().then(async (result) => {
        opening--;
        setImmediate(more);
        if (result !== 'connected') return;
        const joined = await conn.join(true);
        if (joined?.ok && conn.ready) conn.flood(SYNC_STEP1);
      });
    }
  };
  more();
}

async function finish(reason) {
  if (finished) return;
  finished = true;
  flooding = false;
  stats.stopReason = reason;
  stats.floodMs = floodStartedAt ? Math.round(performance.now() - floodStartedAt) : 0;
  for (const conn of [...open]) conn.close();
  await new Promise((resolve) => setTimeout(resolve, 300));
  if (process.connected) process.send({ type: 'result', stats }, () => process.exit(0));
  else process.exit(0);
}

process.on('message', (msg) => {
  if (msg?.type === 'go' && !flooding && !finished) {
    flooding = true;
    floodStartedAt = performance.now();
    setTimeout(() => finish('flood time over'), floodMs);
    if (config.kind === 'sockets') openSockets();
    else if (config.kind === 'burn') burn();
    else {
      // The connections opened to get ready start the flood; any closed later is replaced by floodingConnection.
      for (const conn of [...open]) {
        if (conn.idle) continue;
        pump(conn);
        conn.onClose = () => void floodingConnection();
      }
    }
  } else if (msg?.type === 'stop') void finish('stopped by the orchestrator');
});

// Ready: the first connections are open and joined, before the flood starts.
if (config.holdIdle) {
  const idle = new Conn();
  if ((await idle.open()) !== 'connected') throw new Error(`The attacker could not connect: ${JSON.stringify(stats.handshakesRefused)}`);
  idle.idle = true;
}
const first = [];
for (let i = 0; i < (CONNECTIONS[config.kind] ?? 1); i++) {
  const conn = new Conn();
  if ((await conn.open()) !== 'connected') throw new Error(`The attacker could not connect: ${JSON.stringify(stats.handshakesRefused)}`);
  const joined = await conn.join();
  if (!joined?.ok) throw new Error(`The attacker could not join ${config.docName}: ${JSON.stringify(joined)}`);
  first.push(conn);
}
process.send({ type: 'ready', access: stats.access });
