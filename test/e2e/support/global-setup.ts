import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVER_ENTRY, freePort, startServer, type RunningServer } from './minga-server';
import { createTestDatabase } from './test-database';
import { E2E_DEMO_PASSWORD } from './constants';

export interface E2eState {
  server: RunningServer;
  dropDatabase?: () => Promise<void>;
}

export default async function globalSetup(): Promise<void> {
  const chromium = process.env['CHROMIUM_PATH'] || '/usr/bin/chromium';
  if (!existsSync(chromium) && process.env['CI'] === 'true') {
    throw new Error(`E2E needs Chromium at ${chromium} (set CHROMIUM_PATH); CI must run the browser journeys.`);
  }
  if (!existsSync(SERVER_ENTRY)) throw new Error('Build first: npx nx run-many -t build -p api,web');

  // Every spec signs in from 127.0.0.1: per-address rate limits (tested in the API's integration tests) would
  // otherwise turn the later journeys away with 429s.
  const env: Record<string, string> = {
    DEMO_PASSWORD: E2E_DEMO_PASSWORD,
    WEB_DIST: 'dist/apps/web',
    SIGN_IN_RATE_LIMIT: '10000',
    API_RATE_LIMIT: '1000000',
    // As in production: instances share Redis (a spec starts a second one on the same database and Redis).
    REDIS_URL: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
    REDIS_KEY_PREFIX: `minga-e2e-${process.pid}-${Date.now()}:`,
  };
  let dropDatabase: (() => Promise<void>) | undefined;
  if (process.env['DATABASE_URL']) {
    const db = await createTestDatabase(process.env['DATABASE_URL']);
    env['DATABASE_URL'] = db.url;
    dropDatabase = db.drop;
  } else {
    env['DATA_DIR'] = mkdtempSync(join(tmpdir(), 'minga-e2e-'));
    env['EMBEDDED_PG_PORT'] = String(await freePort());
  }
  const server = await startServer(env);
  process.env['E2E_BASE_URL'] = server.baseUrl;
  // What another instance of the same deployment needs (see two-instances.spec.ts).
  process.env['E2E_SERVER_ENV'] = JSON.stringify(env);
  (globalThis as { mingaE2e?: E2eState }).mingaE2e = { server, dropDatabase };
}
