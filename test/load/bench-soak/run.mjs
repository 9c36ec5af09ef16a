// `npm run bench:soak` (not in CI): two Minga instances on one PostgreSQL and Redis under mixed load for
// SOAK_MINUTES (10): people editing drafts live (their clients split across the instances, some reconnecting,
// drafts closed and new ones opened), and REST reads and comments. Samples each instance's memory (RSS) every
// 10 s, and every 30 s its live JavaScript heap after a full garbage collection (through the inspector, which
// tells a leak from a heap that has not been collected yet); says whether that stayed flat; writes
// docs/benchmarks-soak.md.
//
// Environment: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), REDIS_URL (default
// redis://127.0.0.1:6379), SOAK_MINUTES, BENCH_OUT (report path), MINGA_API_ENTRY (another build).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import * as Y from 'yjs';
import { MingaClient } from '../bench-collab/clients/minga-client.mjs';
import { processMemory } from '../bench-collab/lib/proc-stats.mjs';
import { cleanupOnExit, DEFAULT_ENTRY, ensureBuild } from '../bench-collab/lib/run-support.mjs';
import { RemoteSession } from '../bench-collab/lib/window-profiler.mjs';
import { ROOT, api, createBenchDatabase, prepareMingaDocuments, startMingaInstances } from '../bench-collab/lib/servers.mjs';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const ENTRY = process.env.MINGA_API_ENTRY ?? DEFAULT_ENTRY;
const OUT = process.env.BENCH_OUT ?? join(ROOT, 'docs/benchmarks-soak.md');
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SAMPLE_MS = 10_000;
/** Memory before this is start-up and warm-up (V8 and the pools growing to their working size). */
const WARM_UP_MS = Math.min(120_000, (MINUTES * 60_000) / 5);
/** Drafts open at any time, each with this many clients (alternating instances), two of them writing. */
const DOCS = 8;
const CLIENTS_PER_DOC = 4;
const WRITERS_PER_DOC = 2;
const UPDATES_PER_WRITER_PER_SECOND = 2;
const REST_PER_SECOND = 20;
const HEAP_SAMPLE_MS = 30_000;
/** Flat: the live heap after GC in the last minute at most this much above the first minute's after the warm-up. */
const FLAT_GROWTH = 0.1;

