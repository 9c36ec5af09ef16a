// A database outage is reported to sockets as an outage: clients keep retrying and come back with the database.
import * as Y from 'yjs';
import { SocketIOProvider } from '@minga/collab';
import { DOC_FRAGMENT } from '@minga/editor';
import { connected, eventually, rawSocket, storedText, waitFor } from '../../../test/collab-client';
import { TcpProxy } from '../../../test/tcp-proxy';
import { createPerson, createTsukubaDraft, startTestApp, type TestApp, type TestPerson } from '../../../test/test-app';

describe('sockets during a database outage', () => {
  let t: TestApp;
  let official: TestPerson;
  let docName: string;
  const proxy = new TcpProxy();

  beforeAll(async () => {
    const database = new URL(process.env['MINGA_TEST_DATABASE_URL'] as string);
    const port = await proxy.start(database.hostname, Number(database.port || 5432));
    database.host = `127.0.0.1:${port}`;
    t = await startTestApp({ DATABASE_URL: database.toString(), PRINCIPAL_CACHE_SECONDS: '0' });
    official = await createPerson(t, [{ role: 'official', cityName: 'Tsukuba' }]);
    docName = await createTsukubaDraft(t, official, 'Outage');
  });
  afterAll(async () => {
    proxy.restore();
    await t.close();
    await proxy.close();
  });

  it('refuses a handshake as retryable `unavailable`, and the provider connects once the database is back', async () => {
    proxy.cut();
    try {
      const socket = rawSocket(t.url, official.token);
      const refusal = await waitFor<Error & { data?: { code: string; retryable: boolean } }>(
        'connect_error',
        (done) => socket.once('connect_error', done),
        15_000,
      );
      socket.close();
      expect(refusal.message).toBe('unavailable');
      expect(refusal.data).toEqual({ code: 'unavailable', retryable: true });

      const doc = new Y.Doc();
      const provider = new SocketIOProvider(t.url, docName, doc, {
        token: official.token,
        reconnectDelayMs: 200,
        reconnectDelayMaxMs: 1000,
      });
      try {
        await eventually('the provider reports the outage', () => provider.unavailable, 15_000);
        expect(provider.status).toBe('connecting');
        proxy.restore();
        await eventually('synced once the database is back', () => provider.synced, 20_000);
        expect(doc.getXmlFragment(DOC_FRAGMENT).length).toBeGreaterThan(0);
        expect(provider.unavailable).toBe(false);
      } finally {
        provider.destroy();
      }
    } finally {
      proxy.restore();
    }
    const again = rawSocket(t.url, official.token);
    await connected(again);
    again.close();
  });

  it('tells a connected editor its changes are not saved yet while the database is away, and saves them after', async () => {
    const doc = new Y.Doc();
    const provider = new SocketIOProvider(t.url, docName, doc, { token: official.token, reconnectDelayMs: 200, reconnectDelayMaxMs: 1000 });
    const paragraph = (text: string) => {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(text)]);
      doc.getXmlFragment(DOC_FRAGMENT).insert(doc.getXmlFragment(DOC_FRAGMENT).length, [p]);
    };
    try {
      await eventually('synced', () => provider.synced, 15_000);
      proxy.cut();
      paragraph('Typed while the database is away.');
      await eventually('the editor hears its change is not saved yet', () => provider.unavailable, 15_000);
      expect(provider.pendingChanges).toBe(1);
      // Still connected: the change is kept and retried, not dropped.
      expect(provider.status).toBe('connected');
      proxy.restore();
      await eventually('saved once the database is back', () => provider.pendingChanges === 0, 30_000);
      expect(provider.unavailable).toBe(false);
    } finally {
      proxy.restore();
      provider.destroy();
    }
    expect(await storedText(t, docName)).toContain('Typed while the database is away.');
  });
});
