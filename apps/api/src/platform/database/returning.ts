import { DataSource, type EntityManager } from 'typeorm';

/**
 * The rows a statement's RETURNING clause gives. Every UPDATE or DELETE ... RETURNING goes through here: TypeORM's
 * `query()` answers those with `[rows, affectedCount]` but SELECT and INSERT with the rows alone, a difference that is
 * easy to forget (and was, once: a 500). The structured result TypeORM gives a query runner has the rows for every
 * kind of statement. Inside a transaction pass its EntityManager, so the statement runs on the transaction's connection.
 */
export async function returning<Row>(db: DataSource | EntityManager, sql: string, params: unknown[] = []): Promise<Row[]> {
  const manager = db instanceof DataSource ? db.manager : db;
  const runner = manager.queryRunner ?? manager.dataSource.createQueryRunner();
  try {
    const result = await runner.query(sql, params, true);
    return result.records as Row[];
  } finally {
    if (runner !== manager.queryRunner) await runner.release();
  }
}
