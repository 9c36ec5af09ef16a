// Starting the three servers on core 0, one at a time: Minga (the built API against a throw-away PostgreSQL
// database), Hocuspocus and the y-websocket reference server (both in memory).
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freePort, spawnNode } from './processes.mjs';

export const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const SERVERS_DIR = fileURLToPath(new URL('../servers/', import.meta.url));
const SERVER_CORE = 0;
/** Event-loop delay and GC pauses of each server, measured in the windows the generator asks for (lib/loop-probe.cjs). */
const LOOP_PROBE = fileURLToPath(new URL('./loop-probe.cjs', import.meta.url));

/** Node flags and environment that load the probe, on a loopback port of its own. */
async function loopProbe() {
  const port = await freePort();
  return { execArgv: ['--require', LOOP_PROBE], env: { BENCH_LOOP_PROBE_PORT: String(port) }, port };
}

/**
 * Minga's production Node flags (as in `npm start` and the Dockerfile): 32 MB semi-spaces let the Yjs structs of a
 * loaded document die young instead of being promoted, which took the cold load's p95 from ~100 ms to ~25 ms.
 * BENCH_MINGA_NODE_FLAGS="..." replaces them, for experiments.
 */
export const MINGA_NODE_FLAGS =
  process.env.BENCH_MINGA_NODE_FLAGS !== undefined
    ? process.env.BENCH_MINGA_NODE_FLAGS.split(' ').filter(Boolean)
    : ['--max-semi-space-size=32'];
/**
 * BENCH_PROFILE=<dir>: every server opens its inspector on a loopback port, and the generator profiles it during
 * each measured window only (a whole-process profile of a short scenario is mostly start-up).
 */
async function inspectorArgs(wanted = false) {
  if (!wanted && !process.env.BENCH_PROFILE) return { execArgv: [], inspectPort: null };
  const inspectPort = await freePort();
  return { execArgv: [`--inspect=127.0.0.1:${inspectPort}`], inspectPort };
}

export const BENCH_JWT_SECRET = 'minga-bench-secret-long-enough-for-hs256-signing';
export const BENCH_DEMO_PASSWORD = 'minga-bench-demo-2026';
export const DEMO_OFFICIAL = 'official.tsukuba@demo.minga.dev';

