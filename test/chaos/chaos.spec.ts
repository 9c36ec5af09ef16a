// Chaos: three API instances behind a balancer on one PostgreSQL and one Redis; 20 clients (the real
// SocketIOProvider) edit five drafts and the notes of two live meeting rooms while instances are killed with
// SIGKILL and restarted at random, and Redis once. At the end every client and the database hold the same content,
// every change a client was told was saved is there exactly once, and the rooms agree on who is present.
// CHAOS_KILLS sets the number of instance kills (6 by default; CI runs the short form with 2).
import { randomBytes } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import * as msgpackParser from 'socket.io-msgpack-parser';
import { Client } from 'pg';
import * as Y from 'yjs';
import { SocketIOProvider } from '@minga/collab';
import {
  MEETING_ROOM_EVENTS,
  MEETING_ROOM_NAMESPACE,
  meetingNotesDocName,
  type JoinRoomResult,
  type PresenceEntry,
} from '@minga/contracts';
import { DOC_FRAGMENT } from '@minga/editor';
import { createMeeting } from '../../apps/api/test/meeting-room-client';
import { freePort, startServer, type RunningServer } from '../e2e/support/minga-server';
import { api, until } from '../e2e/support/server-client';
import { createTestDatabase } from '../e2e/support/test-database';
import { Balancer } from './support/balancer';
import { RedisProcess } from './support/redis-server';

const KILLS = Number(process.env['CHAOS_KILLS'] ?? 6);
const INSTANCES = 3;
const CLIENTS = 20;
const DRAFTS = 5;
const ROOMS = 2;
const PASSWORD = 'chaos-demo-password';
/** Set CHAOS_SEED to replay a run's choices (which instance dies, when); the seed is printed. */
const SEED = Number(process.env['CHAOS_SEED'] ?? Math.floor(Math.random() * 2 ** 31));

/** A small seeded generator (mulberry32): the run's choices can be replayed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = seeded(SEED);
const between = (min: number, max: number) => min + random() * (max - min);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface ChaosClient {
  index: number;
  docName: string;
  token: string;
  doc: Y.Doc;
  provider: SocketIOProvider;
  text: () => string;
  typed: string[];
  /** Typed since the last `saved` with nothing pending. */
  unconfirmed: string[];
  /** Markers the server confirmed as stored (`saved` with nothing pending came after they were typed). */
  confirmed: Set<string>;
  room: { socket: Socket; occurrenceId: string; present: string[] } | null;
  /** A client closed abruptly mid-run (a tab killed): what it had not been told was saved may be gone. */
  crashed: boolean;
}

