import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import type { DataSource } from 'typeorm';
import { PlanDataCache } from './plan-data-cache';

const hub = '11111111-1111-4111-8111-111111111111';

/** A cache over a fake revision table: `revision` is what the database would answer for the hub. */
function cacheWith(state: { revision: number; reads?: number }): PlanDataCache {
  const db = {
    query: async () => {
      state.reads = (state.reads ?? 0) + 1;
      return [{ hub_id: hub, revision: String(state.revision) }];
    },
  } as unknown as DataSource;
  return new PlanDataCache(db);
}

describe('PlanDataCache', () => {
  let now: jest.SpiedFunction<typeof Date.now>;
  beforeEach(() => {
    now = jest.spyOn(Date, 'now').mockReturnValue(Date.UTC(2026, 0, 1, 12, 0, 10));
  });
  afterEach(() => now.mockRestore());

  it('keeps the answer as bytes with gzip and brotli variants that decode to the same text', async () => {
    const text = JSON.stringify({ items: Array.from({ length: 200 }, (_, i) => ({ i, name: `city ${i}` })) });
    const cached = await cacheWith({ revision: 1 }).get('k', hub, async () => text);
    expect(cached.body.toString('utf8')).toBe(text);
    expect(gunzipSync(cached.gzip as Buffer).toString('utf8')).toBe(text);
    expect(brotliDecompressSync(cached.br as Buffer).toString('utf8')).toBe(text);
    expect(cached.etag).toMatch(/^"[\w-]{32}"$/);
  });

  it('leaves a small answer uncompressed', async () => {
    const cached = await cacheWith({ revision: 1 }).get('k', hub, async () => '{"a":1}');
    expect(cached.gzip).toBeUndefined();
    expect(cached.br).toBeUndefined();
  });

  it('recomputes at once, and once for concurrent readers, when the revision changes', async () => {
    const state = { revision: 1 };
    const cache = cacheWith(state);
    const compute = jest.fn(async () => `answer at revision ${state.revision}`);
    await cache.get('k', hub, compute);
    state.revision = 2;
    const answers = await Promise.all([cache.get('k', hub, compute), cache.get('k', hub, compute), cache.get('k', hub, compute)]);
    expect(answers.map((a) => a.body.toString())).toEqual(Array(3).fill('answer at revision 2'));
    expect(compute).toHaveBeenCalledTimes(2);
  });

  it('serves the previous answer while one recomputation runs when only the minute has turned, never two minutes late', async () => {
    const cache = cacheWith({ revision: 1 });
    let version = 1;
    const compute = jest.fn(async () => `answer ${version}`);
    await cache.get('k', hub, compute);
    version = 2;
    now.mockReturnValue(Date.UTC(2026, 0, 1, 12, 1, 5));
    expect((await cache.get('k', hub, compute)).body.toString()).toBe('answer 1');
    // The recomputation runs in the background; the next readers get its answer once it is stored.
    let next = '';
    for (let i = 0; i < 100 && next !== 'answer 2'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      next = (await cache.get('k', hub, compute)).body.toString();
    }
    expect(next).toBe('answer 2');
    expect(compute).toHaveBeenCalledTimes(2);
    version = 3;
    now.mockReturnValue(Date.UTC(2026, 0, 1, 12, 3, 0));
    expect((await cache.get('k', hub, compute)).body.toString()).toBe('answer 3');
  });

  it('reads the revisions once for the requests of one turn of the event loop, and afresh for a request after the read was sent', async () => {
    const state = { revision: 1, reads: 0 };
    const cache = cacheWith(state);
    const compute = async () => `answer at revision ${state.revision}`;
    await Promise.all([cache.get('a', hub, compute), cache.get('b', hub, compute), cache.get('c', undefined, compute)]);
    expect(state.reads).toBe(1);
    state.revision = 2;
    expect((await cache.get('a', hub, compute)).body.toString()).toBe('answer at revision 2');
    expect(state.reads).toBe(2);
  });
});
