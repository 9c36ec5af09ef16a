// Every REST route of the OpenAPI document and every client event of the socket contracts, called as anonymous,
// observer, expert, official of another city, official of the city, coordinator of another hub, coordinator and
// admin, against one expected allow/deny table (apps/api/test/role-matrix.ts). A new route or event without a row
// fails; so do ids of another hub or city, copied or guessed, that are not refused.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Response } from 'supertest';
import { io, type Socket } from 'socket.io-client';
import * as msgpackParser from 'socket.io-msgpack-parser';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import {
  COLLAB_EVENTS,
  COLLAB_NAMESPACE,
  EVENTS_NAMESPACE,
  MEETING_ROOM_EVENTS,
  MEETING_ROOM_NAMESPACE,
  REALTIME_EVENTS,
  Y_MESSAGE_AWARENESS,
  Y_MESSAGE_SYNC,
  draftDocName,
  meetingNotesDocName,
  type CollabError,
  type JoinResult,
} from '@minga/contracts';
import { DOC_FRAGMENT } from '@minga/editor';
import { join, rawSocket, waitFor } from '../../../test/collab-client';
import { request, roomSocket } from '../../../test/meeting-room-client';
import { operationsOf, type Method, type OpenApiDoc } from '../../../test/openapi-arbitraries';
import {
  EXPECTED,
  PRINCIPALS,
  REST_ROWS,
  RECIPES,
  SOCKET_ROWS,
  buildFixture,
  callOf,
  expectedRow,
  freshOccurrence,
  guessedId,
  idOf,
  removeFixture,
  urlOf,
  type Fixture,
  type PrincipalName,
  type Verdict,
} from '../../../test/role-matrix';
import { bearer, startTestApp, type TestApp, type TestPerson } from '../../../test/test-app';
import { firstItems, itemAt } from '../../../test/item-at';

/** Server -> client events of the socket contracts: nothing a client sends, so no row. */
const SERVER_EVENTS: Record<string, string[]> = {
  [COLLAB_NAMESPACE]: [COLLAB_EVENTS.saved, COLLAB_EVENTS.error, COLLAB_EVENTS.access, COLLAB_EVENTS.relay],
  [MEETING_ROOM_NAMESPACE]: [
    MEETING_ROOM_EVENTS.presence,
    MEETING_ROOM_EVENTS.agenda,
    MEETING_ROOM_EVENTS.hands,
    MEETING_ROOM_EVENTS.poll,
    MEETING_ROOM_EVENTS.role,
    MEETING_ROOM_EVENTS.timing,
    MEETING_ROOM_EVENTS.error,
  ],
  [EVENTS_NAMESPACE]: [],
};
/** What a client may send per namespace, from the contracts: connecting, renewing its token, and the namespace's own events. */
const CLIENT_EVENTS: Record<string, string[]> = Object.fromEntries(
  Object.entries({
    [COLLAB_NAMESPACE]: Object.values(COLLAB_EVENTS),
    [MEETING_ROOM_NAMESPACE]: Object.values(MEETING_ROOM_EVENTS),
    [EVENTS_NAMESPACE]: [] as string[],
  }).map(([ns, events]) => [ns, ['connect', ...Object.values(REALTIME_EVENTS), ...events.filter((e) => !SERVER_EVENTS[ns]?.includes(e))]]),
);

/** Answers that mean "refused by the access check". */
const REFUSING_ROOM_CODES = ['forbidden', 'not_found', 'host_only', 'not_joined'];
const REFUSING_COLLAB_CODES = ['forbidden', 'not_joined', 'read_only'];

/** What a REST answer says: allowed (2xx), refused (401 without a token, 403 with one, or 404), or something else. */
function restVerdict(res: Response, who: PrincipalName): string {
  if (res.status >= 200 && res.status < 300) return 'allow';
  if (res.status === 404 || (who === 'anonymous' ? res.status === 401 : res.status === 403)) return 'deny';
  return `neither (${res.status})`;
}

