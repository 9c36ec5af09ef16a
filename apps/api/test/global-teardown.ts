import { Client } from 'pg';
import { stopEmbeddedPostgres } from '../src/platform/database/embedded-postgres';

export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as { mingaTestDb?: { serverUrl: string; name: string } }).mingaTestDb;
  if (!state) return;
  const { serverUrl, name } = state;
  const admin = new Client({ connectionString: `${serverUrl}/postgres` });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
  await stopEmbeddedPostgres();
}
