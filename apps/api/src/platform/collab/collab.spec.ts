import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { COLLAB_EVENTS, Y_MESSAGE_SYNC } from '@minga/contracts';
import { DOC_FRAGMENT } from '@minga/editor';
import {
  allSaved,
  connected,
  eventually,
  join,
  nextError,
  openEditor,
  rawSocket,
  storedText,
  waitFor,
  type Editor,
} from '../../../test/collab-client';
import { bearer, cityId, createPerson, startTestApp, type TestApp, type TestPerson } from '../../../test/test-app';
import { itemAt } from '../../../test/item-at';

function updateMessage(text: string): Buffer {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment(DOC_FRAGMENT).insert(0, [paragraph]);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, Y_MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(doc));
  return Buffer.from(encoding.toUint8Array(encoder));
}

describe('live drafts over /collab', () => {
  let t: TestApp;
  let official: TestPerson;
  let expert: TestPerson;
  let observer: TestPerson;
  let docName: string;
  const open: Editor[] = [];
  const editor = async (person: TestPerson) => {
    const e = await openEditor(t.url, docName, person.token);
    open.push(e);
    return e;
  };

  beforeAll(async () => {
    t = await startTestApp({
      COLLAB_UNLOAD_GRACE_SECONDS: '0.2',
      COLLAB_MAX_MESSAGE_BYTES: '262144',
      COLLAB_MESSAGES_PER_SECOND: '200',
      COLLAB_COMPACT_AFTER_ROWS: '10',
      COLLAB_COMPACT_MIN_INTERVAL_SECONDS: '0',
    });
    official = await createPerson(t, [{ role: 'official', cityName: 'Tsukuba' }]);
    expert = await createPerson(t, [{ role: 'expert', hubKey: 'japan' }]);
    observer = await createPerson(t, [{ role: 'observer' }]);
    const policies = await t.http().get('/api/model-policies').set(bearer(official)).expect(200);
    const pia = (policies.body as { id: string; key: string }[]).find((p) => p.key === 'pia');
    const draft = await t
      .http()
      .post('/api/drafts')
      .set(bearer(official))
      .send({ cityId: await cityId(t, 'Tsukuba'), modelPolicyId: pia?.id, title: 'Tsukuba PIA ordinance' })
      .expect(201);
    docName = draft.body.docName;
  });
  afterEach(() => {
    for (const e of open.splice(0)) e.close();
  });
  afterAll(() => t.close());

  it('starts from the model policy template and shows two editors each other’s text, confirmed saved', async () => {
    const a = await editor(official);
    const b = await editor(official);
    expect(a.text()).toContain('Purpose');
    a.type('Article 1 applies to every new sensor network.');
    await eventually('B sees A', () => b.text().includes('Article 1 applies'));
    b.type('Article 2 requires a published assessment.');
    await eventually('A sees B', () => a.text().includes('Article 2 requires'));
    await allSaved(a);
    await allSaved(b);
    expect(await storedText(t, docName)).toContain('Article 2 requires');
  });

  it('shows who is present to everyone on the document, and forgets a person who leaves', async () => {
    const a = await editor(official);
    const b = await editor(expert);
    // Whatever a client writes as its user, the others see the person the server signed in.
    a.provider.awareness.setLocalStateField('user', { name: 'Official A' });
    const aPresent = () => [...b.provider.awareness.getStates().values()].some((s) => s['user']?.id === official.id);
    await eventually('B sees A present', aPresent);
    expect([...b.provider.awareness.getStates().values()].map((s) => s['user']?.name)).not.toContain('Official A');
    a.close();
    open.splice(open.indexOf(a), 1);
    await eventually('A is gone for B', () => !aPresent());
  });

  it('gives an expert comment access and a hub-less member view access, and never applies their changes', async () => {
    const commenter = await editor(expert);
    const viewer = await editor(observer);
    expect(commenter.provider.access).toBe('comment');
    expect(viewer.provider.access).toBe('view');

    const socket = rawSocket(t.url, expert.token);
    try {
      await connected(socket);
      expect(await join(socket, docName)).toEqual({ ok: true, access: 'comment' });
      const refused = nextError(socket);
      socket.emit(COLLAB_EVENTS.y, docName, updateMessage('Injected by a commenter'));
      expect((await refused).code).toBe('read_only');
    } finally {
      socket.close();
    }
    const writer = await editor(official);
    writer.type('Checkpoint after the injection attempt.');
    await allSaved(writer);
    await eventually('viewer is up to date', () => viewer.text().includes('Checkpoint after'));
    expect(viewer.text()).not.toContain('Injected by a commenter');
    expect(await storedText(t, docName)).not.toContain('Injected by a commenter');
  });

  it('answers bad input with an error event and keeps serving everyone else', async () => {
    const bystander = await editor(official);
    const socket = rawSocket(t.url, official.token);
    try {
      await connected(socket);
      expect(await join(socket, 'draft:00000000-0000-4000-8000-000000000000')).toMatchObject({
        ok: false,
        error: { code: 'unknown_document' },
      });
      expect(await join(socket, '../etc/passwd')).toMatchObject({ ok: false, error: { code: 'unknown_document' } });

      let error = nextError(socket);
      socket.emit(COLLAB_EVENTS.y, docName, updateMessage('before join'));
      expect((await error).code).toBe('not_joined');

      expect(await join(socket, docName)).toEqual({ ok: true, access: 'edit' });
      const valid = updateMessage('half a message');
      for (const payload of [Buffer.from([0, 2, 200, 1, 2]), valid.subarray(0, valid.length - 3), Buffer.from([7, 1, 1]), 'not binary']) {
        error = nextError(socket);
        socket.emit(COLLAB_EVENTS.y, docName, payload);
        expect((await error).code).toBe('malformed_message');
      }
    } finally {
      socket.close();
    }
    bystander.type('Still working after the garbage.');
    await allSaved(bystander);
    const reader = await editor(official);
    expect(reader.text()).toContain('Still working after the garbage.');
    expect(reader.text()).not.toContain('half a message');
  });

  it('disconnects a client whose message is over the size limit', async () => {
    const socket = rawSocket(t.url, official.token);
    try {
      await connected(socket);
      await join(socket, docName);
      const closed = waitFor<string>('disconnect', (done) => socket.once('disconnect', done));
      socket.emit(COLLAB_EVENTS.y, docName, updateMessage('x'.repeat(300_000)));
      // The server closed the transport; the client did not hang up by itself.
      expect(await closed).toBe('transport close');
    } finally {
      socket.close();
    }
    const reader = await editor(official);
    expect(reader.text()).not.toContain('xxxxxxxxxx');
  });

  it('still delivers a document larger than the message limit to a fresh client in its first sync', async () => {
    const writer = await editor(official);
    const chunk = 'Long annex text. '.repeat(600);
    for (let i = 0; i < 40; i++) writer.type(`Annex ${i}: ${chunk}`);
    await allSaved(writer);
    expect(Y.encodeStateAsUpdate(writer.doc).byteLength).toBeGreaterThan(262144);
    const reader = await editor(official);
    expect(reader.text()).toContain('Annex 39:');
  });

  it('slows a flooding client down, disconnects it, and turns its person away for a while', async () => {
    // A person of their own: after the flood they are turned away at the handshake for a few seconds.
    const flooder = await createPerson(t, [{ role: 'official', cityName: 'Tsukuba' }]);
    const socket = rawSocket(t.url, flooder.token);
    const codes = new Set<string>();
    socket.on(COLLAB_EVENTS.error, (e: { code: string }) => codes.add(e.code));
    try {
      await connected(socket);
      await join(socket, docName);
      const closed = waitFor<string>('disconnect', (done) => socket.once('disconnect', done), 10_000);
      // Cheap messages, so the test measures the limit and not the cost of answering them.
      const message = Buffer.from([1, 0]);
      for (let i = 0; i < 1000 && socket.connected; i++) socket.emit(COLLAB_EVENTS.y, docName, message);
      await closed;
      expect(codes.has('rate_limited')).toBe(true);
      const again = rawSocket(t.url, flooder.token);
      const refusal = await waitFor<Error>('connect_error', (done) => again.once('connect_error', done));
      again.close();
      expect(refusal.message).toBe('too_many_connections');
    } finally {
      socket.close();
    }
  });

  it('refuses a connection without a valid token', async () => {
    const socket = rawSocket(t.url, 'not-a-token');
    const error = await waitFor<Error>('connect_error', (done) => socket.once('connect_error', done));
    expect(error.message).toBe('unauthenticated');
    socket.close();
  });

  it('downgrades an open connection when the official loses their role', async () => {
    const temporary = await createPerson(t, [
      { role: 'official', cityName: 'Tsukuba' },
      { role: 'expert', hubKey: 'latam' },
    ]);
    const e = await editor(temporary);
    expect(e.provider.access).toBe('edit');
    const roles = await t.http().get(`/api/role-assignments?userId=${temporary.id}&role=official`).set(bearer(official)).expect(200);
    const admin = await createPerson(t, [{ role: 'admin' }]);
    const downgraded = waitFor('access change', (done) => e.provider.on('access', done));
    await t.http().delete(`/api/role-assignments/${roles.body[0].id}`).set(bearer(admin)).expect(204);
    await downgraded;
    expect(e.provider.access).toBe('view');
  });

  it('upgrades an open connection as soon as a viewer accepts an invitation to edit', async () => {
    const viewer = await createPerson(t, [{ role: 'expert', hubKey: 'latam' }]);
    const coordinator = await createPerson(t, [{ role: 'coordinator', hubKey: 'japan' }]);
    const e = await editor(viewer);
    expect(e.provider.access).toBe('view');
    const invited = await t
      .http()
      .post('/api/invitations')
      .set(bearer(coordinator))
      .send({ email: viewer.email, role: 'official', cityId: await cityId(t, 'Tsukuba') })
      .expect(201);
    const token = /[?&/]([A-Za-z0-9_-]{20,})$/.exec(invited.body.inviteUrl)?.[1];
    const upgraded = waitFor('access change', (done) => e.provider.on('access', done));
    // The role is granted inside the acceptance's transaction; the connection must re-read it after the commit.
    await t.http().post('/api/invitations/accept').set(bearer(viewer)).send({ invitationToken: token }).expect(200);
    await upgraded;
    expect(e.provider.access).toBe('edit');
  });

  it('delivers and stores every update of a burst that arrives at once', async () => {
    const b = await editor(official);
    const socket = rawSocket(t.url, official.token);
    try {
      await connected(socket);
      expect(await join(socket, docName)).toEqual({ ok: true, access: 'edit' });
      // Sent back to back, these reach the server in one read: all but the first are applied together.
      const clauses = Array.from({ length: 8 }, (_, i) => `Burst clause ${i}.`);
      for (const clause of clauses) socket.emit(COLLAB_EVENTS.y, docName, updateMessage(clause));
      await eventually('the other editor sees the whole burst', () => clauses.every((clause) => b.text().includes(clause)));
      await eventually('the whole burst is stored', async () => {
        const stored = await storedText(t, docName);
        return clauses.every((clause) => stored.includes(clause));
      });
    } finally {
      socket.close();
    }
  });

  it('stores nothing for a reconnecting client that brings no new text, even with deletions in its state', async () => {
    const draft = await t
      .http()
      .post('/api/drafts')
      .set(bearer(official))
      .send({
        cityId: await cityId(t, 'Tsukuba'),
        modelPolicyId: (await t.http().get('/api/model-policies').set(bearer(official))).body[0].id,
        title: 'Rejoin',
      })
      .expect(201);
    const name: string = draft.body.docName;
    const rows = async () => {
      const { n } = itemAt<{ n: number }>(await t.db.query('SELECT count(*)::int AS n FROM collab_updates WHERE doc_name = $1', [name]));
      return n;
    };
    const a = await openEditor(t.url, name, official.token);
    open.push(a);
    a.type('A sentence written and then removed.');
    a.doc.getXmlFragment(DOC_FRAGMENT).delete(a.doc.getXmlFragment(DOC_FRAGMENT).length - 1, 1);
    await allSaved(a);
    const before = await rows();

    // A client coming back with the same state answers the server's step 1 with all of it, delete set included.
    const socket = rawSocket(t.url, official.token);
    try {
      await connected(socket);
      expect(await join(socket, name)).toEqual({ ok: true, access: 'edit' });
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, Y_MESSAGE_SYNC);
      syncProtocol.writeSyncStep2(encoder, a.doc);
      socket.emit(COLLAB_EVENTS.y, name, Buffer.from(encoding.toUint8Array(encoder)));
      // The server handles one connection's messages in order: once it answers a step 1, the step 2 was handled.
      const answered = waitFor<void>('the answer to a step 1', (done) =>
        socket.on(
          COLLAB_EVENTS.y,
          (_doc: string, bytes: Uint8Array) => bytes[0] === Y_MESSAGE_SYNC && bytes[1] === syncProtocol.messageYjsSyncStep2 && done(),
        ),
      );
      const step1 = encoding.createEncoder();
      encoding.writeVarUint(step1, Y_MESSAGE_SYNC);
      syncProtocol.writeSyncStep1(step1, new Y.Doc());
      socket.emit(COLLAB_EVENTS.y, name, Buffer.from(encoding.toUint8Array(step1)));
      await answered;
      a.type('Typed after the other client came back.');
      await allSaved(a);
      expect(await rows()).toBe(before + 1);
    } finally {
      socket.close();
    }
  });

  it('compacts the log of an open document once it passes the row threshold, losing nothing', async () => {
    const e = await editor(official);
    for (let i = 0; i < 25; i++) {
      e.type(`Clause ${i}. `);
      await allSaved(e);
    }
    await eventually('compaction while open', async () => {
      const { n } = itemAt<{ n: number }>(await t.db.query('SELECT count(*)::int AS n FROM collab_updates WHERE doc_name = $1', [docName]));
      return n < 10;
    });
    expect(await storedText(t, docName)).toBe(e.text());
    expect(e.text()).toContain('Clause 24. ');
  });

  it('compacts the log into a snapshot when the last client leaves, losing nothing', async () => {
    const e = await editor(official);
    e.type('Written just before everyone left.');
    await allSaved(e);
    const before = await storedText(t, docName);
    e.close();
    open.splice(open.indexOf(e), 1);
    await eventually('compaction on unload', async () => {
      const rows: unknown[] = await t.db.query('SELECT 1 FROM collab_updates WHERE doc_name = $1', [docName]);
      return rows.length === 0;
    });
    const [{ plain_text }] = await t.db.query('SELECT plain_text FROM collab_documents WHERE name = $1', [docName]);
    expect(plain_text).toContain('Written just before everyone left.');
    expect(await storedText(t, docName)).toBe(before);
    const reopened = await editor(official);
    expect(reopened.text()).toBe(before);
  });
});