describe('who may call which route and send which event', () => {
  let t: TestApp;
  let f: Fixture;
  let doc: OpenApiDoc;
  const openSockets: Socket[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    f = await buildFixture(t);
    doc = (await t.http().get('/api/openapi.json').expect(200)).body;
  }, 60_000);

  afterAll(async () => {
    for (const socket of openSockets) socket.close();
    f?.writer.close();
    if (f) await removeFixture(f);
    await t?.close();
  });

  describe('the table', () => {
    it('has a row for every operation of the OpenAPI document, and no REST row for an operation it lacks', () => {
      const operations = operationsOf(doc).map((op) => `${op.method.toUpperCase()} ${op.path}`);
      const operationOf = (row: string) => row.split(' ').slice(0, 2).join(' ');
      expect({
        withoutRow: operations.filter((op) => !(op in EXPECTED)),
        withoutOperation: REST_ROWS.filter((row) => !operations.includes(operationOf(row))),
      }).toEqual({
        withoutRow: [],
        withoutOperation: [],
      });
      expect(Object.keys(RECIPES).filter((key) => !(key in EXPECTED))).toEqual([]);
    });

    it('has a row for every event a client may send in the socket contracts, and none for an event they lack', () => {
      const expected = Object.entries(CLIENT_EVENTS)
        .flatMap(([ns, events]) => events.map((e) => `${ns} ${e}`))
        .sort();
      const rows = [...new Set(SOCKET_ROWS.map((row) => row.split(' ').slice(1, 3).join(' ')))].sort();
      expect(rows).toEqual(expected);
    });

    it('has eight cells of + or - in every row', () => {
      for (const key of Object.keys(EXPECTED)) expect(() => expectedRow(key)).not.toThrow();
    });
  });

  /** Calls a route as one principal, with the recipe's parameters, body and headers. */
  async function callRoute(key: string, who: PrincipalName, override: Record<string, string> = {}): Promise<Response> {
    const [method, path] = firstItems(key.split(' '), 2);
    const person = f.people[who];
    const call = await callOf(f, key, { name: who, person });
    let req = t.http()[method.toLowerCase() as Method](urlOf(f, path, { ...call.params, ...override }));
    if (call.query) req = req.query(call.query);
    if (person) req = req.set(bearer(person));
    for (const [name, value] of Object.entries(call.headers ?? {})) req = req.set(name, value);
    const res = call.body === undefined ? await req : await req.send(call.body as object);
    await call.after?.();
    return res;
  }

  describe.each(REST_ROWS)('%s', (key) => {
    const expected = expectedRow(key);
    test.each(PRINCIPALS.map((who) => [who, expected[who]]))('as %s: %s', async (who, verdict) => {
      const res = await callRoute(key, who as PrincipalName);
      expect({ verdict: restVerdict(res, who as PrincipalName), answer: `${res.status} ${res.body?.code ?? ''}` }).toEqual({
        verdict,
        answer: expect.any(String),
      });
    });
  });

  describe('sockets', () => {
    /** One connection per namespace and principal, opened by the `connect` row and used by the rows after it. */
    const connections = new Map<string, { socket: Socket; connected: boolean; collab?: CollabClient; session?: { userId: string } }>();
    const conn = (ns: string, who: PrincipalName) => connections.get(`${ns} ${who}`);
    let hostSocket: Socket;
    let pollId: string;

    beforeAll(async () => {
      // The organiser is in the room under way, with a hand up and a poll open.
      hostSocket = roomSocket(t.url, f.organiser.token);
      openSockets.push(hostSocket);
      expect(await connectOf(hostSocket)).toBe('connected');
      expect(await request(hostSocket, MEETING_ROOM_EVENTS.join, { occurrenceId: idOf(f, 'occurrence') })).toMatchObject({
        ok: true,
        role: 'host',
      });
      expect(await request(hostSocket, MEETING_ROOM_EVENTS.raiseHand, { occurrenceId: idOf(f, 'occurrence') })).toMatchObject({ ok: true });
      pollId = (await openPoll()).id;
    });

    async function openPoll(): Promise<{ id: string; options: { id: string }[] }> {
      const opened = await request<{ ok: boolean; poll: { id: string; options: { id: string }[] } }>(
        hostSocket,
        MEETING_ROOM_EVENTS.openPoll,
        {
          occurrenceId: idOf(f, 'occurrence'),
          question: `Publish in May? ${f.next()}`,
          kind: 'single',
          options: ['Yes', 'No'],
        },
      );
      if (!opened.ok) throw new Error(`the organiser could not open a poll: ${JSON.stringify(opened)}`);
      return opened.poll;
    }

    /** A room event's answer as a verdict. */
    const roomVerdict = (ack: { ok: boolean; error?: { code: string } }) =>
      ack.ok ? 'allow' : REFUSING_ROOM_CODES.includes(ack.error?.code ?? '') ? 'deny' : `neither (${ack.error?.code})`;

    const connectRow = (ns: string, open: (token: string | null) => Socket) => async (who: PrincipalName) => {
      const person = f.people[who];
      const socket = open(person?.token ?? null);
      openSockets.push(socket);
      const entry: { socket: Socket; connected: boolean; collab?: CollabClient; session?: { userId: string } } = {
        socket,
        connected: false,
      };
      if (ns === COLLAB_NAMESPACE) entry.collab = new CollabClient(socket);
      if (ns === EVENTS_NAMESPACE) socket.once('session', (session: { userId: string }) => (entry.session = session));
      connections.set(`${ns} ${who}`, entry);
      const outcome = await connectOf(socket);
      entry.connected = outcome === 'connected';
      if (outcome === 'refused: unauthenticated') return 'deny';
      if (!entry.connected) return `neither (${outcome})`;
      if (ns === EVENTS_NAMESPACE) {
        await waitFor('the session event', (done) => (entry.session ? done(undefined) : socket.once('session', () => done(undefined))));
        if (entry.session?.userId !== (person as TestPerson).id) return 'neither (the session of someone else)';
      }
      return 'allow';
    };

    /** A row's step on an open connection; a principal whose connection was refused is refused every event. */
    const onConnection =
      (ns: string, step: (entry: { socket: Socket; collab?: CollabClient }, who: PrincipalName, person: TestPerson) => Promise<string>) =>
      async (who: PrincipalName) => {
        const entry = conn(ns, who);
        if (!entry?.connected) return 'deny';
        return step(entry, who, f.people[who] as TestPerson);
      };

    const reauthRow = (ns: string) =>
      onConnection(ns, async ({ socket }, _who, person) => {
        const answer = await waitFor<{ ok: boolean; code?: string }>('reauth', (done) =>
          socket.emit(REALTIME_EVENTS.reauth, person.token, done),
        );
        return answer.ok ? 'allow' : answer.code === 'unauthenticated' ? 'deny' : `neither (${answer.code})`;
      });

    /** The occurrence under way, which the organiser hosts. */
    const room = { id: () => idOf(f, 'occurrence') };
    const roomRow = (event: string, payload: (who: PrincipalName, person: TestPerson) => Promise<object> | object) =>
      onConnection(MEETING_ROOM_NAMESPACE, async ({ socket }, who, person) =>
        roomVerdict(await request(socket, event, await payload(who, person))),
      );

    const draftDoc = () => draftDocName(idOf(f, 'draft'));
    const notesDoc = () => meetingNotesDocName(idOf(f, 'occurrence'));
    const collabJoin = (docName: () => string) =>
      onConnection(COLLAB_NAMESPACE, async ({ socket }) => {
        const result: JoinResult = await join(socket, docName());
        return result.ok ? 'allow' : REFUSING_COLLAB_CODES.includes(result.error.code) ? 'deny' : `neither (${result.error.code})`;
      });
    const collabUpdate = (docName: () => string) =>
      onConnection(COLLAB_NAMESPACE, async ({ collab }, who) => {
        const text = `${f.tag} typed by ${who}`;
        return (collab as CollabClient).send(docName(), updateMessage(text), (synced) => synced.includes(text));
      });

    const SOCKET_STEPS: Record<string, (who: PrincipalName) => Promise<string>> = {
      'socket /events connect': connectRow(EVENTS_NAMESPACE, (token) => eventsSocket(t.url, token)),
      'socket /events reauth (own token)': reauthRow(EVENTS_NAMESPACE),

      'socket /collab connect': connectRow(COLLAB_NAMESPACE, (token) => rawSocket(t.url, token)),
      'socket /collab join (the draft)': collabJoin(draftDoc),
      'socket /collab y (sync step 1 on the draft)': onConnection(COLLAB_NAMESPACE, async ({ collab }) =>
        (collab as CollabClient).send(draftDoc(), null, (synced) => synced.includes(f.tag)),
      ),
      'socket /collab y (presence on the draft)': onConnection(COLLAB_NAMESPACE, async ({ collab }) =>
        (collab as CollabClient).send(draftDoc(), presenceMessage(), () => true),
      ),
      'socket /collab y (update of the draft)': collabUpdate(draftDoc),
      'socket /collab leave (the draft)': onConnection(COLLAB_NAMESPACE, async ({ socket, collab }) => {
        socket.emit(COLLAB_EVENTS.leave, draftDoc());
        // Left: the document no longer answers this connection.
        const after = await (collab as CollabClient).send(draftDoc(), null, () => true);
        return after === 'deny' ? 'allow' : `neither (still joined: ${after})`;
      }),
      'socket /collab join (the meeting notes)': collabJoin(notesDoc),
      'socket /collab y (update of the meeting notes)': collabUpdate(notesDoc),
      'socket /collab reauth (own token)': reauthRow(COLLAB_NAMESPACE),

      'socket /meetings connect': connectRow(MEETING_ROOM_NAMESPACE, (token) => roomSocket(t.url, token)),
      'socket /meetings join': roomRow(MEETING_ROOM_EVENTS.join, () => ({ occurrenceId: room.id() })),
      'socket /meetings raise-hand': roomRow(MEETING_ROOM_EVENTS.raiseHand, () => ({ occurrenceId: room.id() })),
      'socket /meetings lower-hand (own)': roomRow(MEETING_ROOM_EVENTS.lowerHand, () => ({ occurrenceId: room.id() })),
      "socket /meetings lower-hand (someone else's)": roomRow(MEETING_ROOM_EVENTS.lowerHand, () => ({
        occurrenceId: room.id(),
        userId: f.organiser.id,
      })),
      'socket /meetings next-hand': roomRow(MEETING_ROOM_EVENTS.nextHand, () => ({ occurrenceId: room.id() })),
      'socket /meetings set-agenda-item': roomRow(MEETING_ROOM_EVENTS.setAgendaItem, async () => {
        const agenda: { id: string }[] = (await t.http().get(`/api/occurrences/${room.id()}/agenda`).set(bearer(f.organiser)).expect(200))
          .body;
        return { occurrenceId: room.id(), agendaItemId: itemAt(agenda, 1).id };
      }),
      'socket /meetings open-poll': roomRow(MEETING_ROOM_EVENTS.openPoll, (who) => ({
        occurrenceId: room.id(),
        question: `Asked by ${who}?`,
        kind: 'multiple',
        options: ['Yes', 'No'],
      })),
      'socket /meetings vote': roomRow(MEETING_ROOM_EVENTS.vote, async () => {
        const polls: { id: string; options: { id: string }[] }[] = (
          await t.http().get(`/api/occurrences/${room.id()}/polls`).set(bearer(f.organiser)).expect(200)
        ).body;
        const poll = polls.find((p) => p.id === pollId) as { options: { id: string }[] };
        return { occurrenceId: room.id(), pollId, optionIds: [itemAt(poll.options).id] };
      }),
      'socket /meetings close-poll': roomRow(MEETING_ROOM_EVENTS.closePoll, async () => ({
        occurrenceId: room.id(),
        pollId: (await openPoll()).id,
      })),
      // On a meeting of its own, under way, joined first (a refused join leaves the end refused as not_joined).
      'socket /meetings end-meeting': onConnection(MEETING_ROOM_NAMESPACE, async ({ socket }) => {
        const occurrenceId = await freshOccurrence(f);
        await request(socket, MEETING_ROOM_EVENTS.join, { occurrenceId });
        return roomVerdict(await request(socket, MEETING_ROOM_EVENTS.endMeeting, { occurrenceId }));
      }),
      'socket /meetings leave': roomRow(MEETING_ROOM_EVENTS.leave, () => ({ occurrenceId: room.id() })),
      'socket /meetings reauth (own token)': reauthRow(MEETING_ROOM_NAMESPACE),
    };

    it('has a step for every socket row', () => {
      expect(SOCKET_ROWS.filter((row) => !SOCKET_STEPS[row])).toEqual([]);
    });

    describe.each(SOCKET_ROWS)('%s', (key) => {
      const expected = expectedRow(key);
      test.each(PRINCIPALS.map((who) => [who, expected[who]]))('as %s: %s', async (who, verdict) => {
        const step = SOCKET_STEPS[key];
        expect(step ? await step(who as PrincipalName) : 'no step').toBe(verdict as Verdict);
      });
    });
  });

  describe('ids of another hub or city, guessed', () => {
    it('answers 404 (never 403 that would confirm a guess, never a 5xx) to every route with a made-up id, even for an admin', async () => {
      const failures: string[] = [];
      for (const key of REST_ROWS.filter((row) => row.split(' ').length === 2)) {
        const [, path] = firstItems(key.split(' '), 2);
        const idParams = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).filter((name) => name !== 'token' && name !== 'table');
        if (!idParams.length) continue;
        const res = await callRoute(key, 'admin', Object.fromEntries(idParams.map((name) => [name, guessedId()])));
        if (res.status !== 404) failures.push(`${key}: ${res.status} ${res.body?.code ?? ''}`);
      }
      expect(failures).toEqual([]);
    });

    it('refuses made-up documents and rooms on the sockets, and a token of someone else to renew a connection', async () => {
      const admin = f.people.admin as TestPerson;
      const collab = rawSocket(t.url, admin.token);
      const room = roomSocket(t.url, admin.token);
      openSockets.push(collab, room);
      expect(await connectOf(collab)).toBe('connected');
      expect(await connectOf(room)).toBe('connected');
      for (const docName of [draftDocName(guessedId()), meetingNotesDocName(guessedId())]) {
        expect(await join(collab, docName)).toMatchObject({ ok: false, error: { code: 'unknown_document' } });
      }
      expect(await request(room, MEETING_ROOM_EVENTS.join, { occurrenceId: guessedId() })).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
      const someoneElse = (f.people.official as TestPerson).token;
      for (const socket of [collab, room]) {
        const answer = await waitFor<{ ok: boolean; code?: string }>('reauth', (done) =>
          socket.emit(REALTIME_EVENTS.reauth, someoneElse, done),
        );
        expect(answer).toMatchObject({ ok: false, code: 'unauthenticated' });
      }
    });
  });
});

