// With several instances, Redis going away delays only others' changes: editing and saving go on, and editors are told.
import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import { SocketIOProvider } from '@minga/collab';
import { DOC_FRAGMENT } from '@minga/editor';
import { eventually, storedText } from '../../../test/collab-client';
import { TcpProxy } from '../../../test/tcp-proxy';
import { bearer, createPerson, createTsukubaDraft, startTestApp, type TestApp, type TestPerson } from '../../../test/test-app';

const REDIS = new URL(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');

describe('a live draft while Redis is away', () => {
  let t: TestApp;
  let official: TestPerson;
  let docName: string;
  const proxy = new TcpProxy();

  beforeAll(async () => {
    const port = await proxy.start(REDIS.hostname, Number(REDIS.port || 6379));
    t = await startTestApp({ REDIS_URL: `redis://127.0.0.1:${port}`, REDIS_KEY_PREFIX: `minga-test-${randomBytes(4).toString('hex')}:` });
    official = await createPerson(t, [{ role: 'official', cityName: 'Tsukuba' }]);
    docName = await createTsukubaDraft(t, official, 'Redis outage');
  });
  afterAll(async () => {
    proxy.restore();
    await t.close();
    await proxy.close();
  });

  it('tells the editor that others’ changes may be late, keeps saving its own, and says when that is over', async () => {
    const doc = new Y.Doc();
    const provider = new SocketIOProvider(t.url, docName, doc, { token: official.token });
    const fragment = doc.getXmlFragment(DOC_FRAGMENT);
    try {
      await eventually('synced', () => provider.synced, 15_000);
      expect(provider.othersDelayed).toBe(false);
      proxy.cut();
      await eventually('the editor hears others may be late', () => provider.othersDelayed, 15_000);
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText('Saved while Redis is away.')]);
      fragment.insert(fragment.length, [paragraph]);
      await eventually('saved as usual', () => provider.pendingChanges === 0, 15_000);
      // REST goes on too (its rate limits count per instance meanwhile), instead of failing after ioredis's retries.
      await t.http().get('/api/me').set(bearer(official)).timeout(5000).expect(200);
      proxy.restore();
      await eventually('the editor hears it is over', () => !provider.othersDelayed, 20_000);
    } finally {
      proxy.restore();
      provider.destroy();
    }
    expect(await storedText(t, docName)).toContain('Saved while Redis is away.');
  });
});
