import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { returning } from './returning';

describe('returning (against the real database)', () => {
  const table = `returning_spec_${randomBytes(4).toString('hex')}`;
  let db: DataSource;

  beforeAll(async () => {
    db = await new DataSource({ type: 'postgres', url: process.env['MINGA_TEST_DATABASE_URL'] }).initialize();
    await db.query(`CREATE TABLE ${table} (id int PRIMARY KEY, label text NOT NULL)`);
  });

  afterAll(async () => {
    await db?.query(`DROP TABLE IF EXISTS ${table}`);
    await db?.destroy();
  });

  beforeEach(async () => {
    await db.query(`TRUNCATE ${table}`);
    await db.query(`INSERT INTO ${table} (id, label) VALUES (1, 'one'), (2, 'two'), (3, 'three')`);
  });

  it('is needed: TypeORM answers UPDATE and DELETE ... RETURNING with [rows, count], INSERT and SELECT with the rows', async () => {
    expect(await db.query(`UPDATE ${table} SET label = 'uno' WHERE id = 1 RETURNING id, label`)).toEqual([[{ id: 1, label: 'uno' }], 1]);
    expect(await db.query(`DELETE FROM ${table} WHERE id = 99 RETURNING id`)).toEqual([[], 0]);
    expect(await db.query(`INSERT INTO ${table} (id, label) VALUES (4, 'four') RETURNING id`)).toEqual([{ id: 4 }]);
    expect(await db.query(`SELECT id FROM ${table} WHERE id = 4`)).toEqual([{ id: 4 }]);
  });

  it('gives the rows of UPDATE ... RETURNING, none when nothing matched', async () => {
    const changed = await returning<{ id: number; label: string }>(
      db,
      `UPDATE ${table} SET label = upper(label) WHERE id <= $1 RETURNING id, label`,
      [2],
    );
    expect(changed.sort((a, b) => a.id - b.id)).toEqual([
      { id: 1, label: 'ONE' },
      { id: 2, label: 'TWO' },
    ]);
    expect(await returning(db, `UPDATE ${table} SET label = 'x' WHERE id = $1 RETURNING id`, [99])).toEqual([]);
  });

  it('gives the rows of DELETE ... RETURNING, none when nothing matched', async () => {
    expect(await returning(db, `DELETE FROM ${table} WHERE id = $1 RETURNING id, label`, [3])).toEqual([{ id: 3, label: 'three' }]);
    expect(await returning(db, `DELETE FROM ${table} WHERE id = $1 RETURNING id`, [3])).toEqual([]);
  });

  it('gives the rows of INSERT ... RETURNING (and of ON CONFLICT DO NOTHING that skipped)', async () => {
    expect(await returning(db, `INSERT INTO ${table} (id, label) VALUES ($1, $2) RETURNING id, label`, [5, 'five'])).toEqual([
      { id: 5, label: 'five' },
    ]);
    expect(
      await returning(db, `INSERT INTO ${table} (id, label) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING id`, [5, 'again']),
    ).toEqual([]);
  });

  it('gives the rows of a statement whose CTE changes rows', async () => {
    const rows = await returning(db, `WITH gone AS (DELETE FROM ${table} WHERE id = $1 RETURNING label) SELECT label FROM gone`, [2]);
    expect(rows).toEqual([{ label: 'two' }]);
  });

  it("runs on a transaction's connection when given its EntityManager", async () => {
    await expect(
      db.transaction(async (em) => {
        await em.query(`INSERT INTO ${table} (id, label) VALUES (6, 'six')`);
        // The row is not committed: only the transaction's own connection sees it.
        expect(await returning(em, `UPDATE ${table} SET label = 'seis' WHERE id = $1 RETURNING label`, [6])).toEqual([{ label: 'seis' }]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await db.query(`SELECT id FROM ${table} WHERE id = 6`)).toEqual([]);
  });

  it('hands its connection back to the pool', async () => {
    const pool = (db.driver as unknown as { master: { totalCount: number; idleCount: number } }).master;
    for (let i = 0; i < 20; i += 1) await returning(db, `UPDATE ${table} SET label = label WHERE id = 1 RETURNING id`);
    expect(pool.totalCount).toBe(pool.idleCount);
  });
});