describe('chaos: instances and Redis killed while people edit and meet', () => {
  const env: Record<string, string> = {
    DEMO_PASSWORD: PASSWORD,
    COLLAB_UNLOAD_GRACE_SECONDS: '1',
    MEETING_ROOM_GRACE_SECONDS: '1',
    MEETING_ROOM_STAY_TIMEOUT_SECONDS: '3',
    SIGN_IN_RATE_LIMIT: '100000',
    API_RATE_LIMIT: '100000',
  };
  let dropDatabase: (() => Promise<void>) | undefined;
  let db: Client;
  let redis: RedisProcess;
  const balancer = new Balancer();
  let entry = '';
  const instances = new Map<string, RunningServer>();
  const clients: ChaosClient[] = [];

  const startInstance = async (name: string) => {
    const server = await startServer({ ...env, REDIS_URL: redis.url });
    instances.set(name, server);
    balancer.set(name, Number(new URL(server.baseUrl).port));
  };

  beforeAll(async () => {
    env['REDIS_KEY_PREFIX'] = `minga-chaos-${randomBytes(4).toString('hex')}:`;
    const database = await createTestDatabase(process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test');
    env['DATABASE_URL'] = database.url;
    dropDatabase = database.drop;
    redis = new RedisProcess(await freePort());
    await redis.start();
    entry = `http://127.0.0.1:${await balancer.start()}`;
    // One after the other: the first one migrates and seeds the database.
    for (let i = 1; i <= INSTANCES; i++) await startInstance(`api-${i}`);
    db = new Client({ connectionString: env['DATABASE_URL'] });
    await db.connect();
  }, 180_000);

  afterAll(async () => {
    for (const client of clients) {
      client.provider.destroy();
      client.room?.socket.close();
    }
    await Promise.allSettled([...instances.values()].map((s) => s.stop()));
    await balancer.close();
    await redis?.kill();
    await db?.end();
    await dropDatabase?.();
  });

  async function signIn(email: string): Promise<string> {
    const { accessToken } = await api<{ accessToken: string }>({ baseUrl: entry } as RunningServer, '/api/auth/session', {
      method: 'POST',
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    return accessToken;
  }

  /** Officials of Tsukuba, each their own person (budgets are per person), with the demo official's password. */
  async function officials(count: number): Promise<{ id: string; token: string }[]> {
    const emails = Array.from({ length: count }, (_, i) => `chaos-${i}-${randomBytes(3).toString('hex')}@example.test`);
    const { rows } = await db.query(
      `WITH template AS (SELECT password_hash, working_hours FROM users WHERE email = 'official.tsukuba@demo.minga.dev'),
            made AS (
              INSERT INTO users (email, name, password_hash, locale, time_zone, working_hours)
              SELECT e, 'Chaos ' || n, t.password_hash, 'en', 'Asia/Tokyo', t.working_hours
              FROM unnest($1::text[]) WITH ORDINALITY AS x(e, n), template t RETURNING id, email)
       INSERT INTO role_assignments (user_id, role, city_id)
       SELECT id, 'official', (SELECT id FROM cities WHERE name = 'Tsukuba') FROM made RETURNING user_id`,
      [emails],
    );
    const ids = (rows as { user_id: string }[]).map((r) => r.user_id);
    return Promise.all(emails.map(async (email, i) => ({ id: ids[i], token: await signIn(email) })));
  }

  function roomClient(token: string, occurrenceId: string): ChaosClient['room'] {
    const socket = io(`${entry}${MEETING_ROOM_NAMESPACE}`, {
      auth: { token },
      parser: msgpackParser,
      transports: ['websocket'],
      reconnectionDelay: 200,
      reconnectionDelayMax: 2000,
      randomizationFactor: 0.5,
      forceNew: true,
    });
    const room = { socket, occurrenceId, present: [] as string[] };
    const names = (present: PresenceEntry[]) => present.map((p) => p.user.id).sort();
    // Every (re)connection joins again: the instance it reached may never have seen this person.
    socket.on('connect', () => {
      socket.emit(MEETING_ROOM_EVENTS.join, { occurrenceId }, (answer: JoinRoomResult) => {
        if (answer.ok) room.present = names(answer.state.present);
      });
    });
    socket.on(MEETING_ROOM_EVENTS.presence, (event: { occurrenceId: string; present: PresenceEntry[] }) => {
      if (event.occurrenceId === occurrenceId) room.present = names(event.present);
    });
    return room;
  }

  async function openClient(index: number, docName: string, token: string): Promise<ChaosClient> {
    const doc = new Y.Doc();
    const provider = new SocketIOProvider(entry, docName, doc, { token, reconnectDelayMs: 200, reconnectDelayMaxMs: 2000 });
    const fragment = doc.getXmlFragment(DOC_FRAGMENT);
    const client: ChaosClient = {
      index,
      docName,
      token,
      doc,
      provider,
      text: () => fragment.toString(),
      typed: [],
      unconfirmed: [],
      confirmed: new Set(),
      room: null,
      crashed: false,
    };
    provider.on('saved', ({ pending }: { pending: number }) => {
      if (pending > 0) return;
      for (const marker of client.unconfirmed.splice(0)) client.confirmed.add(marker);
    });
    await until(`first sync of client ${index}`, () => provider.synced, 30_000);
    return client;
  }

  function type(client: ChaosClient): void {
    const marker = `c${client.index}n${client.typed.length}`;
    const fragment = client.doc.getXmlFragment(DOC_FRAGMENT);
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(marker)]);
    fragment.insert(fragment.length, [paragraph]);
    client.typed.push(marker);
    client.unconfirmed.push(marker);
  }

  /** The document as PostgreSQL holds it: the snapshot and every logged update after it. */
  async function storedText(docName: string): Promise<string> {
    const { rows } = await db.query(
      `SELECT (SELECT snapshot FROM collab_documents WHERE name = $1) AS snapshot,
              ARRAY(SELECT update FROM collab_updates WHERE doc_name = $1 ORDER BY id) AS updates`,
      [docName],
    );
    const { snapshot, updates } = rows[0] as { snapshot: Buffer | null; updates: Buffer[] };
    const doc = new Y.Doc();
    if (snapshot) Y.applyUpdate(doc, new Uint8Array(snapshot));
    for (const update of updates) Y.applyUpdate(doc, new Uint8Array(update));
    return doc.getXmlFragment(DOC_FRAGMENT).toString();
  }

  it(`survives ${KILLS} instance kills and a Redis restart with nothing confirmed lost`, async () => {
    process.stdout.write(`chaos: seed ${SEED} (CHAOS_SEED to replay), ${INSTANCES} instances, ${CLIENTS} clients, ${KILLS} kills\n`);
    const author = await signIn('official.tsukuba@demo.minga.dev');
    const policies = await api<{ id: string; key: string }[]>({ baseUrl: entry } as RunningServer, '/api/model-policies', {
      token: author,
    });
    const cities = await api<{ items: { id: string }[] }>({ baseUrl: entry } as RunningServer, '/api/cities?q=Tsukuba', { token: author });
    const docNames: string[] = [];
    for (let i = 0; i < DRAFTS; i++) {
      const draft = await api<{ docName: string }>({ baseUrl: entry } as RunningServer, '/api/drafts', {
        method: 'POST',
        token: author,
        body: JSON.stringify({
          cityId: cities.items[0].id,
          modelPolicyId: policies.find((p) => p.key === 'pia')?.id,
          title: `Chaos draft ${i + 1}`,
        }),
      });
      docNames.push(draft.docName);
    }
    const people = await officials(CLIENTS);
    // Clients 0..13 edit the drafts; 14..19 are in the two rooms and edit their notes.
    const inRooms = people.slice(DRAFTS * 3 - 1);
    const hub = (await db.query(`SELECT id FROM hubs WHERE key = 'japan'`)).rows[0] as { id: string };
    const organiser = (await db.query(`SELECT id FROM users WHERE email = 'coordinator.japan@demo.minga.dev'`)).rows[0] as { id: string };
    const rowsOnly = { query: async (sql: string, params: unknown[]) => (await db.query(sql, params)).rows };
    const occurrences: string[] = [];
    for (let r = 0; r < ROOMS; r++) {
      const invitees = inRooms.filter((_, i) => i % ROOMS === r).map((p) => p.id);
      const meeting = await createMeeting({ db: rowsOnly } as never, { hubId: hub.id, organiserId: organiser.id, inviteeIds: invitees });
      occurrences.push(meeting.occurrenceId);
      docNames.push(meetingNotesDocName(meeting.occurrenceId));
    }
    for (let i = 0; i < CLIENTS; i++) {
      const inRoom = i >= DRAFTS * 3 - 1;
      const roomIndex = (i - (DRAFTS * 3 - 1)) % ROOMS;
      const docName = inRoom ? docNames[DRAFTS + roomIndex] : docNames[i % DRAFTS];
      const client = await openClient(i, docName, people[i].token);
      if (inRoom) client.room = roomClient(people[i].token, occurrences[roomIndex]);
      clients.push(client);
    }

    // Everyone types a paragraph every 100-400 ms for as long as the chaos lasts.
    let typing = true;
    const typists: Promise<void>[] = [];
    const startTyping = (client: ChaosClient) =>
      typists.push(
        (async () => {
          while (typing && !client.crashed) {
            type(client);
            await sleep(between(100, 400));
          }
        })(),
      );
    clients.forEach(startTyping);
    /** A draft editor's tab dies without a goodbye; the same person opens the draft again in a new one. */
    const crashClient = async () => {
      const live = clients.filter((c) => !c.crashed && !c.room);
      const victim = live[Math.floor(random() * live.length)];
      victim.crashed = true;
      victim.provider.destroy();
      const again = await openClient(clients.length, victim.docName, victim.token);
      clients.push(again);
      startTyping(again);
    };

    let killed = 0;
    let redisRestarts = 0;
    const redisAfter = Math.max(1, Math.floor(KILLS / 2));
    while (killed < KILLS) {
      await sleep(between(1500, 3000));
      const names = [...instances.keys()];
      const victim = names[Math.floor(random() * names.length)];
      const server = instances.get(victim) as RunningServer;
      balancer.set(victim, null);
      instances.delete(victim);
      await server.stop('SIGKILL');
      killed += 1;
      process.stdout.write(`chaos: killed ${victim} (${killed}/${KILLS})\n`);
      await sleep(between(500, 1500));
      await crashClient();
      await startInstance(victim);
      if (killed === redisAfter) {
        await sleep(between(500, 1500));
        await redis.kill();
        process.stdout.write('chaos: killed Redis\n');
        await sleep(between(2000, 4000));
        await redis.start();
        redisRestarts += 1;
      }
    }
    await sleep(1000);
    typing = false;
    await Promise.all(typists);

    const live = () => clients.filter((c) => !c.crashed);
    // Convergence: every client synced with nothing pending, and the clients of each document agree.
    await until(
      'every client saved and in agreement',
      () =>
        live().every((c) => c.provider.synced && c.provider.pendingChanges === 0) &&
        docNames.every(
          (name) =>
            new Set(
              live()
                .filter((c) => c.docName === name)
                .map((c) => c.text()),
            ).size === 1,
        ),
      90_000,
    );

    let updatesChecked = 0;
    let lostUnconfirmed = 0;
    for (const name of docNames) {
      const stored = await storedText(name);
      expect(stored).toBe(
        live()
          .find((c) => c.docName === name)
          ?.text(),
      );
      for (const client of clients.filter((c) => c.docName === name)) {
        for (const marker of client.typed) {
          const count = stored.split(`>${marker}<`).length - 1;
          // A confirmed change is there exactly once; so is every change of a client that stayed (it resent them).
          if (client.confirmed.has(marker) || !client.crashed) {
            expect({ marker, count }).toEqual({ marker, count: 1 });
            if (client.confirmed.has(marker)) updatesChecked += 1;
          } else {
            expect(count).toBeLessThanOrEqual(1);
            if (count === 0) lostUnconfirmed += 1;
          }
        }
      }
    }
    const confirmed = clients.reduce((sum, c) => sum + c.confirmed.size, 0);
    expect(updatesChecked).toBe(confirmed);
    expect(updatesChecked).toBeGreaterThan(CLIENTS * 5);

    // Each room agrees on who is present, whichever instance each person reached last.
    for (const [r, occurrenceId] of occurrences.entries()) {
      const members = clients.filter((c) => c.room?.occurrenceId === occurrenceId);
      const expected = inRooms
        .filter((_, i) => i % ROOMS === r)
        .map((p) => p.id)
        .sort();
      await until(
        `everyone present in room ${r + 1}`,
        () => members.every((c) => JSON.stringify(c.room?.present) === JSON.stringify(expected)),
        30_000,
      );
    }
    // Once they leave, no attendance stay stays open, not even those the killed instances held.
    for (const client of clients) client.room?.socket.close();
    const openStays = async () =>
      Number(
        (await db.query('SELECT count(*) AS n FROM meeting_attendance WHERE occurrence_id = ANY($1) AND left_at IS NULL', [occurrences]))
          .rows[0].n,
      );
    const deadline = Date.now() + 30_000;
    while ((await openStays()) > 0 && Date.now() < deadline) await sleep(250);
    expect(await openStays()).toBe(0);

    process.stdout.write(
      `chaos: survived ${killed} instance kills and ${redisRestarts} Redis restart; ${updatesChecked} confirmed-saved updates checked ` +
        `in ${docNames.length} documents (${lostUnconfirmed} unconfirmed changes of ${killed} crashed tabs not stored); ` +
        `every open client and PostgreSQL identical\n`,
    );
  });
});
