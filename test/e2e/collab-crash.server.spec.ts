// kill -9 during editing: every change the server confirmed as saved is there after a restart.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { SocketIOProvider } from '@minga/collab';
import { COLLAB_EVENTS } from '@minga/contracts';
import { DOC_FRAGMENT } from '@minga/editor';
import { freePort, startServer, type RunningServer } from './support/minga-server';
import { createTestDatabase } from './support/test-database';

const PASSWORD = 'crash-demo-password';

async function api<T>(server: RunningServer, path: string, init: RequestInit & { token?: string } = {}): Promise<T> {
  const res = await fetch(`${server.baseUrl}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
  });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function until(what: string, check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function openDoc(server: RunningServer, docName: string, token: string) {
  const doc = new Y.Doc();
  const provider = new SocketIOProvider(server.baseUrl, docName, doc, { token });
  await until('first sync', () => provider.synced);
  return { doc, provider, fragment: doc.getXmlFragment(DOC_FRAGMENT) };
}

describe('durability when the server is killed', () => {
  let env: Record<string, string>;
  let dropDatabase: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    env = { DEMO_PASSWORD: PASSWORD };
    if (process.env['DATABASE_URL']) {
      const db = await createTestDatabase(process.env['DATABASE_URL']);
      env['DATABASE_URL'] = db.url;
      dropDatabase = db.drop;
    } else {
      env['DATA_DIR'] = mkdtempSync(join(tmpdir(), 'minga-crash-'));
      env['EMBEDDED_PG_PORT'] = String(await freePort());
    }
  });
  afterAll(async () => {
    await dropDatabase?.();
  });

  it('loses no update that was confirmed saved before kill -9', async () => {
    let server = await startServer(env);
    const { accessToken: token } = await api<{ accessToken: string }>(server, '/api/auth/session', {
      method: 'POST',
      body: JSON.stringify({ email: 'official.tsukuba@demo.minga.dev', password: PASSWORD }),
    });
    const policies = await api<{ id: string; key: string }[]>(server, '/api/model-policies', { token });
    const cities = await api<{ items: { id: string; name: string }[] }>(server, '/api/cities?q=Tsukuba', { token });
    const draft = await api<{ docName: string }>(server, '/api/drafts', {
      method: 'POST',
      token,
      body: JSON.stringify({ cityId: cities.items[0].id, modelPolicyId: policies.find((p) => p.key === 'pia')?.id, title: 'Crash test' }),
    });

    const writer = await openDoc(server, draft.docName, token);
    let savedClock = 0;
    writer.provider.socket.on(COLLAB_EVENTS.saved, (_name: string, sv: Uint8Array) => {
      savedClock = Math.max(savedClock, Y.decodeStateVector(new Uint8Array(sv)).get(writer.doc.clientID) ?? 0);
    });
    const typed: { text: string; clock: number }[] = [];
    const type = (text: string) => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(text)]);
      writer.fragment.insert(writer.fragment.length, [paragraph]);
      typed.push({ text, clock: Y.getState(writer.doc.store, writer.doc.clientID) });
    };

    // Steady typing, with the crash arriving while changes are still in flight.
    for (let i = 0; i < 300; i++) {
      type(`Clause ${i} of the crash test.`);
      if (i % 10 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    await until('some confirmations', () => savedClock > 0);
    server.process.kill('SIGKILL');
    await server.stop();
    const confirmed = typed.filter((t) => t.clock <= savedClock).map((t) => t.text);
    writer.provider.destroy();
    expect(confirmed.length).toBeGreaterThan(0);

    server = await startServer(env);
    try {
      const reader = await openDoc(server, draft.docName, token);
      const text = reader.fragment.toString();
      const missing = confirmed.filter((t) => !text.includes(t));
      expect(missing).toEqual([]);
      reader.provider.destroy();
    } finally {
      await server.stop();
    }
  });
});