/** Resolves once the socket is connected, or with why the handshake was refused. */
function connectOf(socket: Socket): Promise<string> {
  return waitFor('connection', (done) => {
    if (socket.connected) return done('connected');
    socket.once('connect', () => done('connected'));
    socket.once('connect_error', (err: Error) => done(`refused: ${err.message}`));
  });
}

function eventsSocket(url: string, token: string | null): Socket {
  return io(`${url}${EVENTS_NAMESPACE}`, {
    auth: token ? { token } : {},
    parser: msgpackParser,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
}

/** A y-protocols update message adding a paragraph with `text`, from a writer that knows nothing of the document. */
function updateMessage(text: string): Buffer {
  const ydoc = new Y.Doc();
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  ydoc.getXmlFragment(DOC_FRAGMENT).insert(0, [paragraph]);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, Y_MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(ydoc));
  return Buffer.from(encoding.toUint8Array(encoder));
}

/** A presence (awareness) message of one new client with a cursor-less state. */
function presenceMessage(): Buffer {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc());
  awareness.setLocalState({ cursor: null });
  const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID]);
  awareness.destroy();
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, Y_MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, update);
  return Buffer.from(encoding.toUint8Array(encoder));
}

/**
 * A raw /collab connection that tells what became of a message: it sends the message, then asks for the whole
 * document (sync step 1). Messages are handled in order, so any refusal of the message comes before the answer.
 */
