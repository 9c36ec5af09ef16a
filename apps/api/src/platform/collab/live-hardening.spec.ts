// Live connections no one can abuse: what a hostile member or a careless client can do to /collab, and cannot.
import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { JwtService } from '@nestjs/jwt';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Socket } from 'socket.io-client';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { SocketIOProvider } from '@minga/collab';
import {
  COLLAB_EVENTS,
  REALTIME_EVENTS,
  Y_MESSAGE_AWARENESS,
  Y_MESSAGE_SYNC,
  type CollabError,
  type JoinResult,
  type ReauthResult,
} from '@minga/contracts';
import { DOC_FRAGMENT } from '@minga/editor';
import {
  allSaved,
  connected,
  eventually,
  join,
  openEditor,
  rawSocket,
  storedText,
  waitFor,
  type Editor,
} from '../../../test/collab-client';
import { halfValidUpdate, updateMessage } from '../../../test/forged-updates';
import { bearer, createPerson, createTsukubaDraft, startTestApp, type TestApp, type TestPerson } from '../../../test/test-app';
import { encodePresence, type PresenceEntry } from './presence';
import { itemAt } from '../../../test/item-at';

const JWT_SECRET = 'integration-test-secret-that-is-long-enough';
/** What one person may send per second in this suite: small enough to see a writer slowed down. */
const BYTES_IN_PER_SECOND = 512 * 1024;

