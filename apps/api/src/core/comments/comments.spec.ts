import { setTimeout as sleep } from 'node:timers/promises';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { io, type Socket } from 'socket.io-client';
import * as msgpackParser from 'socket.io-msgpack-parser';
import { COLLAB_EVENTS, COMMENT_EVENTS, Y_MESSAGE_SYNC, type Thread, type ThreadEvent } from '@minga/contracts';
import { anchorForWords, DocumentText, DOC_FRAGMENT } from '@minga/editor';
import {
  allSaved,
  connected,
  eventually,
  join,
  nextError,
  openEditor,
  rawSocket,
  storedDoc,
  type Editor,
} from '../../../test/collab-client';
import { bearer, cityId, createPerson, startTestApp, type TestApp, type TestPerson } from '../../../test/test-app';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

async function storedText(t: TestApp, docName: string): Promise<string> {
  return new DocumentText(await storedDoc(t, docName)).text;
}

/** The paragraph text holding some words, to edit it as the editor would. */
function textContaining(doc: Y.Doc, words: string): { text: Y.XmlText; index: number } {
  const walk = (parent: Y.XmlFragment | Y.XmlElement): { text: Y.XmlText; index: number } | null => {
    for (const child of parent.toArray()) {
      if (child instanceof Y.XmlText && child.toString().includes(words)) return { text: child, index: child.toJSON().indexOf(words) };
      if (child instanceof Y.XmlElement) {
        const found = walk(child);
        if (found) return found;
      }
    }
    return null;
  };
  const found = walk(doc.getXmlFragment(DOC_FRAGMENT));
  if (!found) throw new Error(`"${words}" is not in the document`);
  return found;
}

function anchorOf(doc: Y.Doc, words: string) {
  const anchor = anchorForWords(doc, words);
  if (!anchor) throw new Error(`"${words}" is not in the document`);
  return anchor;
}

function threadEvents(socket: Socket): ThreadEvent[] {
  const events: ThreadEvent[] = [];
  socket.on(COMMENT_EVENTS.thread, (_docName: string, event: ThreadEvent) => events.push(event));
  return events;
}

