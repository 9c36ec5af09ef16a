// Every event of every socket.io namespace, fed generated hostile arguments by an authorised person: the server must
// stay up, refuse clearly (an answer to every acknowledgement, an error event otherwise, or a disconnection for a
// protocol violation), change no document and no room, and keep serving everyone else as before.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import * as decoding from 'lib0/decoding';
import { io, type Socket } from 'socket.io-client';
import * as msgpackParser from 'socket.io-msgpack-parser';
import type { Namespace, Server, Socket as ServerSocket } from 'socket.io';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { z } from 'zod';
import {
  COLLAB_EVENTS,
  COLLAB_NAMESPACE,
  EVENTS_NAMESPACE,
  MEETING_ROOM_EVENTS,
  MEETING_ROOM_NAMESPACE,
  REALTIME_EVENTS,
  Y_MESSAGE_SYNC,
  lowerHandSchema,
  openPollSchema,
  pollRefSchema,
  roomErrorSchema,
  roomRefSchema,
  setAgendaItemSchema,
  unstorableText,
  voteSchema,
  type CollabError,
  type JoinResult,
  type JoinRoomResult,
  type Poll,
  type ReauthResult,
  type RoomState,
} from '@minga/contracts';
import { DOC_FRAGMENT } from '@minga/editor';
import { allSaved, connected, eventually, join, openEditor, rawSocket, storedDoc, waitFor, type Editor } from '../../../test/collab-client';
import { createMeeting, joinRoom, request, roomSocket } from '../../../test/meeting-room-client';
import {
  docNameLike,
  frameSync,
  hostileValue,
  hostileYMessages,
  protoObject,
  yVerdict,
  type HostileOptions,
  type YVerdict,
} from '../../../test/socket-arbitraries';
import { createPerson, createTsukubaDraft, hubId, startTestApp, type TestApp, type TestPerson } from '../../../test/test-app';
import { EventsGateway } from './events.gateway';
import { RealtimeConnections } from './realtime-connections.service';
import { itemAt } from '../../../test/item-at';

/** Set MINGA_FUZZ_SEED to replay a failed run; the seed is printed with every failure. */
const SEED = Number(process.env['MINGA_FUZZ_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
/** Scales every run count (MINGA_FUZZ_RUNS=4 for a long local hunt). */
const SCALE = Number(process.env['MINGA_FUZZ_RUNS'] ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));

/** An acknowledgement not answered within this is a hang. */
const ACK_TIMEOUT_MS = 5000;
/** The walk's message limit (the server closes a connection whose message is larger): small, so oversized is cheap. */
const MAX_MESSAGE_BYTES = 256 * 1024;
const HOSTILE: HostileOptions = { hugeBytes: MAX_MESSAGE_BYTES + 64 * 1024 };
/** Socket.io's reserved event names: no client library sends them; a forged one must not reach the server's handlers. */
const RESERVED_EVENTS = ['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------------------------
// Clients

interface Received {
  event: string;
  args: unknown[];
}

type AckOutcome = { kind: 'answer'; answer: unknown } | { kind: 'timeout' } | { kind: 'disconnected' };

/** Mirrors the server's per-connection message budget, so the walk itself is never refused for its pace. */
class Pacer {
  private tokens: number;
  private last = Date.now();
  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
  }
  async take(): Promise<void> {
    for (;;) {
      const now = Date.now();
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await sleep(Math.ceil(((1 - this.tokens) / this.perSecond) * 1000) + 5);
    }
  }
}

/** A socket with everything it received, in order. */
class Client {
  readonly log: Received[] = [];
  disconnectReason: string | null = null;
  constructor(
    readonly socket: Socket,
    readonly pacer: Pacer | null,
  ) {
    socket.onAny((event: string, ...args: unknown[]) => this.log.push({ event, args }));
    socket.on('disconnect', (reason) => (this.disconnectReason = reason));
  }
  get connected(): boolean {
    return this.socket.connected;
  }
  /** Emits with an acknowledgement; resolves with the answer, or how it never came. */
  emitWithAck(event: string, args: unknown[], timeoutMs = ACK_TIMEOUT_MS): Promise<AckOutcome> {
    return new Promise((resolve) => {
      let done = false;
      const finish = (outcome: AckOutcome) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        this.socket.off('disconnect', onDisconnect);
        resolve(outcome);
      };
      const onDisconnect = () => finish({ kind: 'disconnected' });
      const timer = setTimeout(() => finish({ kind: 'timeout' }), timeoutMs);
      this.socket.once('disconnect', onDisconnect);
      this.socket.emit(event, ...args, (answer: unknown) => finish({ kind: 'answer', answer }));
    });
  }
  /** The first received entry from `from` on that passes `accept`, waiting for it (or null once disconnected or timed out). */
  async waitForEntry(from: number, accept: (entry: Received) => boolean, timeoutMs = ACK_TIMEOUT_MS): Promise<number | null> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (let i = from; i < this.log.length; i++) if (accept(itemAt(this.log, i))) return i;
      if (!this.connected || Date.now() > deadline) return null;
      await sleep(2);
    }
  }
  close(): void {
    this.socket.close();
  }
}

function nsSocket(url: string, namespace: string, token: string): Socket {
  return io(`${url}${namespace}`, {
    auth: { token },
    parser: msgpackParser,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
}

/**
 * Whether arguments hold an object with an own `__proto__` key set to an object: msgpack would decode it as an object
 * inheriting from that value, which the server refuses as a malformed packet (the connection is closed).
 */
function prototypeForging(args: unknown): boolean {
  const pending: unknown[] = [args];
  while (pending.length) {
    const value = pending.pop();
    if (typeof value !== 'object' || value === null || Buffer.isBuffer(value)) continue;
    if (Array.isArray(value)) {
      pending.push(...value);
      continue;
    }
    const own = Object.getOwnPropertyDescriptor(value, '__proto__');
    if (own && typeof own.value === 'object') return true;
    pending.push(...Object.values(value));
  }
  return false;
}

/** Bytes of the socket.io packet an emit would send (msgpack), to tell an oversized case from a wrongly closed one. */
function packetBytes(namespace: string, event: string, args: unknown[]): number {
  try {
    const encoded = new msgpackParser.Encoder().encode({
      type: 2,
      nsp: namespace,
      data: [event, ...args],
      id: 1,
    }) as unknown as ArrayBuffer[];
    return itemAt(encoded).byteLength;
  } catch {
    return 0;
  }
}

/** A value as a readable line: long strings and buffers shortened. */
function describe_(value: unknown): string {
  try {
    return describeValue(value);
  } catch (err) {
    return `<${typeof value}: ${String(err)}>`;
  }
}

function describeValue(value: unknown): string {
  const seen = new WeakSet<object>();
  const text = JSON.stringify(value, function (_key, v: unknown) {
    if (typeof v === 'string') return v.length > 60 ? `${JSON.stringify(v.slice(0, 30)).slice(1, -1)}…(${v.length} chars)` : v;
    if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
    if (v === undefined) return '<undefined>';
    if (typeof v === 'object' && v !== null) {
      const raw = this as Record<string, unknown>;
      const original = raw[_key];
      if (Buffer.isBuffer(original) || original instanceof Uint8Array) {
        const bytes = Buffer.from(original as Uint8Array);
        return `<${bytes.length} bytes ${bytes.subarray(0, 24).toString('hex')}${bytes.length > 24 ? '…' : ''}>`;
      }
      if (seen.has(v)) return '<cycle>';
      seen.add(v);
    }
    return v;
  });
  return text && text.length > 400 ? `${text.slice(0, 400)}…` : (text ?? String(value));
}

// ---------------------------------------------------------------------------------------------------------------
// What the server holds: its sockets and their accounting

interface RealtimeInternals {
  tracked: Map<string, { socket: ServerSocket }>;
  people: Map<string, { sockets: number }>;
}

function ioServer(t: TestApp): Server {
  return (t.app.get(EventsGateway) as unknown as { namespace: Namespace }).namespace.server;
}

/** Every namespace of the one socket.io server, as its clients address it. */
function namespacesOf(t: TestApp): string[] {
  return [...(ioServer(t) as unknown as { _nsps: Map<string, Namespace> })._nsps.keys()];
}

/** The events a namespace's connection listens to on the server: what a client can make it do. */
async function serverEventsOf(t: TestApp, namespace: string, token: string): Promise<string[]> {
  const client = nsSocket(t.url, namespace, token);
  try {
    await connected(client);
    const server = ioServer(t)
      .of(namespace)
      .sockets.get(client.id as string);
    if (!server) throw new Error(`no server socket for ${namespace}`);
    return server.eventNames().map(String);
  } finally {
    client.close();
  }
}

/** Where the realtime layer's count of a person's sockets differs from the sockets the server holds for them. */
function accountingFlaws(t: TestApp): string[] {
  const realtime = t.app.get(RealtimeConnections) as unknown as RealtimeInternals;
  const actual = new Map<string, number>();
  let total = 0;
  for (const name of namespacesOf(t)) {
    if (name === '/') continue;
    for (const socket of ioServer(t).of(name).sockets.values()) {
      const id = (socket.data as { principal?: { id: string } }).principal?.id;
      if (!id) continue;
      actual.set(id, (actual.get(id) ?? 0) + 1);
      total += 1;
      if (!realtime.tracked.has(socket.id)) return [`${name} socket ${socket.id} of ${id} is connected but not tracked`];
    }
  }
  const flaws: string[] = [];
  for (const [id, person] of realtime.people) {
    if (person.sockets !== (actual.get(id) ?? 0)) flaws.push(`${id}: counted ${person.sockets} sockets, holds ${actual.get(id) ?? 0}`);
  }
  if (realtime.tracked.size !== total) flaws.push(`${realtime.tracked.size} tracked connections, ${total} connected`);
  return flaws;
}

// ---------------------------------------------------------------------------------------------------------------
// Documents

/** A raw /collab socket following one document: a copy of it, and every update message it received, with timings. */
interface Follower {
  client: Client;
  doc: Y.Doc;
  updates: { at: number; structs: { client: number; clock: number; length: number }[] }[];
  duplicates: number;
}

async function follow(url: string, token: string, docName: string): Promise<Follower> {
  const client = new Client(rawSocket(url, token), null);
  const follower: Follower = { client, doc: new Y.Doc(), updates: [], duplicates: 0 };
  const seen = new Map<number, number>();
  client.socket.on(COLLAB_EVENTS.y, (name: string, data: Uint8Array) => {
    if (name !== docName || data[0] !== Y_MESSAGE_SYNC) return;
    const decoder = decoding.createDecoder(new Uint8Array(data));
    decoding.readVarUint(decoder);
    if (decoding.readVarUint(decoder) === syncProtocol.messageYjsSyncStep1) return;
    const update = decoding.readVarUint8Array(decoder);
    const structs = Y.decodeUpdate(update).structs.map((s) => ({ client: s.id.client, clock: s.id.clock, length: s.length }));
    for (const s of structs) {
      if (s.clock < (seen.get(s.client) ?? 0)) follower.duplicates += 1;
      seen.set(s.client, Math.max(seen.get(s.client) ?? 0, s.clock + s.length));
    }
    follower.updates.push({ at: Date.now(), structs });
    Y.applyUpdate(follower.doc, update);
  });
  await connected(client.socket);
  const joined = await join(client.socket, docName);
  if (!joined.ok) throw new Error(`follower could not join: ${joined.error.code}`);
  client.socket.emit(COLLAB_EVENTS.y, docName, frameStep1(new Y.Doc()));
  return follower;
}

function frameStep1(doc: Y.Doc): Buffer {
  const bytes = [Y_MESSAGE_SYNC, syncProtocol.messageYjsSyncStep1];
  const sv = Y.encodeStateVector(doc);
  return Buffer.concat([Buffer.from(bytes), Buffer.from([sv.length]), Buffer.from(sv)]);
}

const textOf = (doc: Y.Doc) => doc.getXmlFragment(DOC_FRAGMENT).toString();
const sameDoc = (a: Y.Doc, b: Y.Doc) => Y.equalSnapshots(Y.snapshot(a), Y.snapshot(b)) && textOf(a) === textOf(b);

/** A copy of a document with these updates applied on top: what honest editing alone makes of it. */
function docWith(base: Uint8Array, updates: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, base);
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc;
}

/** An honest editor's own changes (not those it received), to tell what the document should hold. */
function ownUpdates(editor: Editor): Uint8Array[] {
  const updates: Uint8Array[] = [];
  editor.doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== editor.provider) updates.push(update);
  });
  return updates;
}

