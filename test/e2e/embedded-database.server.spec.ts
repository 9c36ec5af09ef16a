// `npm start` on a bare machine: no DATABASE_URL, so Minga runs its own PostgreSQL under DATA_DIR.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startServer } from './support/minga-server';

const PASSWORD = 'embedded-demo-password';

async function signIn(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'official.tsukuba@demo.minga.dev', password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

function postgresPid(dataDir: string): number | null {
  const pidFile = join(dataDir, 'postgres', 'postmaster.pid');
  return existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) : null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('embedded PostgreSQL when no DATABASE_URL is given', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'minga-embedded-'));
  let pgPort: number;
  const env = () => ({ DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort), DEMO_PASSWORD: PASSWORD });

  beforeAll(async () => {
    pgPort = await freePort();
  });

  it('starts on a fresh folder, says which database it uses, seeds demo data and stops PostgreSQL on SIGTERM', async () => {
    const server = await startServer(env());
    try {
      expect(server.output()).toContain('Using embedded PostgreSQL');
      expect(server.output()).toContain('official.tsukuba@demo.minga.dev');
      const token = await signIn(server.baseUrl);
      const renamed = await fetch(`${server.baseUrl}/api/me`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ name: 'Tsukuba Official (renamed)' }),
      });
      expect(renamed.status).toBe(200);
      expect(postgresPid(dataDir)).not.toBeNull();
    } finally {
      expect(await server.stop('SIGTERM')).toBe(0);
    }
    expect(postgresPid(dataDir)).toBeNull();
  });

  it('keeps data across restarts, and clears a PostgreSQL left behind by a killed server', async () => {
    const first = await startServer(env());
    const token = await signIn(first.baseUrl);
    const me = await fetch(`${first.baseUrl}/api/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await me.json()) as { name: string }).name).toBe('Tsukuba Official (renamed)');
    const orphan = postgresPid(dataDir);
    await first.stop('SIGKILL');
    expect(orphan !== null && isAlive(orphan)).toBe(true);

    const second = await startServer(env());
    try {
      await signIn(second.baseUrl);
      expect(orphan !== null && isAlive(orphan)).toBe(false);
    } finally {
      expect(await second.stop('SIGTERM')).toBe(0);
    }
  });
});
