// One fresh database per test run, on the server from DATABASE_URL, or on an embedded PostgreSQL when none is given.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../src/platform/database/embedded-postgres';

export default async function globalSetup(): Promise<void> {
  const serverUrl = process.env['DATABASE_URL']
    ? serverOf(process.env['DATABASE_URL'])
    : serverOf((await startEmbeddedPostgres(join(process.cwd(), '.data/test'), 54339, () => undefined)).url);
  const name = `minga_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: `${serverUrl}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  (globalThis as { mingaTestDb?: { serverUrl: string; name: string } }).mingaTestDb = { serverUrl, name };
  process.env['MINGA_TEST_DATABASE_URL'] = `${serverUrl}/${name}`;
}

function serverOf(url: string): string {
  const parsed = new URL(url);
  parsed.pathname = '';
  return parsed.toString().replace(/\/$/, '');
}