const log = (line) => process.stderr.write(`[soak] ${line}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : null;
};
const { databases, cleanup, isStopping } = cleanupOnExit(log);

/** One person's editor on one instance: a light client (Minga's wire protocol) and, for a writer, a Y.Doc it types into. */
class Editor {
  constructor(url, token, docName, writes, counts) {
    this.counts = counts;
    this.client = new MingaClient({ url, token, docName, onSaved: () => (counts.saved += 1) });
    this.doc = writes ? new Y.Doc() : null;
    if (this.doc) {
      this.text = new Y.XmlText();
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [this.text]);
      this.doc.getXmlFragment('default').push([paragraph]);
      this.doc.on('update', (update) => this.client.synced && this.client.send(update));
    }
  }

  async open() {
    await this.client.open();
    if (this.doc) this.client.send(Y.encodeStateAsUpdate(this.doc));
  }

  type() {
    if (!this.doc || !this.client.synced) return;
    // A paragraph of at most 2 KB per writer: the soak is about the server's memory, not a growing document.
    if (this.text.length > 2000) this.text.delete(0, 1000);
    this.text.insert(this.text.length, 'soak text typed ');
    this.counts.updates += 1;
  }

  close() {
    this.client.close();
    if (this.client.lostConnection) this.counts.lostConnections += 1;
    this.doc?.destroy();
  }
}

async function main() {
  const startedAt = Date.now();
  ensureBuild(ENTRY, log);
  const database = await createBenchDatabase(DATABASE_URL);
  databases.push(database);
  const cluster = await startMingaInstances({ entry: ENTRY, databaseUrl: database.url, instances: 2, inspect: true });
  const { urls, pids } = cluster;
  const inspectors = await Promise.all(cluster.inspectPorts.map((port) => RemoteSession.connect(port)));
  log(`two instances (pids ${pids.join(', ')}) on database ${database.name}; ${MINUTES} minutes of load`);
  const prepared = await prepareMingaDocuments(urls[0], { soak: DOCS });
  const { token } = prepared;
  const hubs = await api(urls[0], token, 'GET', '/api/hubs');
  const hubId = (hubs.items ?? hubs)[0].id;
  const counts = { updates: 0, saved: 0, reconnects: 0, draftsRotated: 0, lostConnections: 0, rest: {}, restErrors: [] };

  const editorsOf = new Map();
  const openDraft = async (docName) => {
    const editors = Array.from(
      { length: CLIENTS_PER_DOC },
      (_, i) => new Editor(urls[i % urls.length], token, docName, i < WRITERS_PER_DOC, counts),
    );
    await Promise.all(editors.map((e) => e.open()));
    editorsOf.set(docName, editors);
  };
  for (const docName of prepared.docNames.soak) await openDraft(docName);

  const rest = () => {
    const docNames = [...editorsOf.keys()];
    const draftId = docNames[Math.floor(Math.random() * docNames.length)].replace(/^draft:/, '');
    const calls = [
      ['GET', '/api/me'],
      ['GET', '/api/drafts'],
      ['GET', `/api/drafts/${draftId}`],
      ['GET', `/api/drafts/${draftId}/threads`],
      ['POST', `/api/drafts/${draftId}/threads`, { body: 'A soak comment: does this clause cover sensors in parks?' }],
      ['GET', '/api/hubs'],
      ['GET', `/api/hubs/${hubId}/dashboard`],
      ['GET', '/api/open-data/catalog'],
      ['GET', '/api/me/notifications'],
      ['GET', '/api/cities?q=Tsu'],
    ];
    return calls[Math.floor(Math.random() * calls.length)];
  };
  let restTurn = 0;
  const callRest = async () => {
    const [method, path, body] = rest();
    const url = urls[restTurn++ % urls.length];
    const route = `${method} ${path.replace(/[0-9a-f-]{36}/g, ':id').replace(/\?.*$/, '')}`;
    try {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: body ? JSON.stringify(body) : undefined,
      });
      await res.arrayBuffer();
      const key = `${route} ${res.status}`;
      counts.rest[key] = (counts.rest[key] ?? 0) + 1;
      if (res.status >= 500 && counts.restErrors.length < 5) counts.restErrors.push(key);
    } catch (err) {
      if (counts.restErrors.length < 5) counts.restErrors.push(`${route}: ${err.message}`);
    }
  };

  const samples = [];
  const sample = () => samples.push({ atMs: Date.now() - startedAt, rssMb: pids.map((pid) => processMemory(pid).rssMb) });
  const heaps = [];
  const sampleHeap = async () => {
    const atMs = Date.now() - startedAt;
    const liveMb = await Promise.all(
      inspectors.map(async (session) => {
        await session.post('HeapProfiler.collectGarbage');
        return (await session.post('Runtime.getHeapUsage')).usedSize / 2 ** 20;
      }),
    );
    heaps.push({ atMs, liveMb });
  };
  sample();
  await sampleHeap();
  const loadStart = Date.now();
  const endAt = loadStart + MINUTES * 60_000;
  const timers = [
    setInterval(sample, SAMPLE_MS),
    setInterval(() => void sampleHeap().catch((err) => log(`heap sample failed: ${err.message}`)), HEAP_SAMPLE_MS),
    setInterval(() => {
      for (const editors of editorsOf.values()) for (const e of editors) e.type();
    }, 1000 / UPDATES_PER_WRITER_PER_SECOND),
    setInterval(() => void callRest(), 1000 / REST_PER_SECOND),
  ];
  // Churn: every 20 s one reader of each draft reconnects (maybe to the other instance); every minute the oldest
  // draft is closed by everyone (it unloads) and a new one is opened.
  let tick = 0;
  while (Date.now() < endAt && !isStopping()) {
    await sleep(Math.min(20_000, endAt - Date.now()));
    tick += 1;
    for (const [docName, editors] of editorsOf) {
      const i = WRITERS_PER_DOC + Math.floor(Math.random() * (CLIENTS_PER_DOC - WRITERS_PER_DOC));
      editors[i].close();
      editors[i] = new Editor(urls[Math.floor(Math.random() * urls.length)], token, docName, false, counts);
      await editors[i].open().catch((err) => counts.restErrors.length < 5 && counts.restErrors.push(`reopen: ${err.message}`));
      counts.reconnects += 1;
    }
    if (tick % 3 === 0) {
      const [oldest] = editorsOf.keys();
      for (const e of editorsOf.get(oldest)) e.close();
      editorsOf.delete(oldest);
      const fresh = await prepareMingaDocuments(urls[tick % urls.length], { soak: 1 });
      await openDraft(fresh.docNames.soak[0]);
      counts.draftsRotated += 1;
    }
    log(
      `${Math.round((Date.now() - loadStart) / 60_000)} min: RSS ${samples
        .at(-1)
        .rssMb.map((m) => m.toFixed(0))
        .join(' / ')} MB, ` +
        `heap after GC ${heaps
          .at(-1)
          .liveMb.map((m) => m.toFixed(1))
          .join(' / ')} MB, ${counts.updates} updates, ${counts.saved} saved`,
    );
  }
  for (const timer of timers) clearInterval(timer);
  sample();
  await sampleHeap();
  for (const session of inspectors) session.disconnect();
  for (const editors of editorsOf.values()) for (const e of editors) e.close();
  await cluster.stop();

  const report = render({ samples, heaps, counts, pids });
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, `${report.text}\n`);
  process.stdout.write(`\n${report.text}\n`);
  log(`wrote ${relative(ROOT, OUT)}`);
  return report.flat ? 0 : 1;
}

function render({ samples, heaps, counts, pids }) {
  const after = heaps.filter((s) => s.atMs >= WARM_UP_MS);
  const firstMinute = after.filter((s) => s.atMs < after[0].atMs + 60_000);
  const lastMinute = after.filter((s) => s.atMs >= after.at(-1).atMs - 60_000);
  const verdicts = pids.map((_, i) => {
    const start = median(firstMinute.map((s) => s.liveMb[i]));
    const end = median(lastMinute.map((s) => s.liveMb[i]));
    // Least-squares slope over the samples after the warm-up, in MB per minute.
    const xs = after.map((s) => s.atMs / 60_000);
    const ys = after.map((s) => s.liveMb[i]);
    const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
    const my = ys.reduce((a, b) => a + b, 0) / ys.length;
    const slope = xs.reduce((sum, x, k) => sum + (x - mx) * (ys[k] - my), 0) / xs.reduce((sum, x) => sum + (x - mx) ** 2, 0);
    return { start, end, slope, flat: end <= start * (1 + FLAT_GROWTH) };
  });
  const flat = verdicts.every((v) => v.flat);
  const restTotal = Object.values(counts.rest).reduce((a, b) => a + b, 0);
  const serverErrors = Object.entries(counts.rest).filter(([key]) => Number(key.split(' ').at(-1)) >= 500);
  const byStatus = {};
  for (const [key, n] of Object.entries(counts.rest)) byStatus[key.split(' ').at(-1)] = (byStatus[key.split(' ').at(-1)] ?? 0) + n;
  const refused = Object.entries(counts.rest).filter(([key]) => Number(key.split(' ').at(-1)) >= 400);
  const lines = [
    '# Soak: two instances under mixed load',
    '',
    `Generated by \`npm run bench:soak\` (test/load/bench-soak/) on ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}; Node ${process.version}.`,
    '',
    `Two Minga instances (one PostgreSQL, one Redis) for ${MINUTES} minutes: ${DOCS} drafts open at a time, each with ${CLIENTS_PER_DOC} clients alternating between the instances and ${WRITERS_PER_DOC} of them typing ${UPDATES_PER_WRITER_PER_SECOND} updates/s; every 20 s one reader of each draft reconnects to a random instance; every minute the oldest draft is closed by everyone (it unloads) and a new one is created and opened; ${REST_PER_SECOND} REST requests/s spread over both (reads of drafts, threads, dashboards, open data, notifications, and new comments). RSS sampled every ${SAMPLE_MS / 1000} s, the live JavaScript heap after a full GC (through each instance's inspector) every ${HEAP_SAMPLE_MS / 1000} s; the first ${Math.round(WARM_UP_MS / 1000)} s are warm-up.`,
    '',
    `**Memory ${flat ? 'flat' : 'NOT flat'}** (flat: the live heap after GC in the last minute at most ${FLAT_GROWTH * 100} % above the first minute's after the warm-up; RSS, which also holds heap not yet collected, is in the table below):`,
    '',
    '| Instance | heap after GC, first minute after warm-up MB | last minute MB | change | slope MB/min | flat |',
    '| --- | ---: | ---: | ---: | ---: | --- |',
    ...verdicts.map(
      (v, i) =>
        `| ${i + 1} | ${v.start.toFixed(1)} | ${v.end.toFixed(1)} | ${(((v.end - v.start) / v.start) * 100).toFixed(1)} % | ${v.slope.toFixed(2)} | ${v.flat ? 'yes' : '**no**'} |`,
    ),
    '',
    `Load served: ${counts.updates.toLocaleString('en-US')} updates typed, ${counts.saved.toLocaleString('en-US')} \`saved\` acknowledgements, ${counts.reconnects} reconnections, ${counts.draftsRotated} drafts closed and replaced, ${counts.lostConnections} connections lost; ${restTotal.toLocaleString('en-US')} REST requests, ${serverErrors.reduce((a, [, n]) => a + n, 0)} answered 5xx${counts.restErrors.length ? ` (first problems: ${counts.restErrors.join('; ')})` : ''}; by status: ${Object.entries(
      byStatus,
    )
      .map(([status, n]) => `${status} × ${n}`)
      .join(', ')}${refused.length ? ` (refused: ${refused.map(([key, n]) => `${key} × ${n}`).join(', ')})` : ''}.`,
    '',
    '| minute | ' + pids.map((_, i) => `instance ${i + 1} RSS MB | heap after GC MB`).join(' | ') + ' |',
    '| ---: | ' + pids.map(() => '---: | ---:').join(' | ') + ' |',
  ];
  for (let minute = 0; minute <= Math.ceil(samples.at(-1).atMs / 60_000); minute++) {
    const inMinute = samples.filter((s) => Math.floor(s.atMs / 60_000) === minute);
    const heapsInMinute = heaps.filter((s) => Math.floor(s.atMs / 60_000) === minute);
    const heap = (i) => (heapsInMinute.length ? median(heapsInMinute.map((s) => s.liveMb[i])).toFixed(1) : '–');
    if (inMinute.length)
      lines.push(`| ${minute} | ${pids.map((_, i) => `${median(inMinute.map((s) => s.rssMb[i])).toFixed(1)} | ${heap(i)}`).join(' | ')} |`);
  }
  return { text: lines.join('\n'), flat };
}

main().then(
  (code) => cleanup().then(() => process.exit(code)),
  (err) => {
    log(`failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    cleanup().finally(() => process.exit(1));
  },
);