/** Asks for a WebSocket upgrade of /socket.io as a client behind a proxy at `address`: the upgrade, or the refusal. */
function upgradeFrom(url: string, address: string): Promise<'upgraded' | number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}/socket.io/?EIO=4&transport=websocket`, {
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
        'X-Forwarded-For': address,
      },
    });
    req.on('upgrade', (_res, socket) => {
      socket.destroy();
      resolve('upgraded');
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

function paragraphUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment(DOC_FRAGMENT).insert(0, [paragraph]);
  return Y.encodeStateAsUpdate(doc);
}

function step1Message(stateVector: Uint8Array = new Uint8Array([0])): Buffer {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, Y_MESSAGE_SYNC);
  encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep1);
  encoding.writeVarUint8Array(encoder, stateVector);
  return Buffer.from(encoding.toUint8Array(encoder));
}

function presenceMessage(entries: PresenceEntry[]): Buffer {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, Y_MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, encodePresence(entries));
  return Buffer.from(encoding.toUint8Array(encoder));
}

/** Every collab error a socket receives from now on. */
function errorsOf(socket: Socket): CollabError[] {
  const errors: CollabError[] = [];
  socket.on(COLLAB_EVENTS.error, (error: CollabError) => errors.push(error));
  return errors;
}

/** Every Yjs update a raw socket receives for a document, applied to a local copy of it. */
function follow(socket: Socket, docName: string): { doc: Y.Doc; messages: number; bytes: number } {
  const view = { doc: new Y.Doc(), messages: 0, bytes: 0 };
  socket.on(COLLAB_EVENTS.y, (name: string, data: Uint8Array) => {
    if (name !== docName || data[0] !== Y_MESSAGE_SYNC) return;
    view.messages += 1;
    view.bytes += data.byteLength;
    const decoder = decoding.createDecoder(new Uint8Array(data));
    decoding.readVarUint(decoder);
    if (decoding.readVarUint(decoder) === syncProtocol.messageYjsSyncStep1) return;
    Y.applyUpdate(view.doc, decoding.readVarUint8Array(decoder));
  });
  return view;
}

/** Signs in with a password as a browser would, keeping the refresh cookie of that sign-in. */
async function signIn(t: TestApp, person: TestPerson): Promise<{ token: string; cookie: string }> {
  const res = await t.http().post('/api/auth/session').send({ email: person.email, password: person.password }).expect(200);
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  return { token: res.body.accessToken, cookie: cookies.map((c) => c.split(';')[0]).join('; ') };
}

describe('live connections under abuse', () => {
  let t: TestApp;
  let official: TestPerson;
  let expert: TestPerson;
  let observer: TestPerson;
  const sockets: Socket[] = [];
  const editors: Editor[] = [];
  const raw = (token: string) => {
    const socket = rawSocket(t.url, token);
    sockets.push(socket);
    return socket;
  };
  const editor = async (docName: string, token: string) => {
    const e = await openEditor(t.url, docName, token);
    editors.push(e);
    return e;
  };
  const newDraft = (title: string) => createTsukubaDraft(t, official, title);

  beforeAll(async () => {
    t = await startTestApp({
      COLLAB_UNLOAD_GRACE_SECONDS: '0.2',
      COLLAB_SYNC_BYTES_PER_SECOND: String(256 * 1024),
      REALTIME_JOINS_PER_SECOND: '5',
      REALTIME_MAX_SOCKETS_PER_PERSON: '6',
      REALTIME_MAX_BACKLOG_BYTES: String(2 * 1024 * 1024),
      REALTIME_BYTES_IN_PER_SECOND: String(BYTES_IN_PER_SECOND),
      REALTIME_HANDSHAKE_REFUSALS_PER_ADDRESS: '10',
      // Connections say which address they come from (X-Forwarded-For), so a flood from one leaves the others alone.
      TRUST_PROXY: '1',
    });
    official = await createPerson(t, [{ role: 'official', cityName: 'Tsukuba' }]);
    expert = await createPerson(t, [{ role: 'expert', hubKey: 'japan' }]);
    observer = await createPerson(t, [{ role: 'observer' }]);
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
    for (const e of editors.splice(0)) e.close();
  });
  afterAll(() => t.close());

  describe('updates that would integrate only in part', () => {
    it('refuses a half-valid update whole: no one receives it, and neither the document nor the database keep any of it', async () => {
      const docName = await newDraft('Half-valid');
      const bystander = raw(official.token);
      await connected(bystander);
      await join(bystander, docName);
      const seen = follow(bystander, docName);
      bystander.emit(COLLAB_EVENTS.y, docName, step1Message());
      await eventually('the bystander has the draft', () => seen.doc.getXmlFragment(DOC_FRAGMENT).length > 0);
      const attacker = raw(official.token);
      const errors = errorsOf(attacker);
      await connected(attacker);
      await join(attacker, docName);

      attacker.emit(COLLAB_EVENTS.y, docName, updateMessage(halfValidUpdate('Relayed junk')));
      await eventually('the attacker is told', () => errors.length > 0);
      expect(itemAt(errors).code).toBe('invalid_update');

      // A later edit reaches the bystander after anything sent to it before.
      const writer = await editor(docName, official.token);
      writer.type('Marker after the attack.');
      await eventually('the marker arrives', () => seen.doc.getXmlFragment(DOC_FRAGMENT).toString().includes('Marker after'));
      expect(seen.doc.getXmlFragment(DOC_FRAGMENT).toString()).not.toContain('Relayed junk');
      expect(writer.text()).not.toContain('Relayed junk');
      await allSaved(writer);
      expect(await storedText(t, docName)).not.toContain('Relayed junk');
    });

    it('refuses an update that continues changes the document never had, and keeps serving its writer', async () => {
      const docName = await newDraft('Gap');
      const socket = raw(official.token);
      const errors = errorsOf(socket);
      await connected(socket);
      await join(socket, docName);
      const doc = new Y.Doc();
      const fragment = doc.getXmlFragment(DOC_FRAGMENT);
      fragment.insert(0, [new Y.XmlElement('paragraph')]);
      const before = Y.encodeStateVector(doc);
      fragment.insert(1, [new Y.XmlElement('paragraph')]);
      socket.emit(COLLAB_EVENTS.y, docName, updateMessage(Y.encodeStateAsUpdate(doc, before)));
      await eventually('refusal', () => errors.length > 0);
      expect(itemAt(errors).code).toBe('invalid_update');
      const reader = await editor(docName, official.token);
      expect(reader.doc.store.pendingStructs).toBeNull();
    });
  });

  describe('documents keep the editor’s shape', () => {
    it('refuses a root type and a node the editor does not have, and stores neither', async () => {
      const docName = await newDraft('Shape');
      const socket = raw(official.token);
      const errors = errorsOf(socket);
      await connected(socket);
      await join(socket, docName);
      const evil = new Y.Doc();
      evil.getMap('evil').set('payload', 'x'.repeat(100));
      socket.emit(COLLAB_EVENTS.y, docName, updateMessage(Y.encodeStateAsUpdate(evil)));
      const script = new Y.Doc();
      script.getXmlFragment(DOC_FRAGMENT).insert(0, [new Y.XmlElement('script')]);
      socket.emit(COLLAB_EVENTS.y, docName, updateMessage(Y.encodeStateAsUpdate(script)));
      await eventually('two refusals', () => errors.length >= 2);
      expect(errors.map((e) => e.code)).toEqual(['unsupported_content', 'unsupported_content']);
      // What the editor itself writes is still accepted.
      socket.emit(COLLAB_EVENTS.y, docName, updateMessage(paragraphUpdate('A well-formed clause.')));
      const reader = await editor(docName, official.token);
      await eventually('the clause arrives', () => reader.text().includes('A well-formed clause.'));
      expect(reader.doc.share.has('evil')).toBe(false);
      expect(reader.text()).not.toContain('<script');
    });
  });

  describe('budgets in bytes and work', () => {
    it('makes a reader pay for whole-document sync requests in bytes: a flood is refused, not served', async () => {
      const docName = await newDraft('Large annex');
      const writer = await editor(docName, official.token);
      for (let i = 0; i < 10; i++) writer.type(`Annex ${i}: ${'Long annex text. '.repeat(1200)}`);
      await allSaved(writer);
      const size = Y.encodeStateAsUpdate(writer.doc).byteLength;
      expect(size).toBeGreaterThan(150_000);

      // A person of their own: a flooder is turned away at the handshake for a few seconds afterwards.
      const flooder = await createPerson(t, [{ role: 'expert', hubKey: 'japan' }]);
      const reader = raw(flooder.token);
      const errors = errorsOf(reader);
      await connected(reader);
      expect(await join(reader, docName)).toEqual({ ok: true, access: 'comment' });
      const seen = follow(reader, docName);
      for (let i = 0; i < 100; i++) reader.emit(COLLAB_EVENTS.y, docName, step1Message());
      await eventually('refusals', () => errors.filter((e) => e.code === 'rate_limited').length > 0);
      await new Promise((r) => setTimeout(r, 300));
      // 256 KiB per second with a burst of two seconds: a handful of whole documents, not a hundred.
      expect(seen.bytes).toBeLessThan(8 * size);
    });

    it('refuses a flood of joins beyond the person’s budget, without exhausting the database', async () => {
      const docName = await newDraft('Join flood');
      // A person of their own: a flooder is turned away at the handshake for a few seconds afterwards.
      const flooder = await createPerson(t, [{ role: 'expert', hubKey: 'japan' }]);
      const socket = raw(flooder.token);
      await connected(socket);
      const codes: string[] = [];
      let disconnected = false;
      socket.once('disconnect', () => (disconnected = true));
      for (let i = 0; i < 200; i++) socket.emit(COLLAB_EVENTS.join, docName, (a: JoinResult) => codes.push(a.ok ? 'ok' : a.error.code));
      await eventually('every join answered, or the flooder dropped', () => codes.length === 200 || disconnected, 10_000);
      expect(codes.filter((c) => c === 'ok').length).toBeLessThanOrEqual(12);
      expect(codes).toContain('rate_limited');
      expect(codes).not.toContain('internal_error');
      // Someone else opening the same draft meanwhile is served at once.
      const other = await editor(docName, official.token);
      expect(other.provider.access).toBe('edit');
    });

    it('reads a writer who sends faster than their budget only as fast as it allows, and loses none of it', async () => {
      const docName = await newDraft('Fast writer');
      const writer = raw((await createPerson(t, [{ role: 'official', cityName: 'Tsukuba' }])).token);
      const bystander = raw(official.token);
      await Promise.all([connected(writer), connected(bystander)]);
      await join(writer, docName);
      await join(bystander, docName);
      const seen = follow(bystander, docName);
      const errors = errorsOf(writer);
      // 3 MiB in one go: six times what the budget lets through in a second.
      const chunks = Array.from({ length: 12 }, (_, i) => paragraphUpdate(`Part ${i} ${'y'.repeat(256 * 1024)}`));
      const started = Date.now();
      for (const chunk of chunks) writer.emit(COLLAB_EVENTS.y, docName, updateMessage(chunk));
      await eventually('the first parts relayed', () => seen.bytes > 0);
      await new Promise((r) => setTimeout(r, Math.max(0, started + 1000 - Date.now())));
      // Within a second: the burst (two seconds' worth) and a second's worth, not all 3 MiB.
      expect(seen.bytes).toBeLessThan(3.5 * BYTES_IN_PER_SECOND);
      // Slowed down, not refused: every part arrives and the writer is neither scolded nor dropped.
      await eventually('every part relayed', () => seen.doc.getXmlFragment(DOC_FRAGMENT).length === chunks.length, 15_000);
      expect(errors).toEqual([]);
      expect(writer.connected).toBe(true);
    });

    it('turns away an address whose handshakes keep being refused before the WebSocket upgrade, and only that one', async () => {
      const flooder = '203.0.113.7';
      expect(await upgradeFrom(t.url, flooder)).toBe('upgraded');
      // A client reconnecting in a loop with a token that is not valid: refused by socket.io, until its address is
      // turned away before the upgrade (the suite allows 10 refusals in a burst, earned back at two a second).
      const answers: { message: string; ms: number }[] = [];
      for (let i = 0; i < 30 && !answers.some((a) => a.message === 'websocket error'); i++) {
        const socket = rawSocket(t.url, 'not-a-token', { 'X-Forwarded-For': flooder });
        sockets.push(socket);
        const started = Date.now();
        const refusal = await waitFor<Error>('connect_error', (done) => socket.once('connect_error', done));
        answers.push({ message: refusal.message, ms: Date.now() - started });
      }
      const refusedBySocketIo = answers.filter((a) => a.message === 'unauthenticated').length;
      expect(refusedBySocketIo).toBeGreaterThanOrEqual(10);
      expect(refusedBySocketIo).toBeLessThan(16);
      // Turned away at the upgrade, after a pause: a reconnect loop gets about one attempt a second.
      const turnedAway = answers.at(-1);
      expect(turnedAway?.message).toBe('websocket error');
      expect(turnedAway?.ms).toBeGreaterThanOrEqual(900);
      // Another address (a colleague of the same city hall behind another proxy) connects as usual.
      const colleague = rawSocket(t.url, official.token, { 'X-Forwarded-For': '203.0.113.8' });
      sockets.push(colleague);
      await connected(colleague);
      // Refusals are forgotten at two per second: the address may try again a little later.
      await eventually('the address may connect again', async () => (await upgradeFrom(t.url, flooder)) === 'upgraded', 5000);
    });

    it('caps how many sockets one person may hold open', async () => {
      const person = await createPerson(t, [{ role: 'expert', hubKey: 'japan' }]);
      const open = Array.from({ length: 6 }, () => raw(person.token));
      await Promise.all(open.map((s) => connected(s)));
      const extra = raw(person.token);
      const refusal = await waitFor<Error>('connect_error', (done) => extra.once('connect_error', done));
      expect(refusal.message).toBe('too_many_connections');
      itemAt(open).close();
      await eventually('a freed place is usable', async () => {
        const again = raw(person.token);
        const answer = await Promise.race([
          waitFor<string>('connect', (done) => again.once('connect', () => done('connected'))),
          waitFor<string>('connect_error', (done) => again.once('connect_error', (e: Error) => done(e.message))),
        ]);
        return answer === 'connected';
      });
    });

    it('drops a client that does not read what it is sent, instead of buffering for it without bound', async () => {
      const docName = await newDraft('Backlog');
      const reader = raw(official.token);
      await connected(reader);
      await join(reader, docName);
      const dropped = waitFor<string>('disconnect', (done) => reader.once('disconnect', done), 20_000);
      // The reader stops reading its socket; the server keeps sending it every edit.
      const tcp = (reader.io.engine.transport as unknown as { ws: { _socket: { pause(): void; resume(): void } } }).ws._socket;
      tcp.pause();
      // Several writers, so that together they send faster than one person's budget lets one writer.
      const writers: Socket[] = [];
      for (let w = 0; w < 4; w++) {
        const writer = raw((await createPerson(t, [{ role: 'official', cityName: 'Tsukuba' }])).token);
        await connected(writer);
        await join(writer, docName);
        writers.push(writer);
      }
      for (let i = 0; i < 40 && reader.connected; i++) {
        const writer = itemAt(writers, i % writers.length);
        writer.emit(COLLAB_EVENTS.y, docName, updateMessage(paragraphUpdate(`Chunk ${i} ${'x'.repeat(400_000)}`)));
        await new Promise((r) => setTimeout(r, 50));
      }
      tcp.resume();
      // Closed by the server (the reason depends on whether the close packet got through the backlog).
      expect(['transport close', 'io server disconnect']).toContain(await dropped);
    });
  });

  describe('presence bound to its sender', () => {
    it('shows a member’s presence as who they are, whatever they claim, and refuses another’s presence', async () => {
      const docName = await newDraft('Presence');
      const watcher = await editor(docName, official.token);
      watcher.provider.awareness.setLocalStateField('cursor', null);
      const victimClientId = watcher.doc.clientID;
      await eventually('the server knows the watcher', async () => true);
      const impostor = raw(observer.token);
      const errors = errorsOf(impostor);
      await connected(impostor);
      expect(await join(impostor, docName)).toEqual({ ok: true, access: 'view' });
      // Claims to be the platform admin with a fresh client id.
      impostor.emit(
        COLLAB_EVENTS.y,
        docName,
        presenceMessage([{ clientId: 4242, clock: 1, state: { user: { id: 'admin', name: 'Platform Admin', color: '#000' } } }]),
      );
      await eventually('the watcher sees the observer', () => watcher.provider.awareness.getStates().has(4242));
      expect(watcher.provider.awareness.getStates().get(4242)?.['user']).toEqual(
        expect.objectContaining({ id: observer.id, name: expect.not.stringContaining('Admin') }),
      );
      // Tries to rewrite and to remove the watcher's own entry.
      await eventually('the watcher is present on the server', () => watcher.provider.awareness.getStates().has(victimClientId));
      impostor.emit(
        COLLAB_EVENTS.y,
        docName,
        presenceMessage([{ clientId: victimClientId, clock: 999, state: { user: { name: 'Hijacked' } } }]),
      );
      impostor.emit(COLLAB_EVENTS.y, docName, presenceMessage([{ clientId: victimClientId, clock: 1000, state: null }]));
      await eventually('two refusals', () => errors.filter((e) => e.code === 'presence_not_yours').length === 2);
      // A presence state of 2 MiB is refused.
      impostor.emit(
        COLLAB_EVENTS.y,
        docName,
        presenceMessage([{ clientId: 4242, clock: 2, state: { blob: 'x'.repeat(2 * 1024 * 1024) } }]),
      );
      await eventually('size refusal', () => errors.some((e) => e.code === 'message_too_large'));
      const fresh = await editor(docName, expert.token);
      await eventually('a newcomer sees both', () => fresh.provider.awareness.getStates().has(4242));
      const states = fresh.provider.awareness.getStates();
      expect(JSON.stringify(states.get(4242))).not.toContain('xxxx');
      expect(awarenessProtocol.encodeAwarenessUpdate(fresh.provider.awareness, [...states.keys()]).byteLength).toBeLessThan(4096);
    });
  });

  describe('rights re-checked on open connections', () => {
    const jwt = new JwtService({ secret: JWT_SECRET });
    const shortToken = async (person: TestPerson, seconds: number) => {
      const { sid } = itemAt<{ sid: string }>(
        await t.db.query('SELECT family_id AS sid FROM refresh_tokens WHERE user_id = $1 ORDER BY created_at DESC LIMIT 1', [person.id]),
      );
      return jwt.signAsync({ sub: person.id, typ: 'access', sid }, { expiresIn: seconds, algorithm: 'HS256' });
    };

    it('ends a socket’s rights when its token expires, unless the client renewed them', async () => {
      const docName = await newDraft('Expiry');
      const expiring = raw(await shortToken(official, 2));
      const renewed = raw(await shortToken(official, 2));
      const expiringErrors = errorsOf(expiring);
      await Promise.all([connected(expiring), connected(renewed)]);
      await join(expiring, docName);
      await join(renewed, docName);
      const result = await waitFor<ReauthResult>('reauth', (done) => renewed.emit(REALTIME_EVENTS.reauth, official.token, done));
      expect(result.ok).toBe(true);
      const closed = waitFor<string>('disconnect', (done) => expiring.once('disconnect', done), 15_000);
      expect(await closed).toBe('io server disconnect');
      expect(expiringErrors.map((e) => e.code)).toContain('session_expired');
      // The renewed connection still edits and is confirmed.
      const saved = waitFor<void>('saved', (done) => renewed.once(COLLAB_EVENTS.saved, () => done()));
      renewed.emit(COLLAB_EVENTS.y, docName, updateMessage(paragraphUpdate('Still allowed after renewal.')));
      await saved;
      expect(renewed.connected).toBe(true);
    });

    it('refuses a renewal with someone else’s token', async () => {
      const socket = raw(official.token);
      await connected(socket);
      const result = await waitFor<ReauthResult>('reauth', (done) => socket.emit(REALTIME_EVENTS.reauth, expert.token, done));
      expect(result).toEqual(expect.objectContaining({ ok: false, code: 'unauthenticated' }));
    });

    it('closes the sockets of a session that signs out, and only those', async () => {
      const person = await createPerson(t, [{ role: 'official', cityName: 'Tsukuba' }]);
      const laptop = await signIn(t, person);
      const phone = await signIn(t, person);
      const onLaptop = raw(laptop.token);
      const onPhone = raw(phone.token);
      await Promise.all([connected(onLaptop), connected(onPhone)]);
      const closed = waitFor<string>('disconnect', (done) => onLaptop.once('disconnect', done));
      await t
        .http()
        .delete('/api/auth/session')
        .set('Cookie', laptop.cookie)
        .set(bearer({ token: laptop.token }))
        .expect(204);
      expect(await closed).toBe('io server disconnect');
      await new Promise((r) => setTimeout(r, 200));
      expect(onPhone.connected).toBe(true);
      // A token of the ended session opens nothing any more.
      const again = raw(laptop.token);
      const refusal = await waitFor<Error>('connect_error', (done) => again.once('connect_error', done));
      expect(refusal.message).toBe('unauthenticated');
    });

    it('closes every other device’s sockets when the password changes', async () => {
      const person = await createPerson(t, [{ role: 'official', cityName: 'Tsukuba' }]);
      const here = await signIn(t, person);
      const elsewhere = await signIn(t, person);
      const mine = raw(here.token);
      const theirs = raw(elsewhere.token);
      await Promise.all([connected(mine), connected(theirs)]);
      const closed = waitFor<string>('disconnect', (done) => theirs.once('disconnect', done));
      await t
        .http()
        .put('/api/me/password')
        .set(bearer({ token: here.token }))
        .send({ currentPassword: person.password, newPassword: 'a-brand-new-password-2027' })
        .expect(204);
      expect(await closed).toBe('io server disconnect');
      await new Promise((r) => setTimeout(r, 200));
      expect(mine.connected).toBe(true);
    });
  });

  describe('work before the first connection', () => {
    it('sends what a document held before it first connected, and has it confirmed saved and seen by others', async () => {
      const docName = await newDraft('Offline first');
      const doc = new Y.Doc();
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText('Typed before the first connection.')]);
      doc.getXmlFragment(DOC_FRAGMENT).insert(0, [paragraph]);
      const provider = new SocketIOProvider(t.url, docName, doc, { token: official.token });
      try {
        await eventually('synced', () => provider.synced);
        await eventually('confirmed saved', () => provider.pendingChanges === 0, 10_000);
        const other = await editor(docName, official.token);
        expect(other.text()).toContain('Typed before the first connection.');
        // Later edits of that client build on it and are confirmed too.
        const more = new Y.XmlElement('paragraph');
        more.insert(0, [new Y.XmlText('And typed after it.')]);
        doc.getXmlFragment(DOC_FRAGMENT).insert(1, [more]);
        await eventually('confirmed saved again', () => provider.pendingChanges === 0);
        await eventually('the other sees it', () => other.text().includes('And typed after it.'));
      } finally {
        provider.destroy();
      }
    });
  });
});