class CollabClient {
  private readonly errors: CollabError[] = [];
  private readonly waiting: { docName: string; resolve: (text: string) => void }[] = [];

  constructor(private readonly socket: Socket) {
    socket.on(COLLAB_EVENTS.error, (error: CollabError) => {
      this.errors.push(error);
      // A refused sync request is answered with an error instead of the document.
      if (error.code === 'not_joined') this.answer(error.docName ?? '', null);
    });
    socket.on(COLLAB_EVENTS.y, (docName: string, bytes: Uint8Array) => {
      const decoder = decoding.createDecoder(new Uint8Array(bytes));
      if (decoding.readVarUint(decoder) !== Y_MESSAGE_SYNC || decoding.readVarUint(decoder) !== syncProtocol.messageYjsSyncStep2) return;
      const ydoc = new Y.Doc();
      Y.applyUpdate(ydoc, decoding.readVarUint8Array(decoder));
      this.answer(docName, ydoc.getXmlFragment(DOC_FRAGMENT).toString());
    });
  }

  private answer(docName: string, text: string | null): void {
    const index = this.waiting.findIndex((w) => w.docName === docName);
    if (index >= 0) itemAt(this.waiting.splice(index, 1)).resolve(text ?? '\u0000not joined');
  }

  /**
   * Sends `message` (or nothing), then asks for the document: `allow` when nothing was refused and `accepted` holds
   * for the document's text, `deny` when the server refused with an access error.
   */
  async send(docName: string, message: Buffer | null, accepted: (text: string) => boolean): Promise<string> {
    const before = this.errors.length;
    if (message) this.socket.emit(COLLAB_EVENTS.y, docName, message);
    const text = await waitFor<string>(`the document ${docName}`, (done) => {
      this.waiting.push({ docName, resolve: done });
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, Y_MESSAGE_SYNC);
      syncProtocol.writeSyncStep1(encoder, new Y.Doc());
      this.socket.emit(COLLAB_EVENTS.y, docName, Buffer.from(encoding.toUint8Array(encoder)));
    });
    const refusal = this.errors.slice(before).find((e) => !e.docName || e.docName === docName);
    if (refusal) return REFUSING_COLLAB_CODES.includes(refusal.code) ? 'deny' : `neither (${refusal.code})`;
    return accepted(text) ? 'allow' : 'neither (the document does not show it)';
  }
}