/** A database of its own on the PostgreSQL server of `serverUrl`, dropped at the end of the run. */
export async function createBenchDatabase(serverUrl) {
  const name = `minga_bench_${Date.now()}_${randomBytes(2).toString('hex')}`;
  const adminUrl = new URL(serverUrl);
  adminUrl.pathname = '/postgres';
  const run = async (sql) => {
    const client = new pg.Client({ connectionString: adminUrl.toString() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), adminUrl: adminUrl.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function waitReady(server, url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (server.child.exitCode !== null || server.child.signalCode !== null) {
      throw new Error(`Minga exited during start:\n${server.output().slice(-4000)}`);
    }
    if (Date.now() > deadline) throw new Error(`Minga was not ready within ${timeoutMs / 1000} s:\n${server.output().slice(-4000)}`);
    const ready = await fetch(`${url}/api/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** BENCH_MINGA_ENV="KEY=value,KEY=value" sets more of Minga's configuration, for experiments. */
function extraMingaEnv() {
  const pairs = (process.env.BENCH_MINGA_ENV ?? '').split(',').filter(Boolean);
  return Object.fromEntries(pairs.map((pair) => pair.split('=')).map(([key, ...value]) => [key.trim(), value.join('=')]));
}

/**
 * bench:collab's relaxations of Minga's limits. Every light client signs in as the one demo official: one person's
 * budgets would measure that person's limits, not the server. The per-connection checks and their cost stay on the
 * measured path.
 */
const RELAXED_LIMITS = {
  COLLAB_MESSAGES_PER_SECOND: '100000',
  REALTIME_MAX_SOCKETS_PER_PERSON: '10000',
  REALTIME_BYTES_IN_PER_SECOND: String(1024 ** 3),
  REALTIME_JOINS_PER_SECOND: '10000',
  REALTIME_MAX_JOINS_IN_FLIGHT: '10000',
  COLLAB_SYNC_BYTES_PER_SECOND: String(1024 ** 3),
  COLLAB_PRESENCE_PER_SECOND: '10000',
};

/**
 * Starts the built API on core 0. `limits: 'relaxed'` (bench:collab) lifts the per-connection and per-person limits
 * (RELAXED_LIMITS); `limits: 'production'` (bench:flood) leaves every one of them at Minga's defaults.
 */
export async function startMinga({ entry, databaseUrl, limits = 'relaxed', redis = null, inspect = false, core = SERVER_CORE }) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const inspector = await inspectorArgs(inspect);
  const probe = await loopProbe();
  const server = spawnNode(entry, [], {
    core,
    execArgv: [...MINGA_NODE_FLAGS, ...inspector.execArgv, ...probe.execArgv],
    cwd: ROOT,
    quiet: true,
    inheritEnv: false,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      // The build is plain webpack output that resolves its packages from the repository's node_modules.
      NODE_PATH: join(ROOT, 'node_modules'),
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'warn',
      JWT_SECRET: BENCH_JWT_SECRET,
      DEMO_PASSWORD: BENCH_DEMO_PASSWORD,
      ACCESS_TOKEN_TTL_SECONDS: '86400',
      API_RATE_LIMIT: '1000000',
      SIGN_IN_RATE_LIMIT: '1000',
      ...(limits === 'relaxed' ? RELAXED_LIMITS : {}),
      COLLAB_UNLOAD_GRACE_SECONDS: '1',
      ...(redis ? { REDIS_URL: redis.url, REDIS_KEY_PREFIX: redis.prefix } : {}),
      ...probe.env,
      ...extraMingaEnv(),
    },
  });
  await waitReady(server, url, 90_000);
  return {
    name: 'minga',
    url,
    pid: server.pid,
    inspectPort: inspector.inspectPort,
    probePort: probe.port,
    stop: () => server.stop(15_000),
    /** SIGKILL at once, for a server a flood left unable to stop in time. */
    kill: () => server.stop(1),
    exited: server.exited,
    output: server.output,
  };
}

/**
 * Several Minga instances on one database and one Redis (REDIS_URL, or the machine's at 127.0.0.1:6379), all on
 * core 0 as a single server is: the clients of a document are split across them and updates cross through Redis.
 * BENCH_INSTANCE_CORES (e.g. `0,1`) pins them elsewhere, for experiments (core 1 is the generator's).
 */
export async function startMingaInstances({ entry, databaseUrl, instances, inspect = false }) {
  const redis = { url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', prefix: `minga-bench-${randomUUID().slice(0, 8)}:` };
  const started = [];
  try {
    const cores = (process.env.BENCH_INSTANCE_CORES ?? '').split(',').filter(Boolean).map(Number);
    for (let i = 0; i < instances; i++)
      started.push(await startMinga({ entry, databaseUrl, redis, inspect, core: cores[i] ?? SERVER_CORE }));
  } catch (err) {
    await Promise.all(started.map((s) => s.stop()));
    throw err;
  }
  return {
    name: 'minga',
    url: started[0].url,
    pid: started[0].pid,
    urls: started.map((s) => s.url),
    pids: started.map((s) => s.pid),
    inspectPorts: started.map((s) => s.inspectPort),
    probePorts: started.map((s) => s.probePort),
    stop: () => Promise.all(started.map((s) => s.stop())),
  };
}

async function startPeer(name, script) {
  const port = await freePort();
  const inspector = await inspectorArgs();
  const probe = await loopProbe();
  const server = spawnNode(join(SERVERS_DIR, script), [String(port)], {
    core: SERVER_CORE,
    cwd: ROOT,
    quiet: true,
    execArgv: [...inspector.execArgv, ...probe.execArgv],
    env: probe.env,
  });
  await server.message('ready');
  return {
    name,
    url: `http://127.0.0.1:${port}`,
    pid: server.pid,
    inspectPort: inspector.inspectPort,
    probePort: probe.port,
    stop: () => server.stop(5000),
    output: server.output,
  };
}

export const startHocuspocus = () => startPeer('hocuspocus', 'hocuspocus-server.mjs');
export const startYWebsocket = () => startPeer('y-websocket', 'y-websocket-server.mjs');

export async function api(url, token, method, path, body) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : null;
}

/**
 * Signs in as the demo official of Tsukuba and creates `counts[key]` drafts of model policy `pia` for each key.
 * Returns the token (valid for a day in the bench) and the drafts' collaboration document names per key.
 */
export async function prepareMingaDocuments(url, counts) {
  const session = await api(url, null, 'POST', '/api/auth/session', { email: DEMO_OFFICIAL, password: BENCH_DEMO_PASSWORD });
  const token = session.accessToken;
  const policies = await api(url, token, 'GET', '/api/model-policies');
  const policy = policies.find((p) => p.key === 'pia');
  if (!policy) throw new Error(`No model policy "pia" (have: ${policies.map((p) => p.key).join(', ')})`);
  const cities = await api(url, token, 'GET', '/api/cities?q=Tsukuba');
  const city = cities.items.find((c) => c.name === 'Tsukuba');
  if (!city) throw new Error('No city Tsukuba in the demo data');
  const docNames = {};
  for (const [key, count] of Object.entries(counts)) {
    docNames[key] = [];
    for (let i = 0; i < count; i += 10) {
      const batch = Array.from({ length: Math.min(10, count - i) }, (_, j) =>
        api(url, token, 'POST', '/api/drafts', { cityId: city.id, modelPolicyId: policy.id, title: `Bench ${key} ${i + j + 1}` }),
      );
      for (const draft of await Promise.all(batch)) docNames[key].push(draft.docName);
    }
  }
  return { token, docNames };
}
