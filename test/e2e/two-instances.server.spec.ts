// Two API instances on one PostgreSQL and one Redis behave as one: a draft open on both is one live document.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { SocketIOProvider } from '@minga/collab';
import { DOC_FRAGMENT } from '@minga/editor';
import { Client } from 'pg';
import { MEETING_ROOM_EVENTS, type HandEntry, type JoinRoomResult, type Poll, type PresenceEntry } from '@minga/contracts';
import { createMeeting } from '../../apps/api/test/meeting-room-client';
import { joinRoom, nextEvent, request, roomSocket } from '../../apps/api/test/meeting-room-client';
import { TcpProxy } from '../../apps/api/test/tcp-proxy';
import { freePort, startServer, type RunningServer } from './support/minga-server';
import { api, until } from './support/server-client';
import { createTestDatabase } from './support/test-database';

const PASSWORD = 'two-instances-demo-password';
const REDIS = new URL(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');

async function signIn(server: RunningServer, email: string): Promise<string> {
  const { accessToken } = await api<{ accessToken: string }>(server, '/api/auth/session', {
    method: 'POST',
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  return accessToken;
}

interface Editor {
  doc: Y.Doc;
  provider: SocketIOProvider;
  text: () => string;
  type: (text: string) => void;
}

async function openEditor(server: RunningServer, docName: string, token: string): Promise<Editor> {
  const doc = new Y.Doc();
  const provider = new SocketIOProvider(server.baseUrl, docName, doc, { token });
  await until('first sync', () => provider.synced);
  const fragment = doc.getXmlFragment(DOC_FRAGMENT);
  return {
    doc,
    provider,
    text: () => fragment.toString(),
    type: (text) => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(text)]);
      fragment.insert(fragment.length, [paragraph]);
    },
  };
}