/** Types `count` marked paragraphs, `gapMs` apart, and measures when each reaches the follower. */
async function typeAndMeasure(editor: Editor, follower: Follower, label: string, count: number, gapMs: number): Promise<number[]> {
  const sentAt: number[] = [];
  const arrivedAt: (number | null)[] = new Array(count).fill(null);
  const markers = Array.from({ length: count }, (_, i) => `${label}-${i}-marker`);
  const check = () => {
    const text = textOf(follower.doc);
    markers.forEach((m, i) => {
      if (arrivedAt[i] === null && text.includes(m)) arrivedAt[i] = Date.now();
    });
  };
  follower.doc.on('update', check);
  try {
    for (let i = 0; i < count; i++) {
      sentAt.push(Date.now());
      editor.type(itemAt(markers, i));
      if (gapMs) await sleep(gapMs);
    }
    await eventually(`every ${label} marker reaches the honest reader`, () => arrivedAt.every((a) => a !== null), 15_000);
  } finally {
    follower.doc.off('update', check);
  }
  return arrivedAt.map((a, i) => (a as number) - itemAt(sentAt, i));
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

// ---------------------------------------------------------------------------------------------------------------
// Meeting rooms

/** The events a client sends on /meetings, with the schema the server checks each against (the contracts'). */
const ROOM_SCHEMAS: Record<string, z.ZodType> = {
  [MEETING_ROOM_EVENTS.join]: roomRefSchema,
  [MEETING_ROOM_EVENTS.leave]: roomRefSchema,
  [MEETING_ROOM_EVENTS.setAgendaItem]: setAgendaItemSchema,
  [MEETING_ROOM_EVENTS.raiseHand]: roomRefSchema,
  [MEETING_ROOM_EVENTS.lowerHand]: lowerHandSchema,
  [MEETING_ROOM_EVENTS.nextHand]: roomRefSchema,
  [MEETING_ROOM_EVENTS.openPoll]: openPollSchema,
  [MEETING_ROOM_EVENTS.vote]: voteSchema,
  [MEETING_ROOM_EVENTS.closePoll]: pollRefSchema,
  [MEETING_ROOM_EVENTS.endMeeting]: roomRefSchema,
};

/** The room as a newcomer sees it (who is present aside) and as the database keeps it. */
async function roomSnapshot(t: TestApp, viewer: TestPerson, occurrenceId: string): Promise<unknown> {
  const socket = roomSocket(t.url, viewer.token);
  try {
    await connected(socket);
    const joined = await joinRoom(socket, occurrenceId);
    if (!joined.ok) throw new Error(`snapshot join refused: ${joined.error.code}`);
    const state: Partial<RoomState> = { ...(joined.state as RoomState) };
    delete state.present;
    const db = await t.db.query(
      `SELECT (SELECT json_agg(p ORDER BY p.opened_at) FROM meeting_polls p WHERE p.occurrence_id = $1) AS polls,
              (SELECT json_agg(v ORDER BY v.user_id, v.option_id) FROM meeting_poll_votes v JOIN meeting_polls p ON p.id = v.poll_id WHERE p.occurrence_id = $1) AS votes,
              (SELECT row_to_json(s) FROM meeting_room_state s WHERE s.occurrence_id = $1) AS room_state,
              (SELECT row_to_json(o) FROM meeting_occurrences o WHERE o.id = $1) AS occurrence`,
      [occurrenceId],
    );
    return { state, db };
  } finally {
    socket.close();
  }
}

/** Gives a live room something to lose: a current agenda item, a raised hand, an open poll with a vote, a closed poll. */
async function furnishRoom(t: TestApp, host: TestPerson, attendee: TestPerson, occurrenceId: string, agendaIds: string[]) {
  const hostRoom = new Client(roomSocket(t.url, host.token), null);
  try {
    await connected(hostRoom.socket);
    await joinRoom(hostRoom.socket, occurrenceId);
    await request(hostRoom.socket, MEETING_ROOM_EVENTS.setAgendaItem, { occurrenceId, agendaItemId: agendaIds[1] });
    const open = (
      await request<{ poll: Poll }>(hostRoom.socket, MEETING_ROOM_EVENTS.openPoll, {
        occurrenceId,
        question: 'Open?',
        kind: 'single',
        options: ['Yes', 'No'],
      })
    ).poll;
    const closed = (
      await request<{ poll: Poll }>(hostRoom.socket, MEETING_ROOM_EVENTS.openPoll, {
        occurrenceId,
        question: 'Closed?',
        kind: 'multiple',
        options: ['A', 'B', 'C'],
      })
    ).poll;
    const attendeeRoom = new Client(roomSocket(t.url, attendee.token), null);
    await connected(attendeeRoom.socket);
    await joinRoom(attendeeRoom.socket, occurrenceId);
    await request(attendeeRoom.socket, MEETING_ROOM_EVENTS.raiseHand, { occurrenceId });
    await request(attendeeRoom.socket, MEETING_ROOM_EVENTS.vote, { occurrenceId, pollId: open.id, optionIds: [itemAt(open.options).id] });
    await request(attendeeRoom.socket, MEETING_ROOM_EVENTS.vote, {
      occurrenceId,
      pollId: closed.id,
      optionIds: [itemAt(closed.options, 1).id],
    });
    await request(hostRoom.socket, MEETING_ROOM_EVENTS.closePoll, { occurrenceId, pollId: closed.id });
    return { openPoll: open, closedPoll: closed, attendeeRoom };
  } finally {
    hostRoom.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Cases and what the server must do with them

/** One fuzzed emit: its arguments (before any ack), whether it carries an ack, and how to judge what came back. */
interface Case {
  event: string;
  args: unknown[];
  /** Whether an ack callback goes last. */
  ack: boolean;
  /** Whether the event's contract has an ack, so one must come (for the others an ack is a stray one, never awaited). */
  answers: boolean;
  /** Instead of a probe, wait for this event (a refusal that is certain but may come after others' answers). */
  waitForError?: string;
  judge: (o: Outcome) => string | null;
}

interface Outcome {
  ack: AckOutcome | null;
  /** What the connection received between the emit and the probe that follows it (or within the wait). */
  received: Received[];
  disconnected: boolean;
  /** Whether the packet is above the server's message limit (the connection is then closed, as configured). */
  oversized: boolean;
  /** The probe after the case got no answer though the connection is open. */
  unanswered?: boolean;
  /** The packet forges a prototype (see `prototypeForging`): the server must close the connection. */
  forged?: boolean;
}

const errorsIn = (received: Received[], errorEvent: string) =>
  received.filter((r) => r.event === errorEvent).map((r) => r.args[0] as { code?: string; docName?: string });

interface Failure {
  namespace: string;
  event: string;
  flaw: string;
  input: string;
}

const failureLine = (f: Failure, path?: string) =>
  `${f.namespace} ${f.event}: ${f.flaw} for ${f.input} (MINGA_FUZZ_SEED=${SEED}${path ? `, path ${path}` : ''})`;

/** Runs a property over an event's cases; a failure is recorded with the seed and a readable description. */
async function walk(
  failures: string[],
  namespace: string,
  event: string,
  arbitrary: fc.Arbitrary<Case>,
  numRuns: number,
  check: (c: Case) => Promise<string | null>,
): Promise<number> {
  let found: Failure | null = null;
  let count = 0;
  const result = await fc.check(
    fc.asyncProperty(arbitrary, async (c) => {
      count += 1;
      const flaw = await check(c);
      if (flaw && !found)
        found = {
          namespace,
          event,
          flaw,
          input: `emit(${describe_(c.event)}, ${c.args.map(describe_).join(', ')}${c.ack ? ', ack' : ''})`,
        };
      return flaw === null;
    }),
    { numRuns, seed: SEED, endOnFailure: true },
  );
  if (result.failed) {
    const f = found as Failure | null;
    failures.push(
      f
        ? failureLine(f, result.counterexamplePath ?? undefined)
        : `${namespace} ${event}: ${String(result.errorInstance)} (MINGA_FUZZ_SEED=${SEED})`,
    );
  }
  return count;
}

/** Extra arguments after the payload, now and then (hostile clients add them; the ack then goes last). */
const extras = (options: HostileOptions) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constant<unknown[]>([]) },
    { weight: 1, arbitrary: fc.array(hostileValue(options), { minLength: 1, maxLength: 3 }) },
  );

/** An event name no namespace handles (reserved names are the wire-level walk's). */
function unknownEvent(handled: string[]): fc.Arbitrary<string> {
  return fc
    .oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom(
        'error',
        'y ',
        'JOIN',
        'join\u0000',
        'session',
        'saved',
        'collab-error',
        'room-error',
        'presence',
        '__proto__',
        'constructor',
        'toString',
        'hasOwnProperty',
        'ping',
        'message',
      ),
    )
    .filter((name) => name !== '' && !handled.includes(name) && !RESERVED_EVENTS.includes(name));
}

