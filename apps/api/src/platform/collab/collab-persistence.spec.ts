// Two API processes sharing one document's storage: compaction by one must never drop what the other stored.
import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { eventually } from '../../../test/collab-client';
import { startTestApp, type TestApp } from '../../../test/test-app';
import { CollabPersistence } from './collab-persistence.service';
import { firstItems, itemAt } from '../../../test/item-at';

/** One process's open copy of a document: what it loaded plus what it wrote, and the rows it knows it holds. */
class ProcessView {
  readonly doc = new Y.Doc();
  rowIds: string[] = [];
  revision = 0;

  constructor(
    private readonly persistence: CollabPersistence,
    private readonly name: string,
  ) {}

  async load(): Promise<void> {
    const stored = await this.persistence.load(this.name);
    if (stored.snapshot) Y.applyUpdate(this.doc, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(this.doc, update);
    this.rowIds = [...stored.updateIds];
    this.revision = stored.revision;
  }

  async write(word: string): Promise<void> {
    const before = Y.encodeStateVector(this.doc);
    this.doc.getArray<string>('words').push([word]);
    const update = Y.encodeStateAsUpdate(this.doc, before);
    const [row] = firstItems(await this.persistence.append([{ docName: this.name, update }]), 1);
    this.rowIds.push(row.id);
  }

  async compact(): Promise<number | null> {
    const revision = await this.persistence.compact(this.name, this.revision, (newer) => {
      if (newer) Y.applyUpdate(this.doc, newer);
      return { snapshot: Y.encodeStateAsUpdate(this.doc), plainText: this.words().join(' '), rowIds: [...this.rowIds] };
    });
    if (revision !== null) {
      this.revision = revision;
      this.rowIds = [];
    }
    return revision;
  }

  words(): string[] {
    return [...this.doc.getArray<string>('words').toArray()].sort();
  }
}

describe('collaboration storage shared by two processes', () => {
  let t: TestApp;
  let persistence: CollabPersistence;

  beforeAll(async () => {
    t = await startTestApp();
    persistence = t.app.get(CollabPersistence);
  });
  afterAll(() => t.close());

  async function storedWords(name: string): Promise<string[]> {
    const reader = new ProcessView(persistence, name);
    await reader.load();
    return reader.words();
  }

  async function logRows(name: string): Promise<number> {
    const { n } = itemAt<{ n: number }>(await t.db.query('SELECT count(*)::int AS n FROM collab_updates WHERE doc_name = $1', [name]));
    return n;
  }

  it('merges a snapshot another process wrote since, and keeps the rows it has not seen', async () => {
    const name = `test:${randomUUID()}`;
    const a = new ProcessView(persistence, name);
    const b = new ProcessView(persistence, name);
    await a.load();
    await b.load();
    await a.write('alpha');
    await b.write('beta');
    // B folds its own row into a snapshot; A has not heard of "beta" (no relay between them in this test).
    expect(await b.compact()).toBe(1);
    await b.write('gamma');
    expect(await a.compact()).toBe(2);

    // A's snapshot holds B's compacted "beta"; B's newer row "gamma", unknown to A, is still in the log.
    expect(a.words()).toEqual(['alpha', 'beta']);
    expect(await logRows(name)).toBe(1);
    expect(await storedWords(name)).toEqual(['alpha', 'beta', 'gamma']);
    const { plain_text } = itemAt<{ plain_text: string }>(
      await t.db.query('SELECT plain_text FROM collab_documents WHERE name = $1', [name]),
    );
    expect(plain_text).toBe('alpha beta');

    // B catches up through the same path and folds in its last row.
    expect(await b.compact()).toBe(3);
    expect(await logRows(name)).toBe(0);
    expect(await storedWords(name)).toEqual(['alpha', 'beta', 'gamma']);
  });

  it('keeps the stored text when a compaction does not extract it', async () => {
    const name = `test:${randomUUID()}`;
    const a = new ProcessView(persistence, name);
    await a.load();
    await a.write('first');
    await a.compact();
    await a.write('second');
    await persistence.compact(name, a.revision, () => ({ snapshot: Y.encodeStateAsUpdate(a.doc), plainText: null, rowIds: [...a.rowIds] }));
    const [row]: { plain_text: string; revision: number }[] = await t.db.query(
      'SELECT plain_text, revision FROM collab_documents WHERE name = $1',
      [name],
    );
    expect(row).toEqual({ plain_text: 'first', revision: 2 });
    expect(await storedWords(name)).toEqual(['first', 'second']);
  });

  it('lets only one of two processes compact a document at a time', async () => {
    const name = `test:${randomUUID()}`;
    const a = new ProcessView(persistence, name);
    await a.load();
    await a.write('only');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // Hold the document's compaction lock in another session, as a compacting process would.
    const holding = t.db.transaction(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 7461))', [name]);
      await held;
    });
    await eventually('the lock is held', async () => {
      const locks: unknown[] = await t.db.query(`SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted`);
      return locks.length > 0;
    });
    expect(await a.compact()).toBeNull();
    expect(await logRows(name)).toBe(1);
    release();
    await holding;
    expect(await a.compact()).toBe(1);
    expect(await logRows(name)).toBe(0);
  });
});