describe('comments, suggestions and mentions on drafts', () => {
  let t: TestApp;
  let official: TestPerson;
  let expert: TestPerson;
  let expert2: TestPerson;
  let coordinator: TestPerson;
  let observer: TestPerson;
  let roleless: TestPerson;
  let farExpert: TestPerson;
  let pia: string;
  let tsukuba: string;
  const open: Editor[] = [];
  const sockets: Socket[] = [];

  const editor = async (person: TestPerson, docName: string) => {
    const e = await openEditor(t.url, docName, person.token);
    open.push(e);
    return e;
  };

  /** A fresh draft with one paragraph typed by its official, open in the official's editor. */
  async function draftWith(paragraph: string) {
    const res = await t
      .http()
      .post('/api/drafts')
      .set(bearer(official))
      .send({ cityId: tsukuba, modelPolicyId: pia, title: `Draft ${Math.random().toString(36).slice(2, 8)}` })
      .expect(201);
    const docName: string = res.body.docName;
    const writer = await editor(official, docName);
    writer.type(paragraph);
    await allSaved(writer);
    return { id: res.body.id as string, docName, writer };
  }

  const post = (path: string, person: TestPerson, body: object) => t.http().post(path).set(bearer(person)).send(body);

  beforeAll(async () => {
    t = await startTestApp({ COLLAB_UNLOAD_GRACE_SECONDS: '0.2' });
    official = await createPerson(t, [{ role: 'official', cityName: 'Tsukuba' }]);
    expert = await createPerson(t, [{ role: 'expert', hubKey: 'japan' }]);
    expert2 = await createPerson(t, [{ role: 'expert', hubKey: 'japan' }]);
    coordinator = await createPerson(t, [{ role: 'coordinator', hubKey: 'japan' }]);
    observer = await createPerson(t, [{ role: 'observer' }]);
    farExpert = await createPerson(t, [{ role: 'expert', hubKey: 'latam' }]);
    roleless = await createPerson(t);
    tsukuba = await cityId(t, 'Tsukuba');
    const policies = await t.http().get('/api/model-policies').set(bearer(official)).expect(200);
    pia = (policies.body as { id: string; key: string }[]).find((p) => p.key === 'pia')?.id ?? '';
  });
  afterEach(() => {
    for (const e of open.splice(0)) e.close();
    for (const s of sockets.splice(0)) s.close();
  });
  afterAll(() => t.close());

  it('keeps a comment on the same words while an official types before them, and shows it to the official live', async () => {
    const { id, docName, writer } = await draftWith('The city publishes every assessment within thirty days.');
    const events = threadEvents(writer.provider.socket);
    const commenter = await editor(expert, docName);
    expect(commenter.provider.access).toBe('comment');
    await eventually('the expert sees the paragraph', () => commenter.text().includes('thirty days'));

    // The official keeps typing before the words while the comment is on its way.
    const { text } = textContaining(writer.doc, 'thirty days');
    text.insert(0, 'Without exception, ');
    const created = await post(`/api/drafts/${id}/threads`, expert, {
      anchor: anchorOf(commenter.doc, 'thirty days'),
      quote: 'thirty days',
      body: 'Thirty days is too long for **urgent** cases.',
    }).expect(201);
    text.insert(0, 'Article 3. ');
    await allSaved(writer);

    const thread: Thread = created.body;
    expect(thread).toMatchObject({ kind: 'comment', quote: 'thirty days', detached: false, status: 'open', author: { id: expert.id } });
    await eventually('the official receives the new thread without reload', () => events.some((e) => e.thread.id === thread.id));
    expect(events[0]).toMatchObject({ type: 'thread_created', actor: { id: expert.id } });

    const resolved = new DocumentText(writer.doc).resolve(thread.anchor ?? { start: '', end: '' });
    expect(resolved.ok && resolved.range.text).toBe('thirty days');
    const fetched = await t.http().get(`/api/threads/${thread.id}`).set(bearer(observer)).expect(200);
    expect(fetched.body).toMatchObject({ quote: 'thirty days', detached: false });
    expect(await storedText(t, docName)).toContain('Article 3. Without exception, The city publishes');
  });

  it('keeps a thread whose words were deleted, detached with its quote, and counts open threads per section', async () => {
    const { id, writer } = await draftWith('Data stays in the country unless the council agrees.');
    const onWords = await post(`/api/drafts/${id}/threads`, expert, {
      anchor: anchorOf(writer.doc, 'unless the council agrees'),
      body: 'Which council?',
    }).expect(201);
    await post(`/api/drafts/${id}/threads`, coordinator, { body: 'Overall this reads well.' }).expect(201);
    const purpose = await post(`/api/drafts/${id}/threads`, expert, {
      anchor: anchorOf(writer.doc, 'Purpose'),
      body: 'Name the purpose.',
    }).expect(201);
    expect(purpose.body).toMatchObject({ heading: 'Purpose', detached: false });
    expect(purpose.body.sectionId).toMatch(/^\d+:\d+$/);

    const found = textContaining(writer.doc, 'unless the council agrees');
    found.text.delete(found.index - 1, ' unless the council agrees'.length);
    await allSaved(writer);

    const list = await t.http().get(`/api/drafts/${id}/threads`).set(bearer(expert)).expect(200);
    const detached = (list.body.items as Thread[]).find((x) => x.id === onWords.body.id);
    expect(detached).toMatchObject({ detached: true, quote: 'unless the council agrees' });
    const whole = (list.body.items as Thread[]).find((x) => x.anchor === null);
    expect(whole).toMatchObject({ detached: false, sectionId: null, heading: null });
    expect(list.body.counts.open).toBe(3);
    expect(list.body.counts.detached).toBe(1);
    expect(list.body.counts.bySection).toContainEqual({ sectionId: purpose.body.sectionId, heading: 'Purpose', open: 1 });
  });

  it('delivers replies and mentions as notifications, live on /events and in the notification centre', async () => {
    const { id, writer } = await draftWith('Sensors in parks need a public register.');
    const inbox = rawEvents(expert2);
    const authorInbox = rawEvents(expert);
    await inbox.ready;
    await authorInbox.ready;

    const created = await post(`/api/drafts/${id}/threads`, expert, {
      anchor: anchorOf(writer.doc, 'public register'),
      body: `@[Second Expert](${expert2.id}) can you check the register law?`,
    }).expect(201);
    expect(created.body.comments[0].mentions).toEqual([expert2.id]);
    await eventually('the mentioned expert is told live', () => inbox.notifications.length === 1);
    expect(inbox.notifications[0]).toMatchObject({
      notification: { kind: 'mention', actor: { id: expert.id }, draft: { id } },
      unreadCount: 1,
    });

    const reply = await post(`/api/threads/${created.body.id}/comments`, official, { body: 'We will add it.' }).expect(201);
    expect(reply.body.comments.map((c: { body: string }) => c.body)).toEqual([
      `@[Second Expert](${expert2.id}) can you check the register law?`,
      'We will add it.',
    ]);
    await eventually('the thread author hears of the reply', () => authorInbox.notifications.some((n) => n.notification.kind === 'reply'));

    const centre = await t.http().get('/api/me/notifications').set(bearer(expert2)).expect(200);
    expect(centre.body.unreadCount).toBe(1);
    expect(centre.body.items[0]).toMatchObject({
      kind: 'mention',
      thread: { id: created.body.id, quote: 'public register' },
      readAt: null,
    });
    const read = await post('/api/me/notifications/read', expert2, { ids: [centre.body.items[0].id] }).expect(200);
    expect(read.body).toEqual({ unreadCount: 0 });
    await eventually('other tabs hear the new count', () => inbox.reads.some((r) => r.unreadCount === 0));
    await post('/api/me/notifications/read', expert, { all: true }).expect(200);
    expect((await t.http().get('/api/me/notifications?unread=true').set(bearer(expert)).expect(200)).body.items).toEqual([]);

    const mine = await t.http().get(`/api/drafts/${id}/threads?mentioningMe=true`).set(bearer(expert2)).expect(200);
    expect(mine.body.items.map((x: Thread) => x.id)).toEqual([created.body.id]);
    const notMine = await t.http().get(`/api/drafts/${id}/threads?mentioningMe=true`).set(bearer(expert)).expect(200);
    expect(notMine.body.items).toEqual([]);
  });

  it('tells someone mentioned by an edit of a comment, once', async () => {
    const { id, writer } = await draftWith('Sensors in parks need a public register.');
    const inbox = rawEvents(expert2);
    await inbox.ready;
    const created = await post(`/api/drafts/${id}/threads`, expert, {
      anchor: anchorOf(writer.doc, 'public register'),
      body: 'Who knows the register law?',
    }).expect(201);
    const commentId = created.body.comments[0].id;
    const body = `@[Second Expert](${expert2.id}) do you know the register law?`;
    const edited = await t.http().patch(`/api/comments/${commentId}`).set(bearer(expert)).send({ body }).expect(200);
    expect(edited.body.comments[0]).toMatchObject({ body, mentions: [expert2.id] });
    await eventually('the newly mentioned expert is told live', () => inbox.notifications.length === 1);
    expect(inbox.notifications[0]).toMatchObject({ notification: { kind: 'mention', actor: { id: expert.id }, draft: { id } } });
    // Editing again with the same mention tells nobody twice.
    await t
      .http()
      .patch(`/api/comments/${commentId}`)
      .set(bearer(expert))
      .send({ body: `${body} Thanks!` })
      .expect(200);
    await sleep(300);
    expect(inbox.notifications).toHaveLength(1);
  });

  it('refuses mentions of people who cannot see the draft, and suggests only those who can', async () => {
    const { id } = await draftWith('Mentions.');
    const refused = await post(`/api/drafts/${id}/threads`, expert, { body: `@[Nobody](${roleless.id}) look` }).expect(400);
    expect(refused.body.errors[0].path).toBe('body');
    const people = await t.http().get(`/api/drafts/${id}/mentionable`).query({ q: 'Test', limit: 50 }).set(bearer(expert)).expect(200);
    const byId = new Map((people.body as { id: string; access: string }[]).map((p) => [p.id, p.access]));
    expect(byId.get(roleless.id)).toBeUndefined();
    for (const [person, access] of [
      [official, 'edit'],
      [expert2, 'comment'],
      [observer, 'view'],
    ] as const) {
      const hit = await t
        .http()
        .get(`/api/drafts/${id}/mentionable`)
        .query({ q: person.email.slice(7, 12) })
        .set(bearer(expert))
        .expect(200);
      expect(hit.body).toContainEqual(expect.objectContaining({ id: person.id, access }));
    }
    await t.http().get(`/api/drafts/${id}/mentionable`).set(bearer(observer)).expect(403);
  });

  it('lets people edit and delete only their own comments; a deleted comment leaves a placeholder', async () => {
    const { id } = await draftWith('Own comments.');
    const created = await post(`/api/drafts/${id}/threads`, expert, { body: 'First thought' }).expect(201);
    const commentId = created.body.comments[0].id;
    await t.http().patch(`/api/comments/${commentId}`).set(bearer(expert2)).send({ body: 'Hijacked' }).expect(403);
    await t.http().patch(`/api/comments/${commentId}`).set(bearer(official)).send({ body: 'Hijacked' }).expect(403);
    await t.http().delete(`/api/comments/${commentId}`).set(bearer(coordinator)).expect(403);
    const edited = await t.http().patch(`/api/comments/${commentId}`).set(bearer(expert)).send({ body: 'Second thought' }).expect(200);
    expect(edited.body.comments[0]).toMatchObject({ body: 'Second thought', deleted: false });
    expect(edited.body.comments[0].editedAt).not.toBeNull();
    await post(`/api/threads/${created.body.id}/comments`, official, { body: 'Agreed' }).expect(201);
    await t.http().delete(`/api/comments/${commentId}`).set(bearer(expert)).expect(204);
    const after = await t.http().get(`/api/threads/${created.body.id}`).set(bearer(expert2)).expect(200);
    expect(after.body.comments[0]).toMatchObject({ id: commentId, body: null, deleted: true, author: { id: expert.id } });
    expect(after.body.comments[1].body).toBe('Agreed');
    await t.http().patch(`/api/comments/${commentId}`).set(bearer(expert)).send({ body: 'Back' }).expect(409);
  });

  it('lets the author, editors and hub coordinators resolve and reopen, and nobody else', async () => {
    const { id } = await draftWith('Resolving.');
    const created = await post(`/api/drafts/${id}/threads`, expert, { body: 'Resolve me' }).expect(201);
    const path = `/api/threads/${created.body.id}`;
    await t.http().patch(path).set(bearer(expert2)).send({ status: 'resolved' }).expect(403);
    await t.http().patch(path).set(bearer(observer)).send({ status: 'resolved' }).expect(403);
    await t.http().patch(path).set(bearer(farExpert)).send({ status: 'resolved' }).expect(403);
    const byAuthor = await t.http().patch(path).set(bearer(expert)).send({ status: 'resolved' }).expect(200);
    expect(byAuthor.body).toMatchObject({ status: 'resolved', resolvedBy: { id: expert.id } });
    await t.http().patch(path).set(bearer(official)).send({ status: 'open' }).expect(200);
    await t.http().patch(path).set(bearer(coordinator)).send({ status: 'resolved' }).expect(200);
    const resolvedOnly = await t.http().get(`/api/drafts/${id}/threads?status=resolved&mine=true`).set(bearer(expert)).expect(200);
    expect(resolvedOnly.body.items.map((x: Thread) => x.id)).toEqual([created.body.id]);
    expect((await t.http().get(`/api/drafts/${id}/threads?status=open`).set(bearer(expert)).expect(200)).body.items).toEqual([]);
    await t.http().patch(path).set(bearer(expert)).send({ status: 'closed' }).expect(400);
  });

  it('announces a resolve once: resolving a resolved thread changes nothing and tells nobody', async () => {
    const { id, writer } = await draftWith('Resolving twice.');
    const events = threadEvents(writer.provider.socket);
    const created = await post(`/api/drafts/${id}/threads`, expert, { body: 'Resolve me' }).expect(201);
    const path = `/api/threads/${created.body.id}`;
    await t.http().patch(path).set(bearer(expert)).send({ status: 'resolved' }).expect(200);
    await eventually('the official hears of the resolve', () => events.some((e) => e.thread.status === 'resolved'));
    const again = await t.http().patch(path).set(bearer(coordinator)).send({ status: 'resolved' }).expect(200);
    expect(again.body).toMatchObject({ status: 'resolved', resolvedBy: { id: expert.id } });
    await sleep(300);
    expect(events.filter((e) => e.thread.status === 'resolved')).toHaveLength(1);
  });

  it('applies an accepted suggestion through the live document, for every open editor, and records who changed the clause', async () => {
    const { id, docName, writer } = await draftWith('Assessments are published within thirty days.');
    const proposerInbox = rawEvents(expert);
    const ownerInbox = rawEvents(official);
    await proposerInbox.ready;
    await ownerInbox.ready;
    const otherEditor = await editor(official, docName);
    const suggestion = await post(`/api/drafts/${id}/threads`, expert, {
      kind: 'suggestion',
      anchor: anchorOf(writer.doc, 'thirty days'),
      body: 'Shorter is better for residents.',
      replacement: 'ten working days',
    }).expect(201);
    expect(suggestion.body.suggestion).toEqual({ replacement: 'ten working days', state: 'pending', decidedBy: null, decidedAt: null });
    await eventually('the draft owner hears of the suggestion', () =>
      ownerInbox.notifications.some((n) => n.notification.kind === 'suggestion'),
    );

    await post(`/api/suggestions/${suggestion.body.id}/accept`, expert, {}).expect(403);
    await post(`/api/suggestions/${suggestion.body.id}/accept`, coordinator, {}).expect(403);
    const accepted = await post(`/api/suggestions/${suggestion.body.id}/accept`, official, {}).expect(200);
    expect(accepted.body).toMatchObject({ status: 'resolved', suggestion: { state: 'accepted', decidedBy: { id: official.id } } });
    await eventually('another open editor shows the new wording', () => otherEditor.text().includes('within ten working days.'));
    expect(otherEditor.text()).not.toContain('thirty days');
    expect(await storedText(t, docName)).toContain('Assessments are published within ten working days.');
    await eventually('the proposer hears it was accepted', () =>
      proposerInbox.notifications.some((n) => n.notification.kind === 'suggestion_accepted'),
    );
    await post(`/api/suggestions/${suggestion.body.id}/accept`, official, {}).expect(409);

    const contributions = await t.http().get(`/api/drafts/${id}/contributions`).set(bearer(observer)).expect(200);
    expect(contributions.body.items).toEqual([
      expect.objectContaining({
        threadId: suggestion.body.id,
        before: 'thirty days',
        after: 'ten working days',
        proposedBy: expect.objectContaining({ id: expert.id }),
        acceptedBy: expect.objectContaining({ id: official.id }),
      }),
    ]);
  });

  it('refuses to accept a suggestion whose text changed since, and lets it be rejected', async () => {
    const { id, writer } = await draftWith('Retention is limited to five years.');
    const events = threadEvents(writer.provider.socket);
    const suggestion = await post(`/api/drafts/${id}/threads`, expert, {
      kind: 'suggestion',
      anchor: anchorOf(writer.doc, 'five years'),
      body: 'Shorter',
      replacement: 'two years',
    }).expect(201);
    const found = textContaining(writer.doc, 'five years');
    found.text.insert(found.index + 4, ' full');
    await allSaved(writer);
    const refused = await post(`/api/suggestions/${suggestion.body.id}/accept`, official, {}).expect(409);
    expect(refused.body.code).toBe('text_changed');
    expect(writer.text()).toContain('five full years');
    const rejected = await post(`/api/suggestions/${suggestion.body.id}/reject`, official, {}).expect(200);
    expect(rejected.body.suggestion).toMatchObject({ state: 'rejected', decidedBy: { id: official.id } });
    await eventually('editors hear the outcome', () => events.some((e) => e.type === 'suggestion_rejected'));
    expect((await t.http().get(`/api/drafts/${id}/contributions`).set(bearer(official)).expect(200)).body.items).toEqual([]);
  });

  it('answers bad anchors, bodies and ids with 400, 403, 404 or 409, never 500', async () => {
    const { id, writer } = await draftWith('First paragraph here.');
    const other = await draftWith('Another draft entirely.');
    writer.type('Second paragraph here.');
    await allSaved(writer);

    const foreign = await post(`/api/drafts/${id}/threads`, expert, {
      anchor: anchorOf(other.writer.doc, 'Another draft'),
      body: 'x',
    }).expect(400);
    expect(foreign.body).toMatchObject({ code: 'validation_failed', errors: [{ path: 'anchor' }] });
    await post(`/api/drafts/${id}/threads`, expert, { anchor: { start: 'AAAA', end: 'AAAA' }, body: 'x' }).expect(400);
    await post(`/api/drafts/${id}/threads`, expert, { anchor: { start: '%%%', end: 'AAAA' }, body: 'x' }).expect(400);
    const { start, end } = anchorOf(writer.doc, 'First paragraph');
    await post(`/api/drafts/${id}/threads`, expert, { anchor: { start: end, end: start }, body: 'x' }).expect(400);
    await post(`/api/drafts/${id}/threads`, expert, { anchor: { start, end }, quote: 'Something else', body: 'x' }).expect(409);
    const across = { start, end: anchorOf(writer.doc, 'Second paragraph').end };
    const spanning = await post(`/api/drafts/${id}/threads`, expert, { anchor: across, body: 'Both paragraphs' }).expect(201);
    expect(spanning.body.quote).toBe('First paragraph here.\nSecond paragraph');
    await post(`/api/drafts/${id}/threads`, expert, { kind: 'suggestion', anchor: across, body: 'x', replacement: 'y' }).expect(400);
    await post(`/api/drafts/${id}/threads`, expert, {
      kind: 'suggestion',
      anchor: { start, end },
      body: 'x',
      replacement: 'First paragraph',
    }).expect(400);

    const big = await post(`/api/drafts/${id}/threads`, expert, { body: 'x'.repeat(10_001) }).expect(400);
    expect(big.body.errors[0].path).toBe('body');
    await post(`/api/drafts/${id}/threads`, expert, { body: 'ok', extra: true }).expect(400);

    await post(`/api/drafts/${UNKNOWN}/threads`, expert, { body: 'x' }).expect(404);
    await t.http().get(`/api/threads/${UNKNOWN}`).set(bearer(expert)).expect(404);
    await post(`/api/threads/${UNKNOWN}/comments`, expert, { body: 'x' }).expect(404);
    await t.http().patch(`/api/comments/${UNKNOWN}`).set(bearer(expert)).send({ body: 'x' }).expect(404);
    await t.http().delete(`/api/comments/${UNKNOWN}`).set(bearer(expert)).expect(404);
    await post(`/api/suggestions/${UNKNOWN}/accept`, official, {}).expect(404);
    await post(`/api/suggestions/${spanning.body.id}/accept`, official, {}).expect(404);
    await t.http().get('/api/threads/not-a-uuid').set(bearer(expert)).expect(400);
    await t.http().get(`/api/drafts/${id}/threads?cursor=garbage`).set(bearer(expert)).expect(400);

    await post(`/api/drafts/${id}/threads`, observer, { body: 'I only read' }).expect(403);
    await post(`/api/drafts/${id}/threads`, farExpert, { body: 'Other hub' }).expect(403);
    await post(`/api/threads/${spanning.body.id}/comments`, observer, { body: 'x' }).expect(403);
    await t.http().get(`/api/drafts/${id}/threads`).set(bearer(roleless)).expect(403);
    await t.http().get(`/api/threads/${spanning.body.id}`).set(bearer(roleless)).expect(403);
    await t.http().get(`/api/drafts/${id}/threads`).expect(401);
  });

  it('still refuses a hand-crafted commenter that tries to change the words it commented on', async () => {
    const { id, docName, writer } = await draftWith('Only editors change this sentence.');
    const commenterView = await editor(expert, docName);
    await eventually('the commenter is in sync', () => commenterView.text().includes('Only editors'));
    await post(`/api/drafts/${id}/threads`, expert, { anchor: anchorOf(commenterView.doc, 'Only editors'), body: 'Let me fix it' }).expect(
      201,
    );

    // A real edit made on a replica of the document, sent as a y-protocols update by a bare socket.
    const forged = new Y.Doc();
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(commenterView.doc));
    const before = Y.encodeStateVector(forged);
    textContaining(forged, 'Only editors').text.insert(0, 'Commenters too: ');
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, Y_MESSAGE_SYNC);
    syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(forged, before));
    const socket = rawSocket(t.url, expert.token);
    sockets.push(socket);
    await connected(socket);
    expect(await join(socket, docName)).toEqual({ ok: true, access: 'comment' });
    const refused = nextError(socket);
    socket.emit(COLLAB_EVENTS.y, docName, Buffer.from(encoding.toUint8Array(encoder)));
    expect((await refused).code).toBe('read_only');

    writer.type('Checkpoint.');
    await allSaved(writer);
    expect(writer.text()).not.toContain('Commenters too');
    expect(await storedText(t, docName)).not.toContain('Commenters too');
  });

  it('follows each person’s preferences and mails the digest once', async () => {
    const { id } = await draftWith('Digest.');
    await t
      .http()
      .put('/api/me/notification-preferences')
      .set(bearer(expert2))
      .send({ preferences: { mention: { inApp: false, email: 'daily_digest' } } })
      .expect(200);
    const prefs = await t.http().get('/api/me/notification-preferences').set(bearer(expert2)).expect(200);
    expect(prefs.body.preferences.mention).toEqual({ inApp: false, email: 'daily_digest' });
    expect(prefs.body.preferences.reply).toEqual({ inApp: true, email: 'daily_digest' });
    await t
      .http()
      .put('/api/me/notification-preferences')
      .set(bearer(expert2))
      .send({ preferences: { mention: { inApp: true, email: 'hourly' } } })
      .expect(400);

    const before = (await t.http().get('/api/me/notifications').set(bearer(expert2)).expect(200)).body.unreadCount;
    await post(`/api/drafts/${id}/threads`, expert, { body: `@[E2](${expert2.id}) please read` }).expect(201);
    const after = await t.http().get('/api/me/notifications').set(bearer(expert2)).expect(200);
    expect(after.body.unreadCount).toBe(before);

    const { MailService } = await import('../../platform/mail/mail.service');
    const { NotificationsService } = await import('../notifications/notifications.service');
    const mail = t.app.get(MailService);
    jest.spyOn(mail, 'enabled', 'get').mockReturnValue(true);
    const send = jest.spyOn(mail, 'send').mockResolvedValue(true);
    try {
      const digests = t.app.get(NotificationsService);
      expect(await digests.sendDigests()).toBeGreaterThanOrEqual(1);
      const toExpert2 = send.mock.calls.map(([m]) => m).find((m) => m.to === expert2.email);
      expect(toExpert2?.text).toContain('mentioned you');
      send.mockClear();
      await digests.sendDigests();
      expect(send.mock.calls.some(([m]) => m.to === expert2.email)).toBe(false);

      // Two instances sweeping at the same moment send one digest, and a failed mail is sent by the next sweep.
      await post(`/api/drafts/${id}/threads`, expert, { body: `@[E2](${expert2.id}) once more` }).expect(201);
      send.mockImplementation(() => new Promise((resolve) => setTimeout(() => resolve(true), 100)));
      await Promise.all([digests.sendDigests(), digests.sendDigests()]);
      expect(send.mock.calls.filter(([m]) => m.to === expert2.email)).toHaveLength(1);
      await post(`/api/drafts/${id}/threads`, expert, { body: `@[E2](${expert2.id}) and again` }).expect(201);
      send.mockClear();
      send.mockResolvedValue(false);
      await digests.sendDigests();
      send.mockResolvedValue(true);
      await digests.sendDigests();
      expect(send.mock.calls.filter(([m]) => m.to === expert2.email)).toHaveLength(2);
    } finally {
      jest.restoreAllMocks();
    }
  });

  function rawEvents(person: TestPerson) {
    const socket = io(`${t.url}/events`, {
      auth: { token: person.token },
      parser: msgpackParser,
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    sockets.push(socket);
    const notifications: { notification: { kind: string; actor: { id: string } }; unreadCount: number }[] = [];
    const reads: { unreadCount: number }[] = [];
    socket.on('notification', (event) => notifications.push(event));
    socket.on('notifications-read', (event) => reads.push(event));
    // /events joins the person's room after the handshake; its `session` greeting says it has.
    const ready = new Promise<void>((resolve) => socket.once('session', () => resolve()));
    return { socket, notifications, reads, ready };
  }
});