describe('two API instances sharing PostgreSQL and Redis', () => {
  const env: Record<string, string> = { DEMO_PASSWORD: PASSWORD, COLLAB_UNLOAD_GRACE_SECONDS: '0.5', MEETING_ROOM_GRACE_SECONDS: '0.5' };
  let dropDatabase: (() => Promise<void>) | undefined;
  let tokyo: RunningServer;
  let jakarta: RunningServer;
  const redisOfJakarta = new TcpProxy();
  const editors: Editor[] = [];

  beforeAll(async () => {
    // Keys and channels of this run only: other runs may share the machine's Redis.
    env['REDIS_KEY_PREFIX'] = `minga-e2e-${randomBytes(4).toString('hex')}:`;
    if (process.env['DATABASE_URL']) {
      const db = await createTestDatabase(process.env['DATABASE_URL']);
      env['DATABASE_URL'] = db.url;
      dropDatabase = db.drop;
    } else {
      env['DATA_DIR'] = mkdtempSync(join(tmpdir(), 'minga-two-'));
      env['EMBEDDED_PG_PORT'] = String(await freePort());
    }
    const proxyPort = await redisOfJakarta.start(REDIS.hostname, Number(REDIS.port || 6379));
    // One after the other: the first one migrates and seeds the database.
    tokyo = await startServer({ ...env, REDIS_URL: REDIS.toString() });
    jakarta = await startServer({ ...env, REDIS_URL: `redis://127.0.0.1:${proxyPort}` });
  }, 120_000);

  afterEach(() => {
    for (const editor of editors.splice(0)) editor.provider.destroy();
  });

  afterAll(async () => {
    await Promise.allSettled([tokyo?.stop(), jakarta?.stop()]);
    await redisOfJakarta.close();
    await dropDatabase?.();
  });

  async function newDraft(title: string): Promise<{ docName: string; official: string }> {
    const official = await signIn(tokyo, 'official.tsukuba@demo.minga.dev');
    const policies = await api<{ id: string; key: string }[]>(tokyo, '/api/model-policies', { token: official });
    const cities = await api<{ items: { id: string; name: string }[] }>(tokyo, '/api/cities?q=Tsukuba', { token: official });
    const draft = await api<{ docName: string }>(tokyo, '/api/drafts', {
      method: 'POST',
      token: official,
      body: JSON.stringify({ cityId: cities.items[0].id, modelPolicyId: policies.find((p) => p.key === 'pia')?.id, title }),
    });
    return { docName: draft.docName, official };
  }

  const open = async (server: RunningServer, docName: string, token: string) => {
    const editor = await openEditor(server, docName, token);
    editors.push(editor);
    return editor;
  };

  it('relays edits and presence between editors on different instances, and stores each once', async () => {
    const { docName, official } = await newDraft('Shared across instances');
    const inTokyo = await open(tokyo, docName, official);
    const inJakarta = await open(jakarta, docName, official);

    inTokyo.type('Typed in Tokyo.');
    inJakarta.type('Typed in Jakarta.');
    await until('both edits on both sides', () =>
      [inTokyo, inJakarta].every((e) => e.text().includes('Typed in Tokyo.') && e.text().includes('Typed in Jakarta.')),
    );
    await until('both saved', () => inTokyo.provider.pendingChanges === 0 && inJakarta.provider.pendingChanges === 0);

    // Each sees the other's presence, as the server says who it is.
    inTokyo.provider.awareness.setLocalStateField('cursor', { at: 1 });
    await until('presence of Tokyo in Jakarta', () => inJakarta.provider.awareness.getStates().has(inTokyo.doc.clientID));
    const shown = inJakarta.provider.awareness.getStates().get(inTokyo.doc.clientID) as { user?: { name?: string } };
    expect(shown.user?.name).toBeTruthy();

    // After both leave and the document unloads on both instances, a new reader gets everything from the database.
    for (const editor of editors.splice(0)) editor.provider.destroy();
    await new Promise((r) => setTimeout(r, 1500));
    const reader = await open(jakarta, docName, official);
    expect(reader.text()).toContain('Typed in Tokyo.');
    expect(reader.text()).toContain('Typed in Jakarta.');
    expect(reader.text().split('Typed in Tokyo.').length).toBe(2);
  });

  it('catches up both ways after an instance lost Redis for a while, and loses nothing', async () => {
    const { docName, official } = await newDraft('Redis outage');
    const inTokyo = await open(tokyo, docName, official);
    const inJakarta = await open(jakarta, docName, official);
    inTokyo.type('Before the outage.');
    await until('relayed before the outage', () => inJakarta.text().includes('Before the outage.'));

    redisOfJakarta.cut();
    inTokyo.type('Tokyo during the outage.');
    inJakarta.type('Jakarta during the outage.');
    // Each instance still stores its own clients' edits.
    await until('saved on both sides', () => inTokyo.provider.pendingChanges === 0 && inJakarta.provider.pendingChanges === 0);
    await new Promise((r) => setTimeout(r, 500));
    expect(inJakarta.text()).not.toContain('Tokyo during the outage.');
    expect(inTokyo.text()).not.toContain('Jakarta during the outage.');

    redisOfJakarta.restore();
    const everything = ['Before the outage.', 'Tokyo during the outage.', 'Jakarta during the outage.'];
    await until('both caught up', () => [inTokyo, inJakarta].every((e) => everything.every((t) => e.text().includes(t))), 20_000);
    // And live again afterwards.
    inJakarta.type('After the outage.');
    await until('relayed after the outage', () => inTokyo.text().includes('After the outage.'));
  });

  it('shows people on different instances in one meeting room, with one hand queue and one poll', async () => {
    const db = new Client({ connectionString: env['DATABASE_URL'] });
    await db.connect();
    let meeting;
    try {
      const ids = async (email: string) =>
        ((await db.query('SELECT id FROM users WHERE email = $1', [email])).rows[0] as { id: string }).id;
      const hub = (await db.query(`SELECT id FROM hubs WHERE key = 'japan'`)).rows[0] as { id: string };
      const host = await ids('coordinator.japan@demo.minga.dev');
      const official = await ids('official.tsukuba@demo.minga.dev');
      // The helper expects TypeORM's `query` (rows, not a result).
      const rowsOnly = { query: async (sql: string, params: unknown[]) => (await db.query(sql, params)).rows };
      meeting = await createMeeting({ db: rowsOnly } as never, { hubId: hub.id, organiserId: host, inviteeIds: [official] });
    } finally {
      await db.end();
    }
    const { occurrenceId } = meeting;
    const coordinator = roomSocket(tokyo.baseUrl, await signIn(tokyo, 'coordinator.japan@demo.minga.dev'));
    const participant = roomSocket(jakarta.baseUrl, await signIn(jakarta, 'official.tsukuba@demo.minga.dev'));
    try {
      const hostJoined: JoinRoomResult = await joinRoom(coordinator, occurrenceId);
      expect(hostJoined.ok && hostJoined.role).toBe('host');
      const names = (present: PresenceEntry[]) => present.map((p) => p.user.name).sort();
      const bothPresent = (payload: { present: PresenceEntry[] }) => payload.present.length === 2;
      const hostSeesBoth = nextEvent<{ present: PresenceEntry[] }>(coordinator, MEETING_ROOM_EVENTS.presence, bothPresent, 10_000);
      const joined: JoinRoomResult = await joinRoom(participant, occurrenceId);
      expect(joined.ok).toBe(true);
      expect(names((await hostSeesBoth).present)).toEqual(['Japan Coordinator', 'Tsukuba Official']);
      if (!joined.ok || joined.state.present.length < 2) {
        const participantSeesBoth = await nextEvent<{ present: PresenceEntry[] }>(
          participant,
          MEETING_ROOM_EVENTS.presence,
          bothPresent,
          10_000,
        );
        expect(names(participantSeesBoth.present)).toEqual(['Japan Coordinator', 'Tsukuba Official']);
      }

      // A hand raised through one instance is in the host's queue on the other, and the host gives the floor.
      const hostSeesHand = nextEvent<{ hands: HandEntry[] }>(coordinator, MEETING_ROOM_EVENTS.hands, (p) => p.hands.length === 1, 10_000);
      expect((await request(participant, MEETING_ROOM_EVENTS.raiseHand, { occurrenceId })).ok).toBe(true);
      expect((await hostSeesHand).hands[0].user.name).toBe('Tsukuba Official');
      const participantSeesFloor = nextEvent<{ hands: HandEntry[] }>(
        participant,
        MEETING_ROOM_EVENTS.hands,
        (p) => p.hands.length === 0,
        10_000,
      );
      const next = await request<{ ok: boolean; hand: HandEntry }>(coordinator, MEETING_ROOM_EVENTS.nextHand, { occurrenceId });
      expect(next.hand.user.name).toBe('Tsukuba Official');
      await participantSeesFloor;

      // A poll opened through one instance takes a vote through the other; both see the count.
      const participantSeesPoll = nextEvent<{ poll: Poll }>(participant, MEETING_ROOM_EVENTS.poll, () => true, 10_000);
      const opened = await request<{ ok: boolean; poll: Poll }>(coordinator, MEETING_ROOM_EVENTS.openPoll, {
        occurrenceId,
        question: 'Publish the sensor inventory as open data?',
        kind: 'single',
        options: ['Yes', 'Not yet'],
      });
      const seen = (await participantSeesPoll).poll;
      expect(seen.id).toBe(opened.poll.id);
      const hostSeesVote = nextEvent<{ poll: Poll }>(coordinator, MEETING_ROOM_EVENTS.poll, (p) => p.poll.voterCount === 1, 10_000);
      const voted = await request(participant, MEETING_ROOM_EVENTS.vote, {
        occurrenceId,
        pollId: seen.id,
        optionIds: [seen.options[0].id],
      });
      expect(voted.ok).toBe(true);
      expect((await hostSeesVote).poll.options[0].votes).toBe(1);

      // Leaving through one instance takes the person off the other's list at once.
      const hostSeesAlone = nextEvent<{ present: PresenceEntry[] }>(
        coordinator,
        MEETING_ROOM_EVENTS.presence,
        (p) => p.present.length === 1,
        15_000,
      );
      await request(participant, MEETING_ROOM_EVENTS.leave, { occurrenceId });
      expect(names((await hostSeesAlone).present)).toEqual(['Japan Coordinator']);
    } finally {
      coordinator.close();
      participant.close();
    }
  });
});
