// kill -9 during editing: every change the server confirmed as saved is there after a restart.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as decoding from 'lib0/decoding';
import { io } from 'socket.io-client';
import * as msgpackParser from 'socket.io-msgpack-parser';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { SocketIOProvider } from '@minga/collab';
import { COLLAB_EVENTS, COLLAB_NAMESPACE, type JoinResult } from '@minga/contracts';
import { DOC_FRAGMENT } from '@minga/editor';
import { halfValidUpdate, updateMessage } from '../../apps/api/test/forged-updates';
import { TcpProxy } from '../../apps/api/test/tcp-proxy';
import { freePort, startServer, type RunningServer } from './support/minga-server';
import { api, until } from './support/server-client';
import { createTestDatabase } from './support/test-database';

const PASSWORD = 'crash-demo-password';

async function openDoc(server: RunningServer, docName: string, token: string) {
  const doc = new Y.Doc();
  const provider = new SocketIOProvider(server.baseUrl, docName, doc, { token });
  await until('first sync', () => provider.synced);
  return { doc, provider, fragment: doc.getXmlFragment(DOC_FRAGMENT) };
}

/** Signs the demo official of Tsukuba in and starts a draft of the city's privacy impact assessment. */
async function newDraft(server: RunningServer, title: string): Promise<{ token: string; draft: { docName: string } }> {
  const { accessToken: token } = await api<{ accessToken: string }>(server, '/api/auth/session', {
    method: 'POST',
    body: JSON.stringify({ email: 'official.tsukuba@demo.minga.dev', password: PASSWORD }),
  });
  const policies = await api<{ id: string; key: string }[]>(server, '/api/model-policies', { token });
  const cities = await api<{ items: { id: string; name: string }[] }>(server, '/api/cities?q=Tsukuba', { token });
  const draft = await api<{ docName: string }>(server, '/api/drafts', {
    method: 'POST',
    token,
    body: JSON.stringify({ cityId: cities.items[0].id, modelPolicyId: policies.find((p) => p.key === 'pia')?.id, title }),
  });
  return { token, draft };
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
    const { token, draft } = await newDraft(server, 'Crash test');

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

  it('loses no confirmed edit next to text from an update that integrates only in part, across kill -9', async () => {
    let server = await startServer(env);
    const { token, draft } = await newDraft(server, 'Half-valid');
    const connect = async () => {
      const socket = io(`${server.baseUrl}${COLLAB_NAMESPACE}`, {
        auth: { token },
        parser: msgpackParser,
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
      });
      await until('connected', () => socket.connected);
      const joined = await new Promise<JoinResult>((resolve) => socket.emit(COLLAB_EVENTS.join, draft.docName, resolve));
      expect(joined.ok).toBe(true);
      return socket;
    };

    // An editor whose document is whatever the server sends it, as a browser's would be.
    const editor = await connect();
    const doc = new Y.Doc();
    let savedClock = 0;
    editor.on(COLLAB_EVENTS.y, (_name: string, data: Uint8Array) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== 0 || decoding.readVarUint(decoder) === syncProtocol.messageYjsSyncStep1) return;
      try {
        Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
      } catch {
        // A client integrates what it can of a broken update, as Yjs does.
      }
    });
    editor.on(COLLAB_EVENTS.saved, (_name: string, sv: Uint8Array) => {
      savedClock = Math.max(savedClock, Y.decodeStateVector(new Uint8Array(sv)).get(doc.clientID) ?? 0);
    });
    editor.emit(COLLAB_EVENTS.y, draft.docName, Buffer.from([0, 0, 1, 0]));
    await until('the editor has the draft', () => doc.getXmlFragment(DOC_FRAGMENT).length > 0);

    // Another connection sends an update whose first paragraph integrates and whose second cannot.
    const attacker = await connect();
    attacker.emit(COLLAB_EVENTS.y, draft.docName, updateMessage(halfValidUpdate('Text of a broken update.')));
    await new Promise<void>((resolve) => attacker.once(COLLAB_EVENTS.error, () => resolve()));

    // The editor types at the end of what it has and waits until the server confirms it saved.
    const fragment = doc.getXmlFragment(DOC_FRAGMENT);
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('Confirmed next to the broken text.')]);
    const before = Y.encodeStateVector(doc);
    fragment.insert(fragment.length, [paragraph]);
    editor.emit(COLLAB_EVENTS.y, draft.docName, updateMessage(Y.encodeStateAsUpdate(doc, before)));
    const typedClock = Y.getState(doc.store, doc.clientID);
    await until('the edit is confirmed saved', () => savedClock >= typedClock);

    server.process.kill('SIGKILL');
    await server.stop();
    editor.close();
    attacker.close();
    server = await startServer(env);
    try {
      const reader = await openDoc(server, draft.docName, token);
      expect(reader.fragment.toString()).toContain('Confirmed next to the broken text.');
      expect(reader.doc.store.pendingStructs).toBeNull();
      reader.provider.destroy();
    } finally {
      await server.stop();
    }
  });

  it('reports a change that only deletes as saved only once it is stored, across kill -9', async () => {
    // The server reaches PostgreSQL through a proxy that can slow it down, so a commit can be caught in flight.
    const databaseUrl = new URL(process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test');
    const db = await createTestDatabase(databaseUrl.toString());
    const proxy = new TcpProxy();
    const proxied = new URL(db.url);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(await proxy.start(databaseUrl.hostname, Number(databaseUrl.port || 5432)));
    const slowEnv = { DEMO_PASSWORD: PASSWORD, DATABASE_URL: proxied.toString() };
    let server = await startServer(slowEnv);
    try {
      const { token, draft } = await newDraft(server, 'Delete-only');
      const writer = await openDoc(server, draft.docName, token);
      const paragraph = (text: string) => {
        const p = new Y.XmlElement('paragraph');
        p.insert(0, [new Y.XmlText(text)]);
        return p;
      };
      writer.fragment.insert(writer.fragment.length, [paragraph('Keep this clause.'), paragraph('Delete this clause.')]);
      await until('saved', () => writer.provider.pendingChanges === 0);

      // A typed change goes out and its commit is slowed down; the deletion follows while that commit is in flight,
      // so it waits for the next one. The moment the editor says everything is saved, the server is killed.
      let killed = false;
      writer.provider.on('saved', ({ pending }: { pending: number }) => {
        if (pending === 0 && !killed) {
          killed = true;
          server.process.kill('SIGKILL');
        }
      });
      proxy.setDelay(300);
      writer.fragment.insert(writer.fragment.length, [paragraph('Typed while the database is slow.')]);
      await new Promise((r) => setTimeout(r, 50));
      const index = writer.fragment.toArray().findIndex((node) => node.toString().includes('Delete this clause.'));
      writer.fragment.delete(index, 1);
      await until('everything reported saved', () => killed, 20_000);
      await server.stop();
      writer.provider.destroy();

      proxy.setDelay(0);
      server = await startServer(slowEnv);
      const reader = await openDoc(server, draft.docName, token);
      const text = reader.fragment.toString();
      reader.provider.destroy();
      expect(text).toContain('Keep this clause.');
      expect(text).toContain('Typed while the database is slow.');
      expect(text).not.toContain('Delete this clause.');
    } finally {
      await server.stop();
      await proxy.close();
      await db.drop();
    }
  });
});