describe('socket fuzz', () => {
  const processErrors: string[] = [];
  const onUnhandled = (err: unknown) => processErrors.push(err instanceof Error ? (err.stack ?? err.message) : String(err));

  beforeAll(() => {
    process.on('unhandledRejection', onUnhandled);
    process.on('uncaughtException', onUnhandled);
    console.log(`socket fuzz: MINGA_FUZZ_SEED=${SEED}`);
  });
  afterAll(() => {
    process.off('unhandledRejection', onUnhandled);
    process.off('uncaughtException', onUnhandled);
  });

  /** The server is alive and takes new connections: REST answers, a new socket connects and joins. */
  async function expectServing(t: TestApp, person: TestPerson, docName: string): Promise<void> {
    const health = await t.http().get('/api/health');
    expect(health.status).toBe(200);
    const socket = rawSocket(t.url, person.token);
    try {
      await connected(socket);
      expect(await join(socket, docName)).toEqual({ ok: true, access: expect.any(String) });
    } finally {
      socket.close();
    }
    expect(processErrors).toEqual([]);
  }

  describe('every event, walked with budgets raised for the walk', () => {
    let t: TestApp;
    let fuzzer: TestPerson;
    let host: TestPerson;
    let writer: TestPerson;
    let reader: TestPerson;
    let attendee: TestPerson;
    let docName: string;
    let otherDocName: string;
    let editor: Editor;
    let writerUpdates: Uint8Array[];
    let follower: Follower;
    let baseState: Uint8Array;
    let baseDoc: Y.Doc;
    const opened: Client[] = [];

    let occurrenceId: string;
    let otherOccurrenceId: string;
    let agendaIds: string[];
    let openPoll: Poll;
    let closedPoll: Poll;
    let attendeeRoom: Client;

    const client = (namespace: string, token: string, pacer: Pacer | null) => {
      const c = new Client(nsSocket(t.url, namespace, token), pacer);
      opened.push(c);
      return c;
    };

    let roomBefore: unknown;
    let otherBefore: Uint8Array;

    beforeAll(async () => {
      t = await startTestApp({
        COLLAB_MAX_MESSAGE_BYTES: String(MAX_MESSAGE_BYTES),
        COLLAB_MESSAGES_PER_SECOND: '100000',
        COLLAB_PRESENCE_PER_SECOND: '10000',
        COLLAB_SYNC_BYTES_PER_SECOND: String(1024 * 1024 * 1024),
        REALTIME_BYTES_IN_PER_SECOND: String(1024 * 1024 * 1024),
        REALTIME_JOINS_PER_SECOND: '10000',
        REALTIME_MAX_SOCKETS_PER_PERSON: '500',
        MEETING_REMINDER_SWEEP_SECONDS: '0',
      });
      fuzzer = await createPerson(t, [{ role: 'official', cityName: 'Tsukuba' }]);
      writer = await createPerson(t, [{ role: 'official', cityName: 'Tsukuba' }]);
      reader = await createPerson(t, [{ role: 'official', cityName: 'Tsukuba' }]);
      host = await createPerson(t, [{ role: 'expert', hubKey: 'japan' }]);
      attendee = await createPerson(t, [{ role: 'expert', hubKey: 'japan' }]);
      docName = await createTsukubaDraft(t, writer, 'Socket fuzz');
      otherDocName = await createTsukubaDraft(t, writer, 'Socket fuzz, the other draft');

      editor = await openEditor(t.url, docName, writer.token);
      writerUpdates = ownUpdates(editor);
      editor.type('Written before the fuzz.');
      await allSaved(editor);
      follower = await follow(t.url, reader.token, docName);
      await eventually('the reader has the draft', () => textOf(follower.doc) === editor.text());
      baseState = Y.encodeStateAsUpdate(follower.doc);
      baseDoc = docWith(baseState, []);

      const japan = await hubId(t, 'japan');
      const meeting = await createMeeting(t, { hubId: japan, organiserId: host.id, inviteeIds: [fuzzer.id, attendee.id] });
      occurrenceId = meeting.occurrenceId;
      agendaIds = meeting.agendaIds;
      const stranger = await createPerson(t, [{ role: 'expert', hubKey: 'japan' }]);
      otherOccurrenceId = (await createMeeting(t, { hubId: japan, organiserId: stranger.id, inviteeIds: [] })).occurrenceId;
      const furnished = await furnishRoom(t, host, attendee, occurrenceId, agendaIds);
      openPoll = furnished.openPoll;
      closedPoll = furnished.closedPoll;
      attendeeRoom = furnished.attendeeRoom;
      opened.push(attendeeRoom);
      otherBefore = Y.encodeStateAsUpdate(await storedDoc(t, otherDocName));
      roomBefore = await roomSnapshot(t, host, occurrenceId);
    });

    afterAll(async () => {
      for (const c of opened.splice(0)) c.close();
      follower?.client.close();
      editor?.close();
      await t?.close();
    });

    // ---- /collab ------------------------------------------------------------------------------------------------

    /** How often each kind of y-protocols message reached the document's checks (printed: a walk that stops reaching them shows). */
    const yVerdicts = new Map<string, number>();
    const PROBE = Buffer.from([Y_MESSAGE_SYNC, syncProtocol.messageYjsSyncStep1, 1, 0]);
    let probes = 0;
    let collabFuzzer: Client | null = null;

    /** The fuzzer's /collab connection, joined to the draft (a new one once the server closed the last). */
    async function collabClient(): Promise<Client> {
      if (collabFuzzer?.connected) return collabFuzzer;
      collabFuzzer?.close();
      const c = client(COLLAB_NAMESPACE, fuzzer.token, null);
      await connected(c.socket);
      const joined = await c.emitWithAck(COLLAB_EVENTS.join, [docName]);
      if (joined.kind !== 'answer' || !(joined.answer as JoinResult).ok) throw new Error(`the fuzzer could not join: ${describe_(joined)}`);
      collabFuzzer = c;
      return c;
    }

    /**
     * Sends a case and then a probe (a message to a document no one has, refused at once with its name): whatever
     * the server sends for the case arrives before the probe's refusal, so that is what the case is judged on.
     */
    async function exchange(
      c: Client,
      namespace: string,
      kase: Case,
      probe: (c: Client, from: number) => Promise<number | null>,
    ): Promise<Outcome> {
      const mark = c.log.length;
      const oversized = packetBytes(namespace, kase.event, kase.args) > MAX_MESSAGE_BYTES - 1024;
      const forged = prototypeForging(kase.args);
      let ack: AckOutcome | null = null;
      if (kase.answers) {
        ack = await c.emitWithAck(kase.event, kase.args);
      } else if (kase.ack) {
        c.socket.emit(kase.event, ...kase.args, () => undefined);
      } else {
        c.socket.emit(kase.event, ...kase.args);
      }
      let end = c.log.length;
      if (kase.waitForError) {
        const at = await c.waitForEntry(mark, (e) => e.event === kase.waitForError);
        end = at === null ? c.log.length : at + 1;
      } else if (c.connected && (!kase.answers || ack?.kind === 'answer')) {
        const at = await probe(c, mark);
        if (at === null && c.connected)
          return { ack, received: c.log.slice(mark), disconnected: false, oversized, forged, unanswered: true };
        end = at ?? c.log.length;
      }
      // A connection the server closed: its client hears of it a moment later.
      if ((oversized || forged) && c.connected) await c.waitForEntry(c.log.length, () => false, 1000);
      return { ack, received: c.log.slice(mark, end), disconnected: !c.connected, oversized, forged };
    }

    const collabProbe = (c: Client, from: number) => {
      const name = `probe-${++probes}`;
      c.socket.emit(COLLAB_EVENTS.y, name, PROBE);
      return c.waitForEntry(from, (e) => e.event === COLLAB_EVENTS.error && (e.args[0] as CollabError)?.docName === name);
    };

    /** What any case must not do: hang, go unanswered, or lose its connection without being oversized. */
    function basicFlaw(kase: Case, o: Outcome): string | null {
      if (o.forged) return o.disconnected ? null : 'a packet forging a prototype was not refused (the connection stayed open)';
      if (o.ack?.kind === 'timeout') return `no acknowledgement within ${ACK_TIMEOUT_MS} ms`;
      if (o.unanswered) return 'the connection stopped answering (the probe after it got no answer)';
      if (o.disconnected) return o.oversized ? null : `the connection was closed`;
      if (o.oversized && kase.answers && o.ack?.kind !== 'answer') return null;
      return null;
    }

    /** The refusals on an error event must be exactly one of `codes` (`required`), or none or one of them. */
    const errorsFlaw = (o: Outcome, errorEvent: string, codes: readonly string[], required: boolean): string | null => {
      const errors = errorsIn(o.received, errorEvent).map((e) => e.code ?? '?');
      if (required && errors.length === 0) return `no ${errorEvent} (expected ${codes.join(' or ')})`;
      if (errors.length > 1) return `${errors.length} errors (${errors.join(', ')}) for one message`;
      const [error] = errors;
      if (error !== undefined && !codes.includes(error))
        return `${errorEvent} ${error} (expected ${codes.length ? codes.join(' or ') : 'none'})`;
      return null;
    };

    const collabJudge = (kase: Case, o: Outcome): string | null => {
      const basic = basicFlaw(kase, o);
      if (basic !== null || o.disconnected) return basic;
      return kase.judge(o);
    };

    function collabCases(): Record<string, fc.Arbitrary<Case>> {
      const foreignName = docNameLike(docName, HOSTILE).filter((n) => n !== docName && n !== otherDocName);
      const payloadOrNothing = fc.oneof(
        { weight: 9, arbitrary: foreignName.map((n) => [n]) },
        { weight: 1, arbitrary: fc.constant<unknown[]>([]) },
      );
      const joinCase = fc.tuple(payloadOrNothing, extras(HOSTILE), fc.boolean()).map(([payload, extra, ack]): Case => ({
        event: COLLAB_EVENTS.join,
        args: [...payload, ...extra],
        ack,
        answers: ack,
        judge: (o) => {
          if (!ack) return errorsFlaw(o, COLLAB_EVENTS.error, ['malformed_message'], true);
          const answer = (o.ack as { answer: JoinResult }).answer;
          if (answer?.ok !== false || !['unknown_document', 'forbidden'].includes(answer.error?.code))
            return `answered ${describe_(answer)}`;
          return errorsFlaw(o, COLLAB_EVENTS.error, [], false);
        },
      }));
      // Leaving what one never joined is a no-op: silence, by design.
      const leaveCase = fc.tuple(payloadOrNothing, extras(HOSTILE), fc.boolean()).map(([payload, extra, ack]): Case => ({
        event: COLLAB_EVENTS.leave,
        args: [...payload, ...extra],
        ack,
        answers: false,
        judge: (o) => errorsFlaw(o, COLLAB_EVENTS.error, [], false),
      }));
      const ownedByOthers = [editor.doc.clientID];
      const yPayload = fc.oneof(
        { weight: 8, arbitrary: hostileYMessages(() => baseState, ownedByOthers) },
        {
          weight: 2,
          arbitrary: hostileValue(HOSTILE)
            .map((value) => ({ bytes: value, verdict: Buffer.isBuffer(value) ? yVerdict(value, baseState) : ('malformed' as const) }))
            .filter(({ verdict }) => verdict !== 'update-valid'),
        },
      );
      const seq = fc.option(fc.oneof(fc.integer({ min: 1, max: 1_000_000 }), hostileValue(HOSTILE)), { nil: undefined });
      const yName = fc.oneof(
        { weight: 8, arbitrary: fc.constant<unknown>(docName) },
        { weight: 1, arbitrary: docNameLike(docName, HOSTILE).filter((n) => n !== docName) },
      );
      const yCase = fc.tuple(yName, yPayload, seq, extras(HOSTILE), fc.boolean()).map(([name, payload, number, extra, ack]): Case => {
        const args = [name, payload.bytes, ...(number === undefined && extra.length === 0 ? [] : [number]), ...extra];
        return {
          event: COLLAB_EVENTS.y,
          args,
          ack,
          answers: false,
          judge: (o) => {
            const refusal = (codes: readonly string[], required: boolean) => errorsFlaw(o, COLLAB_EVENTS.error, codes, required);
            if (typeof name !== 'string' || !Buffer.isBuffer(payload.bytes)) return refusal(['malformed_message'], true);
            if (name !== docName) return refusal(['not_joined'], true);
            const verdict: YVerdict | 'foreign-shape' = payload.verdict;
            yVerdicts.set(verdict, (yVerdicts.get(verdict) ?? 0) + 1);
            switch (verdict) {
              case 'malformed':
              case 'step1-malformed':
              case 'update-undecodable':
                return refusal(['malformed_message'], true);
              case 'step1': {
                const answered = o.received.some(
                  (r) =>
                    r.event === COLLAB_EVENTS.y &&
                    r.args[0] === docName &&
                    (r.args[1] as Uint8Array)?.[1] === syncProtocol.messageYjsSyncStep2,
                );
                return refusal([], false) ?? (answered ? null : 'a sync step 1 was not answered');
              }
              case 'update-empty':
                return refusal([], false);
              case 'update-broken':
              case 'foreign-shape':
                return refusal(verdict === 'foreign-shape' ? ['unsupported_content'] : ['invalid_update', 'unsupported_content'], true);
              case 'update-noop':
                return refusal(['invalid_update', 'unsupported_content'], false);
              case 'awareness':
                return refusal(['malformed_message', 'message_too_large', 'presence_not_yours'], false);
              case 'update-valid':
                return 'a valid edit was generated';
            }
          },
        };
      });
      const reauthCase = fc
        .tuple(
          fc.oneof(
            hostileValue(HOSTILE),
            fc.constantFrom<unknown>(writer.token, 'a.b.c', `${fuzzer.token}x`, fuzzer.token.split('.').slice(0, 2).join('.')),
          ),
          extras(HOSTILE),
          fc.boolean(),
        )
        .map(([token, extra, ack]): Case => reauthCase_(COLLAB_NAMESPACE, COLLAB_EVENTS.error, token, extra, ack));
      const unknownCase = fc
        .tuple(
          unknownEvent([COLLAB_EVENTS.join, COLLAB_EVENTS.leave, COLLAB_EVENTS.y, REALTIME_EVENTS.reauth]),
          fc.array(hostileValue(HOSTILE), { maxLength: 3 }),
          fc.boolean(),
        )
        .map(([event, args, ack]): Case => ({
          event,
          args,
          ack,
          answers: false,
          judge: (o) => errorsFlaw(o, COLLAB_EVENTS.error, [], false),
        }));
      return {
        [COLLAB_EVENTS.join]: joinCase,
        [COLLAB_EVENTS.leave]: leaveCase,
        [COLLAB_EVENTS.y]: yCase,
        [REALTIME_EVENTS.reauth]: reauthCase,
        '(unknown events)': unknownCase,
      };
    }

    /** `reauth` on any namespace: a refusal in the ack when there is one, silence otherwise. */
    function reauthCase_(_namespace: string, errorEvent: string, token: unknown, extra: unknown[], ack: boolean): Case {
      return {
        event: REALTIME_EVENTS.reauth,
        args: [token, ...extra],
        ack,
        answers: ack,
        judge: (o) => {
          if (ack) {
            const answer = (o.ack as { answer: ReauthResult }).answer;
            if (answer?.ok !== false || answer.code !== 'unauthenticated') return `answered ${describe_(answer)}`;
          }
          return errorsFlaw(o, errorEvent, [], false);
        },
      };
    }

    const COLLAB_RUNS: Record<string, number> = { join: 40, leave: 30, y: 400, reauth: 25, '(unknown events)': 25 };

    it('/collab: refuses every fuzzed event clearly, and the draft stays exactly as it was', async () => {
      const failures: string[] = [];
      const followed = follower.updates.length;
      const cases = collabCases();
      let total = 0;
      for (const [event, arbitrary] of Object.entries(cases)) {
        total += await walk(failures, COLLAB_NAMESPACE, event, arbitrary, runs(COLLAB_RUNS[event] ?? 20), async (kase) =>
          collabJudge(kase, await exchange(await collabClient(), COLLAB_NAMESPACE, kase, collabProbe)),
        );
      }
      expect(failures).toEqual([]);
      await sleep(200);
      const stored = await storedDoc(t, docName);
      expect({ stored: sameDoc(stored, baseDoc), reader: sameDoc(follower.doc, baseDoc), writer: sameDoc(editor.doc, baseDoc) }).toEqual({
        stored: true,
        reader: true,
        writer: true,
      });
      expect(follower.updates.length).toBe(followed);
      expect(accountingFlaws(t)).toEqual([]);
      expect(processErrors).toEqual([]);
      console.log(`/collab: ${total} fuzzed events; y messages by what Yjs makes of them: ${describe_(Object.fromEntries(yVerdicts))}`);
    }, 120_000);

    // ---- /meetings ----------------------------------------------------------------------------------------------

    /** Per role, a few joined connections used in turn, each within the room's 10 events a second. */
    const roomPools = new Map<string, Client[]>();
    let turn = 0;
    async function roomClient(person: TestPerson): Promise<Client> {
      const pool = roomPools.get(person.id) ?? [];
      roomPools.set(person.id, pool);
      for (let i = 0; i < pool.length; i++) if (!itemAt(pool, i).connected) pool.splice(i--, 1);
      while (pool.length < 8) {
        const c = client(MEETING_ROOM_NAMESPACE, person.token, new Pacer(8, 16));
        await connected(c.socket);
        await c.pacer?.take();
        const joined = await c.emitWithAck(MEETING_ROOM_EVENTS.join, [{ occurrenceId }]);
        if (joined.kind !== 'answer' || !(joined.answer as JoinRoomResult).ok)
          throw new Error(`could not join the room: ${describe_(joined)}`);
        pool.push(c);
      }
      return itemAt(pool, turn++ % pool.length);
    }

    const roomProbe = async (c: Client, from: number) => {
      const name = `probe-${++probes}`;
      await c.pacer?.take();
      c.socket.emit(MEETING_ROOM_EVENTS.raiseHand, { occurrenceId: name });
      return c.waitForEntry(
        from,
        (e) => e.event === MEETING_ROOM_EVENTS.error && (e.args[0] as { occurrenceId?: string })?.occurrenceId === name,
      );
    };

    /** What a room event must answer: a refusal with one of `codes` (schema-valid), or `ok` when that is harmless. */
    const roomAnswer =
      (codes: readonly string[], okAllowed = false) =>
      (o: Outcome): string | null => {
        const answer = o.ack ? (o.ack as { answer: unknown }).answer : null;
        if (o.ack) {
          const errorFlaw = errorsFlaw(o, MEETING_ROOM_EVENTS.error, [], false);
          if (errorFlaw) return errorFlaw;
          if (okAllowed && (answer as { ok?: unknown })?.ok === true) return null;
          const error = (answer as { ok?: unknown; error?: unknown })?.error;
          const parsed = roomErrorSchema.safeParse(error);
          if ((answer as { ok?: unknown })?.ok !== false || !parsed.success || !codes.includes(parsed.data.code))
            return `answered ${describe_(answer)}`;
          return null;
        }
        const errors = errorsIn(o.received, MEETING_ROOM_EVENTS.error);
        if (errors.length !== 1) return `${errors.length} room errors (expected one of ${codes.join(', ')})`;
        const parsed = roomErrorSchema.safeParse(errors[0]);
        return parsed.success && codes.includes(parsed.data.code) ? null : `room-error ${describe_(errors[0])}`;
      };

    /** A valid payload of each event, to break one field of. */
    function validRoomPayload(event: string): Record<string, unknown> {
      switch (event) {
        case MEETING_ROOM_EVENTS.setAgendaItem:
          return { occurrenceId, agendaItemId: agendaIds[0] };
        case MEETING_ROOM_EVENTS.lowerHand:
          return { occurrenceId, userId: attendee.id };
        case MEETING_ROOM_EVENTS.openPoll:
          return { occurrenceId, question: 'Which one?', kind: 'single', options: ['One', 'Two'] };
        case MEETING_ROOM_EVENTS.vote:
          return { occurrenceId, pollId: openPoll.id, optionIds: [itemAt(openPoll.options, 1).id] };
        case MEETING_ROOM_EVENTS.closePoll:
          return { occurrenceId, pollId: openPoll.id };
        default:
          return { occurrenceId };
      }
    }

    /** Payloads that break the event's schema (or carry text that cannot be stored): `validation_failed`. */
    function brokenRoomPayload(event: string): fc.Arbitrary<unknown[]> {
      const schema = ROOM_SCHEMAS[event];
      if (!schema) throw new Error(`No schema for room event ${event}`);
      const base = validRoomPayload(event);
      const keys = Object.keys(base);
      const broken = fc.oneof(
        hostileValue(HOSTILE),
        fc.tuple(fc.constantFrom(...keys), hostileValue(HOSTILE)).map(([key, value]) => ({ ...base, [key]: value })),
        fc.constantFrom(...keys).map((key) => Object.fromEntries(Object.entries(base).filter(([k]) => k !== key))),
        fc.tuple(fc.string({ maxLength: 12 }), hostileValue(HOSTILE)).map(([key, value]) => ({ ...base, [key]: value })),
        fc
          .tuple(
            fc.constantFrom(...keys),
            fc.constantFrom<(s: string) => unknown>(
              (s) => `${s} `,
              (s) => s.slice(1),
              (s) => `${s}\u0000`,
              (s) => [s],
              (s) => ({ id: s }),
              (s) => s.replace(/-/g, ''),
            ),
          )
          .map(([key, damage]) => ({
            ...base,
            [key]: typeof base[key] === 'string' ? damage(base[key] as string) : damage(JSON.stringify(base[key])),
          })),
        fc
          .tuple(
            fc.constantFrom('options', 'optionIds'),
            fc.array(fc.oneof(hostileValue(HOSTILE), fc.constantFrom('A', 'a', '\u0000', ' ', itemAt(openPoll.options).id)), {
              maxLength: 14,
            }),
          )
          .map(([key, list]) => ({ ...base, [key]: list })),
      );
      return fc
        .tuple(
          fc.oneof({ weight: 9, arbitrary: broken.map((p) => [p]) }, { weight: 1, arbitrary: fc.constant<unknown[]>([]) }),
          extras(HOSTILE),
        )
        .map(([payload, extra]) => [...payload, ...extra])
        .filter((args) => {
          const parsed = schema.safeParse(args[0]);
          return !parsed.success || unstorableText(parsed.data).length > 0;
        });
    }

    /** Valid payloads that name what is not there or not the caller's to do: the refusals a participant or host gets. */
    function wrongRoomPayload(
      event: string,
      role: 'host' | 'participant',
    ): fc.Arbitrary<{ payload: unknown; codes: string[]; okAllowed?: boolean }> {
      const elsewhere = fc.oneof(fc.uuid(), fc.constant(otherOccurrenceId));
      const notJoined = (extra: fc.Arbitrary<Record<string, unknown>>) =>
        fc.tuple(elsewhere, extra).map(([id, rest]) => ({ payload: { ...rest, occurrenceId: id }, codes: ['not_joined'] }));
      const here = (extra: fc.Arbitrary<Record<string, unknown>>, codes: string[], okAllowed = false) =>
        extra.map((rest) => ({ payload: { occurrenceId, ...rest }, codes, okAllowed }));
      const hostOnly = (extra: fc.Arbitrary<Record<string, unknown>>) => here(extra, ['host_only']);
      const none = fc.constant<Record<string, unknown>>({});
      const somePoll = fc.oneof(fc.uuid(), fc.constant(openPoll.id), fc.constant(closedPoll.id));
      switch (event) {
        case MEETING_ROOM_EVENTS.join:
          return elsewhere.map((id) => ({ payload: { occurrenceId: id }, codes: ['not_found', 'forbidden'] }));
        case MEETING_ROOM_EVENTS.leave:
          return elsewhere.map((id) => ({ payload: { occurrenceId: id }, codes: [], okAllowed: true }));
        case MEETING_ROOM_EVENTS.setAgendaItem: {
          const item = fc.record({ agendaItemId: fc.oneof(fc.uuid(), fc.constantFrom(...agendaIds)) });
          return role === 'host'
            ? fc.oneof(notJoined(item), here(fc.record({ agendaItemId: fc.uuid() }), ['unknown_agenda_item']))
            : fc.oneof(notJoined(item), hostOnly(fc.oneof(item, fc.constant({ agendaItemId: null }))));
        }
        case MEETING_ROOM_EVENTS.raiseHand:
          return notJoined(none);
        case MEETING_ROOM_EVENTS.lowerHand: {
          const someone = fc.record({ userId: fc.oneof(fc.uuid(), fc.constant(attendee.id), fc.constant(host.id)) });
          return role === 'host'
            ? fc.oneof(notJoined(none), here(fc.record({ userId: fc.uuid() }), [], true))
            : fc.oneof(
                notJoined(someone),
                hostOnly(fc.record({ userId: fc.oneof(fc.uuid(), fc.constant(attendee.id), fc.constant(host.id)) })),
              );
        }
        case MEETING_ROOM_EVENTS.nextHand:
        case MEETING_ROOM_EVENTS.endMeeting:
          return role === 'host' ? notJoined(none) : fc.oneof(notJoined(none), hostOnly(none));
        case MEETING_ROOM_EVENTS.openPoll: {
          const poll = fc.record({
            question: fc.string({ minLength: 1, maxLength: 40 }).filter((q) => q.trim().length > 0 && unstorableText(q).length === 0),
            kind: fc.constantFrom('single', 'multiple'),
            options: fc.constant(['Yes', 'No']),
          });
          return role === 'host' ? notJoined(poll) : fc.oneof(notJoined(poll), hostOnly(poll));
        }
        case MEETING_ROOM_EVENTS.vote: {
          const opt = (poll: Poll, i: number) => itemAt(poll.options, i % poll.options.length).id;
          return fc.oneof(
            notJoined(fc.record({ pollId: somePoll, optionIds: fc.constant([opt(openPoll, 0)]) })),
            here(fc.record({ pollId: fc.uuid(), optionIds: fc.constant([opt(openPoll, 0)]) }), ['unknown_poll']),
            here(fc.record({ pollId: fc.constant(openPoll.id), optionIds: fc.uniqueArray(fc.uuid(), { minLength: 1, maxLength: 3 }) }), [
              'unknown_option',
            ]),
            here(fc.constant({ pollId: openPoll.id, optionIds: [opt(openPoll, 0), opt(openPoll, 1)] }), ['too_many_options']),
            here(
              fc.nat().map((i) => ({ pollId: closedPoll.id, optionIds: [opt(closedPoll, i)] })),
              ['poll_closed'],
            ),
          );
        }
        case MEETING_ROOM_EVENTS.closePoll:
          return role === 'host'
            ? fc.oneof(
                notJoined(fc.record({ pollId: somePoll })),
                here(fc.record({ pollId: fc.uuid() }), ['unknown_poll']),
                here(fc.constant({ pollId: closedPoll.id }), ['poll_closed']),
              )
            : fc.oneof(notJoined(fc.record({ pollId: somePoll })), hostOnly(fc.record({ pollId: somePoll })));
        default:
          throw new Error(`no wrong payloads for ${event}`);
      }
    }

    function roomCases(role: 'host' | 'participant'): Record<string, fc.Arbitrary<Case>> {
      const cases: Record<string, fc.Arbitrary<Case>> = {};
      for (const event of Object.keys(ROOM_SCHEMAS)) {
        const broken = fc.tuple(brokenRoomPayload(event), fc.boolean()).map(([args, ack]): Case => ({
          event,
          args,
          ack,
          answers: ack,
          waitForError: ack ? undefined : MEETING_ROOM_EVENTS.error,
          judge: roomAnswer(['validation_failed']),
        }));
        const wrong = fc
          .tuple(wrongRoomPayload(event, role), extras(HOSTILE), fc.boolean())
          .map(([{ payload, codes, okAllowed }, extra, ackWanted]): Case => {
            // Without an ack only refusals can be awaited (they come as room-error); a harmless `ok` needs the ack.
            const ack = ackWanted || okAllowed === true;
            return {
              event,
              args: [payload, ...extra],
              ack,
              answers: ack,
              waitForError: ack ? undefined : MEETING_ROOM_EVENTS.error,
              judge: roomAnswer(codes, okAllowed),
            };
          });
        cases[event] = fc.oneof(broken, wrong);
      }
      const reauth = fc
        .tuple(fc.oneof(hostileValue(HOSTILE), fc.constant<unknown>(writer.token)), extras(HOSTILE), fc.boolean())
        .map(([token, extra, ack]) => reauthCase_(MEETING_ROOM_NAMESPACE, MEETING_ROOM_EVENTS.error, token, extra, ack));
      cases[REALTIME_EVENTS.reauth] = reauth;
      cases['(unknown events)'] = fc
        .tuple(
          unknownEvent([...Object.keys(ROOM_SCHEMAS), REALTIME_EVENTS.reauth]),
          fc.array(hostileValue(HOSTILE), { maxLength: 3 }),
          fc.boolean(),
        )
        .map(([event, args, ack]): Case => ({
          event,
          args,
          ack,
          answers: false,
          judge: (o) => errorsFlaw(o, MEETING_ROOM_EVENTS.error, [], false),
        }));
      return cases;
    }

    it('/meetings: refuses every fuzzed event clearly, as participant and as host, and the room stays as it was', async () => {
      const failures: string[] = [];
      const mark = attendeeRoom.log.length;
      let total = 0;
      for (const [role, person] of [
        ['participant', fuzzer],
        ['host', host],
      ] as const) {
        for (const [event, arbitrary] of Object.entries(roomCases(role))) {
          total += await walk(
            failures,
            `${MEETING_ROOM_NAMESPACE} (${role})`,
            event,
            arbitrary,
            runs(event === '(unknown events)' || event === 'reauth' ? 12 : 22),
            async (kase) => {
              const c = await roomClient(person);
              await c.pacer?.take();
              const o = await exchange(c, MEETING_ROOM_NAMESPACE, kase, roomProbe);
              return basicFlaw(kase, o) ?? (o.disconnected ? null : kase.judge(o));
            },
          );
        }
      }
      expect(failures).toEqual([]);
      expect(await roomSnapshot(t, host, occurrenceId)).toEqual(roomBefore);
      const changes = attendeeRoom.log.slice(mark).filter((r) => r.event !== MEETING_ROOM_EVENTS.presence);
      expect(changes.map((r) => `${r.event} ${describe_(r.args)}`)).toEqual([]);
      expect(accountingFlaws(t)).toEqual([]);
      expect(processErrors).toEqual([]);
      console.log(`/meetings: ${total} fuzzed events`);
    }, 120_000);

    // ---- /events ------------------------------------------------------------------------------------------------

    it('/events: refuses every fuzzed event clearly', async () => {
      const failures: string[] = [];
      const pool: Client[] = [];
      for (let i = 0; i < 10; i++) {
        const c = client(EVENTS_NAMESPACE, fuzzer.token, new Pacer(1.8, 3));
        await connected(c.socket);
        pool.push(c);
      }
      // The probe is a reauth with an ack: whatever the case made the server send comes before its answer.
      const probe = async (c: Client) => {
        await c.pacer?.take();
        const answered = await c.emitWithAck(REALTIME_EVENTS.reauth, [`probe-${++probes}`]);
        return answered.kind === 'answer' ? c.log.length : null;
      };
      const cases = {
        [REALTIME_EVENTS.reauth]: fc
          .tuple(fc.oneof(hostileValue(HOSTILE), fc.constant<unknown>(writer.token)), extras(HOSTILE), fc.boolean())
          .map(([token, extra, ack]) => reauthCase_(EVENTS_NAMESPACE, 'events-error', token, extra, ack)),
        '(unknown events)': fc
          .tuple(unknownEvent([REALTIME_EVENTS.reauth]), fc.array(hostileValue(HOSTILE), { maxLength: 3 }), fc.boolean())
          .map(([event, args, ack]): Case => ({
            event,
            args,
            ack,
            answers: false,
            judge: (o) => errorsFlaw(o, 'events-error', [], false),
          })),
      };
      let total = 0;
      let i = 0;
      for (const [event, arbitrary] of Object.entries(cases)) {
        total += await walk(failures, EVENTS_NAMESPACE, event, arbitrary, runs(20), async (kase) => {
          let c = itemAt(pool, i++ % pool.length);
          if (!c.connected) {
            c = client(EVENTS_NAMESPACE, fuzzer.token, new Pacer(1.8, 3));
            await connected(c.socket);
            pool[(i - 1) % pool.length] = c;
          }
          await c.pacer?.take();
          const o = await exchange(c, EVENTS_NAMESPACE, kase, probe);
          return basicFlaw(kase, o) ?? (o.disconnected ? null : kase.judge(o));
        });
      }
      expect(failures).toEqual([]);
      expect(accountingFlaws(t)).toEqual([]);
      expect(processErrors).toEqual([]);
      console.log(`/events: ${total} fuzzed events`);
    }, 60_000);

    // ---- coverage -----------------------------------------------------------------------------------------------

    it('covers every namespace and every event the server listens to', async () => {
      const covered: Record<string, string[]> = {
        [COLLAB_NAMESPACE]: Object.keys(collabCases()),
        [MEETING_ROOM_NAMESPACE]: Object.keys(roomCases('participant')),
        [EVENTS_NAMESPACE]: [REALTIME_EVENTS.reauth],
      };
      const namespaces = namespacesOf(t).filter((n) => n !== '/');
      expect(namespaces.sort()).toEqual(Object.keys(covered).sort());
      for (const namespace of namespaces) {
        const events = await serverEventsOf(t, namespace, fuzzer.token);
        // Reserved names (disconnect, error) are socket.io's and Nest's own listeners; the wire-level walk forges them.
        const handled = events.filter((e) => !RESERVED_EVENTS.includes(e) && e !== 'error');
        expect({ namespace, uncovered: handled.filter((e) => !covered[namespace]?.includes(e)) }).toEqual({ namespace, uncovered: [] });
        expect(handled.length).toBeGreaterThan(0);
      }
    });

    it('serves no namespace without a token, the default one included', async () => {
      for (const namespace of ['/', COLLAB_NAMESPACE, MEETING_ROOM_NAMESPACE, EVENTS_NAMESPACE, '/nowhere']) {
        const socket = io(`${t.url}${namespace}`, {
          parser: msgpackParser,
          transports: ['websocket'],
          reconnection: false,
          forceNew: true,
        });
        try {
          const outcome = await waitFor<string>(`an answer on ${namespace}`, (done) => {
            socket.once('connect', () => done('connected'));
            socket.once('connect_error', (err: Error) => done(`refused: ${err.message}`));
          });
          expect({ namespace, outcome }).toEqual({ namespace, outcome: expect.stringMatching(/^refused/) });
        } finally {
          socket.close();
        }
      }
    });

    // ---- the wire -----------------------------------------------------------------------------------------------

    interface WireCase {
      namespace: string;
      kind: string;
      packet?: Record<string, unknown>;
      engine?: string | Buffer;
      websocket?: string | Buffer;
      /** A forged reserved event is a protocol violation no client library commits: the connection is closed. */
      mustClose: boolean;
    }

    it('survives malformed packets and forged reserved events on every namespace, and keeps its books', async () => {
      const failures: string[] = [];
      const namespace = fc.constantFrom(COLLAB_NAMESPACE, MEETING_ROOM_NAMESPACE, EVENTS_NAMESPACE);
      const garbage = fc.oneof(
        fc.string({ maxLength: 60 }),
        fc.uint8Array({ maxLength: 60 }).map((a) => Buffer.from(a)),
      );
      const kinds = fc.oneof(
        fc
          .tuple(fc.constantFrom(...RESERVED_EVENTS), fc.array(hostileValue(HOSTILE), { maxLength: 2 }), fc.boolean())
          .map(([name, args, withAck]) => ({
            kind: `forged ${name}`,
            packet: { type: 2, data: [name, ...args], ...(withAck ? { id: 7 } : {}) },
            mustClose: true,
          })),
        fc
          .constantFrom<unknown[]>([], [123], [null], [{}], [[1]], [Buffer.from('join')], [true, 'x'], [undefined, 'y'])
          .map((data) => ({ kind: 'event without a name', packet: { type: 2, data }, mustClose: false })),
        fc
          .tuple(fc.oneof(fc.nat(), fc.constantFrom(-1, 1.5, 2 ** 53, NaN)), fc.array(hostileValue(HOSTILE), { maxLength: 2 }))
          .map(([id, data]) => ({ kind: 'stray ack', packet: { type: 3, id, data }, mustClose: false })),
        fc
          .constantFrom<Record<string, unknown>>(
            { type: 0, data: { token: 'x' } },
            { type: 0 },
            { type: 1, data: 'bye' },
            { type: 2, data: 'not-an-array' },
            { type: 2 },
            { type: 2, data: {} },
            { type: 9, data: [] },
            { type: -1, data: [] },
            { type: 4, data: 'x' },
            { type: 2, data: ['join'], nsp: '/nowhere' },
            { type: 2, data: ['join'], nsp: '/' },
            { type: 0, nsp: '/' },
            { type: 2, data: ['join'], nsp: 5 },
            { type: 2, data: ['join'], id: 'x' },
          )
          .map((packet) => ({ kind: 'invalid packet', packet, mustClose: false })),
        garbage.map((engine) => ({ kind: 'engine.io garbage', engine, mustClose: false })),
        garbage.map((websocket) => ({ kind: 'websocket garbage', websocket, mustClose: false })),
      );
      const wire = fc.tuple(namespace, kinds).map(([ns, k]): WireCase => ({ namespace: ns, ...k }));
      let count = 0;
      let found: string | null = null;
      const result = await fc.check(
        fc.asyncProperty(wire, async (w) => {
          count += 1;
          const c = client(w.namespace, fuzzer.token, null);
          await connected(c.socket);
          if (w.namespace === COLLAB_NAMESPACE) await join(c.socket, docName);
          const manager = c.socket.io as unknown as {
            _packet(p: object): void;
            engine: { write(d: unknown): void; transport: { ws?: { send(d: unknown): void } } };
          };
          if (w.packet) manager._packet({ nsp: w.namespace, ...w.packet });
          if (w.engine !== undefined) manager.engine.write(w.engine);
          if (w.websocket !== undefined) manager.engine.transport.ws?.send(w.websocket);
          await c.waitForEntry(c.log.length, () => false, 150);
          let flaw: string | null = null;
          if (w.mustClose && c.connected) flaw = 'the connection stayed open';
          c.close();
          await eventually('the server forgets closed connections', () => accountingFlaws(t).length === 0, 2000).catch(() => undefined);
          const books = accountingFlaws(t);
          if (!flaw && books.length) flaw = `the socket books are wrong: ${books.join('; ')}`;
          if (!flaw && processErrors.length) flaw = `the process saw: ${processErrors[0]}`;
          if (flaw && !found) found = `${w.namespace} ${w.kind}: ${flaw} for ${describe_(w.packet ?? w.engine ?? w.websocket)}`;
          return flaw === null;
        }),
        { numRuns: runs(60), seed: SEED, endOnFailure: true },
      );
      if (result.failed)
        failures.push(`${found ?? String(result.errorInstance)} (MINGA_FUZZ_SEED=${SEED}, path ${result.counterexamplePath})`);
      expect(failures).toEqual([]);
      await expectServing(t, fuzzer, docName);
      console.log(`wire: ${count} malformed packets`);
    }, 60_000);

    // ---- regressions: what the fuzz found, as fixed cases ---------------------------------------------------------

    describe('regressions found by the fuzz', () => {
      /** A connection of the fuzzer, joined where its namespace needs it. */
      async function joinedClient(namespace: string): Promise<Client> {
        const c = client(namespace, fuzzer.token, null);
        await connected(c.socket);
        if (namespace === COLLAB_NAMESPACE) expect((await join(c.socket, docName)).ok).toBe(true);
        if (namespace === MEETING_ROOM_NAMESPACE) expect((await joinRoom(c.socket, occurrenceId)).ok).toBe(true);
        return c;
      }
      const closed = (c: Client) => eventually('the server closes the connection', () => !c.connected, 3000);

      // Found with MINGA_FUZZ_SEED=12345: `reauth` with a payload inheriting from a Buffer made zod throw inside a
      // promise no one handled (an unhandled rejection ends the process); a room event's schema check threw inside
      // the socket handler (an uncaught exception).
      it.each([
        [COLLAB_NAMESPACE, REALTIME_EVENTS.reauth, () => [protoObject(Buffer.from('token'))]],
        [MEETING_ROOM_NAMESPACE, REALTIME_EVENTS.reauth, () => [protoObject(Buffer.from('token'))]],
        [EVENTS_NAMESPACE, REALTIME_EVENTS.reauth, () => [protoObject(Buffer.from('token'))]],
        [MEETING_ROOM_NAMESPACE, MEETING_ROOM_EVENTS.vote, () => [protoObject(Buffer.from('vote'))]],
        [MEETING_ROOM_NAMESPACE, MEETING_ROOM_EVENTS.raiseHand, () => [{ occurrenceId, nested: protoObject([1, 2]) }]],
        [COLLAB_NAMESPACE, COLLAB_EVENTS.join, () => [protoObject(Buffer.from('draft'))]],
        [
          COLLAB_NAMESPACE,
          COLLAB_EVENTS.y,
          () => [docName, frameSync(syncProtocol.messageYjsUpdate, new Uint8Array([0, 0])), protoObject(Buffer.from('1'))],
        ],
      ])('%s %s: a payload forging its prototype closes the connection, and nothing throws', async (namespace, event, args) => {
        const c = await joinedClient(namespace);
        const answered = c.emitWithAck(event, args());
        await closed(c);
        expect((await answered).kind).toBe('disconnected');
        await sleep(50);
        expect(processErrors).toEqual([]);
        await expectServing(t, fuzzer, docName);
      });

      // Found with MINGA_FUZZ_SEED=12345: a forged `disconnect` ran the server's disconnect handlers on an open
      // connection: the person's socket count went down (their cap could be passed without end), the connection
      // left its documents and rooms, and its real disconnection later counted nothing.
      it.each(RESERVED_EVENTS.map((event) => [event]))(
        'a forged %s event closes the connection and keeps the socket books right',
        async (event) => {
          for (const namespace of [COLLAB_NAMESPACE, MEETING_ROOM_NAMESPACE, EVENTS_NAMESPACE]) {
            const c = await joinedClient(namespace);
            (c.socket.io as unknown as { _packet(p: object): void })._packet({ type: 2, nsp: namespace, data: [event, 'forged'] });
            await closed(c);
            await eventually('the books balance', () => accountingFlaws(t).length === 0, 2000);
          }
        },
      );

      // Found with MINGA_FUZZ_SEED=12345: the ack was read from a fixed position, so a client that sent one more
      // argument never got its answer (and /collab's join answered on the error event instead).
      it.each([
        [
          COLLAB_NAMESPACE,
          COLLAB_EVENTS.join,
          () => ['draft:not-a-document', 'extra'],
          { ok: false, error: expect.objectContaining({ code: 'unknown_document' }) },
        ],
        [COLLAB_NAMESPACE, COLLAB_EVENTS.join, () => [], { ok: false, error: expect.objectContaining({ code: 'unknown_document' }) }],
        [
          COLLAB_NAMESPACE,
          REALTIME_EVENTS.reauth,
          () => ['not-a-token', 1, 2],
          { ok: false, code: 'unauthenticated', message: expect.any(String) },
        ],
        [
          MEETING_ROOM_NAMESPACE,
          MEETING_ROOM_EVENTS.raiseHand,
          () => [{ occurrenceId: otherOccurrenceId }, 'extra'],
          { ok: false, error: expect.objectContaining({ code: 'not_joined' }) },
        ],
        [
          MEETING_ROOM_NAMESPACE,
          MEETING_ROOM_EVENTS.nextHand,
          () => [],
          { ok: false, error: expect.objectContaining({ code: 'validation_failed' }) },
        ],
        [EVENTS_NAMESPACE, REALTIME_EVENTS.reauth, () => [null, {}], { ok: false, code: 'unauthenticated', message: expect.any(String) }],
      ])('%s %s with extra or missing arguments still answers its ack', async (namespace, event, args, answer) => {
        const c = await joinedClient(namespace);
        expect(await c.emitWithAck(event, args())).toEqual({ kind: 'answer', answer });
      });

      // Found with MINGA_FUZZ_SEED=12345 (the flood): an editor replaying changes the document already has had each
      // replay relayed to every other member and stored again.
      it('a replay of what the draft already has reaches no one and is not stored again, and its writer still hears saved', async () => {
        const c = await joinedClient(COLLAB_NAMESPACE);
        const rows = async () => Number((await t.db.query('SELECT count(*) AS n FROM collab_updates WHERE doc_name = $1', [docName]))[0].n);
        const before = { rows: await rows(), followed: follower.updates.length };
        const state = Y.encodeStateAsUpdate(follower.doc);
        for (let seq = 1; seq <= 5; seq++) c.socket.emit(COLLAB_EVENTS.y, docName, frameSync(syncProtocol.messageYjsUpdate, state), seq);
        const saved = await c.waitForEntry(0, (e) => e.event === COLLAB_EVENTS.saved && e.args[2] === 5);
        expect(saved).not.toBeNull();
        await sleep(100);
        expect(errorsIn(c.log, COLLAB_EVENTS.error)).toEqual([]);
        expect({ rows: await rows(), followed: follower.updates.length }).toEqual(before);
      });
    });

    // ---- a flood, next to honest editors ------------------------------------------------------------------------

    it('keeps delivering honest edits once each, at the usual pace, during a flood of fuzzed messages', async () => {
      const calm = await typeAndMeasure(editor, follower, 'calm', 10, 20);
      const windowStart = follower.updates.length;
      const duplicatesBefore = follower.duplicates;
      const cases = fc.sample(fc.oneof(...Object.values(collabCases())), { seed: SEED, numRuns: runs(600) });
      const acks: Promise<AckOutcome>[] = [];
      let c = await collabClient();
      const flood = (async () => {
        for (const [i, kase] of cases.entries()) {
          if (!c.connected) c = await collabClient();
          if (kase.answers) acks.push(c.emitWithAck(kase.event, kase.args));
          else c.socket.emit(kase.event, ...kase.args);
          if (i % 20 === 19) await sleep(3);
        }
      })();
      const during = await typeAndMeasure(editor, follower, 'flood', 20, 10);
      await flood;
      const outcomes = await Promise.all(acks);
      console.log(
        `fan-out to the honest reader: median ${median(calm)} ms (max ${Math.max(...calm)}) calm, ${median(during)} ms (max ${Math.max(...during)}) during a flood of ${cases.length} messages`,
      );
      expect(outcomes.filter((o) => o.kind === 'timeout')).toEqual([]);
      const window = follower.updates.slice(windowStart);
      const foreign = window.flatMap((u) => u.structs).filter((s) => s.client !== editor.doc.clientID);
      expect(foreign).toEqual([]);
      expect(follower.duplicates).toBe(duplicatesBefore);
      expect(window.length).toBeLessThanOrEqual(2 * 20);
      await allSaved(editor);
      const expected = docWith(baseState, writerUpdates);
      await eventually(
        'the stored draft holds the honest edits, and nothing else',
        async () => sameDoc(await storedDoc(t, docName), expected),
        5000,
      );
      expect({ reader: sameDoc(follower.doc, expected), writer: sameDoc(editor.doc, expected) }).toEqual({ reader: true, writer: true });
      expect(sameDoc(await storedDoc(t, otherDocName), docWith(otherBefore, []))).toBe(true);
      expect(accountingFlaws(t)).toEqual([]);
      await expectServing(t, fuzzer, docName);
    }, 60_000);
  });

  describe('a short flood with the default budgets', () => {
    let t: TestApp;
    let flooder: TestPerson;
    let writer: TestPerson;
    let reader: TestPerson;
    let host: TestPerson;
    let docName: string;
    let editor: Editor;
    let writerUpdates: Uint8Array[];
    let follower: Follower;
    let baseState: Uint8Array;
    let occurrenceId: string;
    let roomBefore: unknown;
    const opened: Client[] = [];
    const client = (namespace: string, token: string) => {
      const c = new Client(nsSocket(t.url, namespace, token), null);
      opened.push(c);
      return c;
    };

    beforeAll(async () => {
      t = await startTestApp({ MEETING_REMINDER_SWEEP_SECONDS: '0' });
      flooder = await createPerson(t, [{ role: 'official', cityName: 'Tsukuba' }]);
      writer = await createPerson(t, [{ role: 'official', cityName: 'Tsukuba' }]);
      reader = await createPerson(t, [{ role: 'official', cityName: 'Tsukuba' }]);
      host = await createPerson(t, [{ role: 'expert', hubKey: 'japan' }]);
      const attendee = await createPerson(t, [{ role: 'expert', hubKey: 'japan' }]);
      docName = await createTsukubaDraft(t, writer, 'Socket flood');
      editor = await openEditor(t.url, docName, writer.token);
      writerUpdates = ownUpdates(editor);
      follower = await follow(t.url, reader.token, docName);
      await eventually('the reader has the draft', () => textOf(follower.doc) === editor.text());
      baseState = Y.encodeStateAsUpdate(follower.doc);
      const meeting = await createMeeting(t, {
        hubId: await hubId(t, 'japan'),
        organiserId: host.id,
        inviteeIds: [flooder.id, attendee.id],
      });
      occurrenceId = meeting.occurrenceId;
      const room = await furnishRoom(t, host, attendee, meeting.occurrenceId, meeting.agendaIds);
      opened.push(room.attendeeRoom);
      roomBefore = await roomSnapshot(t, host, occurrenceId);
    });

    afterAll(async () => {
      for (const c of opened.splice(0)) c.close();
      follower?.client.close();
      editor?.close();
      await t?.close();
    });

    it('answers or disconnects the flooder, and leaves honest editors, the draft and the room as they were', async () => {
      const collab = client(COLLAB_NAMESPACE, flooder.token);
      const room = client(MEETING_ROOM_NAMESPACE, flooder.token);
      const events = client(EVENTS_NAMESPACE, flooder.token);
      const big = client(COLLAB_NAMESPACE, flooder.token);
      for (const c of [collab, room, events, big]) await connected(c.socket);
      await join(collab.socket, docName);
      await join(big.socket, docName);
      expect((await joinRoom(room.socket, occurrenceId)).ok).toBe(true);
      const junk = fc.sample(
        hostileYMessages(() => baseState, []).filter(({ bytes }) => bytes.length < 2048),
        { seed: SEED, numRuns: 200 },
      );
      const roomJunk = fc.sample(fc.tuple(fc.constantFrom(...Object.keys(ROOM_SCHEMAS)), hostileValue({ hugeBytes: 4096 })), {
        seed: SEED,
        numRuns: 60,
      });

      const acks: { namespace: string; outcome: Promise<AckOutcome> }[] = [];
      // One message above the default limit (8 MiB) closes that connection alone.
      big.socket.emit(COLLAB_EVENTS.y, docName, Buffer.alloc(8 * 1024 * 1024 + 1024, 1));
      for (let i = 0; i < 1200; i++) collab.socket.emit(COLLAB_EVENTS.y, docName, itemAt(junk, i % junk.length).bytes);
      for (let i = 0; i < 40; i++)
        acks.push({ namespace: COLLAB_NAMESPACE, outcome: collab.emitWithAck(COLLAB_EVENTS.join, [`draft:${randomUUID()}`]) });
      for (const [event, payload] of roomJunk)
        acks.push({ namespace: MEETING_ROOM_NAMESPACE, outcome: room.emitWithAck(event, [payload]) });
      for (let i = 0; i < 12; i++)
        acks.push({ namespace: EVENTS_NAMESPACE, outcome: events.emitWithAck(REALTIME_EVENTS.reauth, [`not-a-token-${i}`]) });
      const during = await typeAndMeasure(editor, follower, 'flood', 10, 20);
      const outcomes = await Promise.all(acks.map(async (a) => ({ namespace: a.namespace, outcome: await a.outcome })));
      console.log(`default budgets: honest fan-out median ${median(during)} ms (max ${Math.max(...during)}) during the flood`);

      // Every acknowledgement was answered (a refusal), or its connection was closed for flooding: none hangs.
      expect(outcomes.filter((o) => o.outcome.kind === 'timeout')).toEqual([]);
      const refusals = outcomes.flatMap((o) =>
        o.outcome.kind === 'answer' ? [o.outcome.answer as { ok?: boolean; error?: { code?: string }; code?: string }] : [],
      );
      expect(refusals.filter((a) => a.ok !== false)).toEqual([]);
      expect(refusals.some((a) => a.error?.code === 'rate_limited')).toBe(true);
      expect(big.connected).toBe(false);
      // The /collab flood is past its burst: refused as rate_limited, then closed for it.
      expect(errorsIn(collab.log, COLLAB_EVENTS.error).some((e) => e.code === 'rate_limited')).toBe(true);
      await eventually('the flooding connections are closed', () => !collab.connected && !room.connected, 5000);
      // ...and the flooder is turned away for a while.
      const again = rawSocket(t.url, flooder.token);
      try {
        const refused = await waitFor<string>('the flooder reconnecting', (done) => {
          again.once('connect', () => done('connected'));
          again.once('connect_error', (err: Error) => done(err.message));
        });
        expect(refused).toBe('too_many_connections');
      } finally {
        again.close();
      }

      expect(follower.duplicates).toBe(0);
      await allSaved(editor);
      const expected = docWith(baseState, writerUpdates);
      await eventually(
        'the stored draft holds the honest edits, and nothing else',
        async () => sameDoc(await storedDoc(t, docName), expected),
        5000,
      );
      expect({ reader: sameDoc(follower.doc, expected), writer: sameDoc(editor.doc, expected) }).toEqual({ reader: true, writer: true });
      expect(await roomSnapshot(t, host, occurrenceId)).toEqual(roomBefore);
      await eventually('the socket books balance', () => accountingFlaws(t).length === 0, 3000).catch(() => undefined);
      expect(accountingFlaws(t)).toEqual([]);
      await expectServing(t, reader, docName);
    }, 60_000);
  });
});
