import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** A throw-away database on the PostgreSQL server of DATABASE_URL. */
export async function createTestDatabase(serverUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = new URL(serverUrl);
  const name = `minga_e2e_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const adminUrl = new URL(base.toString());
  adminUrl.pathname = '/postgres';
  const run = async (sql: string) => {
    const client = new Client({ connectionString: adminUrl.toString() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(base.toString());
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
