// `npm run bench:collab`: Minga against Hocuspocus and the y-websocket reference server on loopback, each server
// pinned to core 0 and one load generator pinned to core 1; writes docs/benchmarks.md and prints its tables.
//
// Environment: DATABASE_URL (PostgreSQL server for a throw-away database, default postgres://postgres@127.0.0.1:5432/test),
// BENCH_QUICK=1 (2-second windows, to check the harness), BENCH_SCENARIOS=a,b,... and BENCH_SERVERS=minga,... (subsets),
// MINGA_API_ENTRY (a built API other than dist/apps/api/main.js), BENCH_OUT (report path, default docs/benchmarks.md);
// README.md lists the rest.
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleCollabProvider } from './lib/collab-bundle.mjs';
import { pinning, spawnNode } from './lib/processes.mjs';
import { renderReport } from './lib/report.mjs';
import { cleanupOnExit, DEFAULT_ENTRY, ensureBuild, machineBusy } from './lib/run-support.mjs';
import {
  ROOT,
  createBenchDatabase,
  prepareMingaDocuments,
  startHocuspocus,
  startMinga,
  startMingaInstances,
  startYWebsocket,
} from './lib/servers.mjs';
import { SCENARIOS, timings } from './scenarios.mjs';

const GENERATOR = fileURLToPath(new URL('./generator.mjs', import.meta.url));
const GENERATOR_CORE = 1;
const QUICK = process.env.BENCH_QUICK === '1';
/** Rounds of each fan-out scenario (the servers take turns); the report shows each server's median round. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (QUICK ? 1 : 3));
const ENTRY = process.env.MINGA_API_ENTRY ?? DEFAULT_ENTRY;
const OUT = process.env.BENCH_OUT ?? join(ROOT, 'docs/benchmarks.md');
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const STARTERS = { minga: null, hocuspocus: startHocuspocus, 'y-websocket': startYWebsocket };

const pick = (value, all) =>
  value
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter((s) => all.includes(s))
    : all;
const serverNames = pick(process.env.BENCH_SERVERS, Object.keys(STARTERS));
const scenarios = SCENARIOS.filter((s) =>
  pick(
    process.env.BENCH_SCENARIOS,
    SCENARIOS.map((x) => x.id),
  ).includes(s.id),
);
const log = (line) => process.stderr.write(`[bench] ${line}\n`);

let database = null;
const { databases, cleanup, isStopping } = cleanupOnExit(log);
const removeOnExit = (remove) => process.on('exit', remove);

function machine() {
  const model = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model ?? 'unknown';
  const version = (pkg) => JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version;
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    cores: pinning.cores,
    cpuModel: model.trim(),
    memoryGb: totalmem() / 2 ** 30,
    kernel: release(),
    node: process.version,
    loadAverage: loadavg(),
    pinned: pinning.enabled,
    quick: QUICK,
    timings: timings(QUICK),
    servers: serverNames,
    versions: {
      hocuspocus: version('@hocuspocus/server'),
      hocuspocusProvider: version('@hocuspocus/provider'),
      yWebsocket: version('y-websocket'),
      yjs: version('yjs'),
      socketIo: version('socket.io'),
    },
  };
}

/** Runs one scenario against one running server in a fresh generator process on core 1. */
async function runGenerator(scenario, server, docNames, token, collabBundle) {
  const config = {
    server: server.name,
    url: server.url,
    serverPid: server.pid,
    // Several instances (scenario g): the clients alternate between their URLs; each one's CPU is measured.
    urls: server.urls ?? null,
    serverPids: server.pids ?? null,
    token,
    scenario,
    timings: timings(QUICK),
    docNames,
    // With BENCH_PROFILE the generator profiles each measured window, in itself (it can be the bottleneck at
    // saturation) and in the server, through the server's inspector.
    profileDir: process.env.BENCH_PROFILE ?? null,
    serverInspectPort: server.inspectPort ?? null,
    probePorts: server.probePorts ?? [server.probePort],
    // Full clients of Minga: its provider, bundled from libs/collab at the start of the run.
    collabBundle,
    pg: server.name === 'minga' ? { adminUrl: database.adminUrl, database: database.name, benchUrl: database.url } : null,
  };
  const generator = spawnNode(GENERATOR, [JSON.stringify(config)], { core: GENERATOR_CORE, cwd: ROOT });
  // A saturation run that passes every step takes longest: many steps, then a convergence check over all it received.
  const limitMs = QUICK ? 120_000 : 900_000;
  try {
    const outcome = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the generator did not finish within ${limitMs / 1000} s`)), limitMs);
      generator.child.on('message', (msg) => {
        if (msg?.type !== 'result' && msg?.type !== 'error') return;
        clearTimeout(timer);
        resolve(msg);
      });
      generator.exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`the generator exited (${code}) without a result:\n${generator.output().slice(-3000)}`));
      });
    });
    if (outcome.type === 'error') throw new Error(outcome.message);
    return outcome.result;
  } finally {
    await generator.stop(3000);
  }
}

/**
 * A fan-out scenario's result for one server over its rounds: the round with the median p99 (its other figures
 * stay consistent with it), with every round's figures alongside. Any failed round fails the whole.
 */
function representative(list) {
  const failed = list.find((r) => r.error);
  if (failed) return failed;
  const sorted = [...list].sort((x, y) => x.latencyMs.p99 - y.latencyMs.p99);
  const median = sorted[Math.floor((sorted.length - 1) / 2)];
  // Nothing lost and convergence must hold in every round, not only in the median one.
  const lost = list.reduce((sum, r) => sum + r.lost, 0);
  return {
    ...median,
    lost,
    converged: list.every((r) => r.converged),
    // The targets compare servers round by round (a ratio inside one round), then take the median of the rounds.
    rounds: list.map((r) => ({
      p99: r.latencyMs.p99,
      p50: r.latencyMs.p50,
      savedP99: r.savedMs?.p99 ?? null,
      savedUnconfirmed: r.savedMs?.unconfirmed ?? null,
      usPerDelivery: r.serverUsPerDelivery,
      usPerDeliveryWithPostgres: r.serverUsPerDeliveryWithPostgres,
      loopDelayP99: r.loop?.[0]?.loopDelayMs.p99 ?? null,
      memoryPerDocKb: r.memoryPerDocKb ?? null,
      serverCpu: r.cpu.server,
      others: r.cpu.others,
      lost: r.lost,
      converged: r.converged,
    })),
  };
}

function oneLine(scenario, name, r) {
  if (r.error) return `${scenario.id} ${name}: FAILED ${String(r.error).split('\n')[0]}`;
  if (scenario.kind === 'fanout') {
    const loop = r.loop?.[0]
      ? `, loop delay p99 ${r.loop[0].loopDelayMs.p99.toFixed(2)} ms, GC ${r.loop[0].gc.count}× ${r.loop[0].gc.totalMs.toFixed(1)} ms`
      : '';
    const memory = r.memoryPerDocKb === undefined ? '' : `, ${r.memoryPerDocKb} KB per open document`;
    return `${scenario.id} ${name}: p50 ${r.latencyMs.p50} p99 ${r.latencyMs.p99} max ${r.latencyMs.max} ms, first delivery p99 ${r.firstDeliveryMs.p99} ms, ${r.deliveredPerSec}/s delivered (lost ${r.lost}), server ${r.cpu.server} % CPU, ${r.serverUsPerDelivery} µs/update, ${r.serverRssPeakMb} MB${memory}${loop}, converged ${r.converged}${r.savedMs ? `, saved p99 ${r.savedMs.p99} ms` : ''}${r.crossInstanceMs ? `, cross-instance p50 ${r.crossInstanceMs.p50} p99 ${r.crossInstanceMs.p99} ms, CPU per instance ${r.cpu.perInstance.join(' / ')} %` : ''}, others ${r.cpu.others} %`;
  }
  if (scenario.kind === 'comments') {
    return `${scenario.id} ${name}: p50 ${r.latencyMs.p50} p99 ${r.latencyMs.p99} max ${r.latencyMs.max} ms over ${r.deliveries} deliveries (lost ${r.lost}), POST p99 ${r.postMs.p99} ms, server ${r.cpu.server} % CPU, others ${r.cpu.others} %`;
  }
  if (scenario.kind === 'saturation')
    return `${scenario.id} ${name}: max ${r.maxRate}/s with p99 < 100 ms; stopped: ${r.stopReason}; converged ${r.converged}`;
  return `${scenario.id} ${name}: cold p95 ${r.cold?.joinToSyncedMs.p95 ?? 'n/a'} ms, warm p95 ${r.warm.joinToSyncedMs.p95} ms, doc ${r.docBytes} bytes`;
}

async function main() {
  if (!pinning.enabled)
    log(`WARNING: no pinning (taskset ${pinning.cores >= 2 ? 'missing' : 'needs 2 cores'}): figures are not comparable`);
  const startedAt = Date.now();
  const meta = machine();
  meta.busyBeforePct = await machineBusy();
  if (meta.busyBeforePct > 10)
    log(`WARNING: the machine is busy before the run (${meta.busyBeforePct.toFixed(0)} % of a core): figures will be noisy`);
  const mingaDocs = {};
  let token = null;

  if (serverNames.includes('minga')) {
    ensureBuild(ENTRY, log);
    database = await createBenchDatabase(DATABASE_URL);
    databases.push(database);
    meta.postgres = `database ${database.name} on ${new URL(DATABASE_URL).host}`;
    log(`created database ${database.name}; preparing Minga's documents`);
    const minga = await startMinga({ entry: ENTRY, databaseUrl: database.url });
    try {
      const prepared = await prepareMingaDocuments(minga.url, Object.fromEntries(scenarios.map((s) => [s.id, s.docs])));
      token = prepared.token;
      Object.assign(mingaDocs, prepared.docNames);
    } finally {
      await minga.stop();
    }
  } else meta.postgres = 'not used';
  let collabBundle = null;
  if (serverNames.includes('minga') && scenarios.some((s) => s.clients === 'full')) {
    const bundle = await bundleCollabProvider();
    removeOnExit(bundle.remove);
    collabBundle = bundle.path;
  }

  if (isStopping()) return 130;
  const results = { meta, scenarios: {}, saturationSteps: SCENARIOS.find((s) => s.id === 'd').steps };
  meta.rounds = ROUNDS;
  for (const scenario of scenarios) {
    results.scenarios[scenario.id] = {};
    // Fan-out scenarios run in rounds, the servers taking turns, so that a noisy stretch of the machine falls on
    // one round of one server rather than on a whole comparison.
    const rounds = scenario.kind === 'fanout' ? ROUNDS : 1;
    const runs = {};
    // Scenario g compares one Minga instance with several, in alternating rounds.
    const names = scenario.instances ? (serverNames.includes('minga') ? ['minga', 'minga-instances'] : []) : serverNames;
    for (let round = 1; round <= rounds; round++) {
      for (const name of names) {
        if (isStopping()) return 130;
        if (scenario.mingaOnly && !name.startsWith('minga')) continue;
        let server = null;
        let result;
        try {
          if (name === 'minga') server = await startMinga({ entry: ENTRY, databaseUrl: database.url });
          else if (name === 'minga-instances')
            server = await startMingaInstances({ entry: ENTRY, databaseUrl: database.url, instances: scenario.instances });
          else server = await STARTERS[name]();
          const docNames = name.startsWith('minga')
            ? mingaDocs[scenario.id]
            : Array.from({ length: scenario.docs }, () => `draft:${randomUUID()}`);
          result = await runGenerator(scenario, server, docNames, token ?? '', collabBundle);
        } catch (err) {
          result = { error: err instanceof Error ? err.message : String(err) };
        } finally {
          await server?.stop();
        }
        (runs[name] ??= []).push(result);
        log(`${rounds > 1 ? `round ${round}/${rounds} ` : ''}${oneLine(scenario, name, result)}`);
      }
    }
    for (const [name, list] of Object.entries(runs))
      results.scenarios[scenario.id][name] = scenario.kind === 'fanout' ? representative(list) : list[0];
  }

  const report = renderReport(results, scenarios);
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, `${report}\n`);
  writeFileSync(OUT.replace(/\.md$/, '.json'), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`\n${report}\n`);
  log(`wrote ${relative(ROOT, OUT)} in ${Math.round((Date.now() - startedAt) / 1000)} s`);
  const failed = Object.values(results.scenarios)
    .flatMap((byServer) => Object.values(byServer))
    .filter((r) => r.error);
  return failed.length ? 1 : 0;
}

main().then(
  (code) => cleanup().then(() => process.exit(code)),
  (err) => {
    log(`failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    cleanup().finally(() => process.exit(1));
  },
);
