// The load generator: one process, pinned to its own core, runs one scenario against one server with light clients
// (or full ones: a live Y.Doc behind the server's provider each) and reports latency, throughput, CPU, memory and
// the server's event-loop delay and GC pauses as one IPC message. Started by run.mjs:
//   node generator.mjs '<json config>'
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { io } from 'socket.io-client';
import msgpackParser from 'socket.io-msgpack-parser';
import * as Y from 'yjs';
import { FullClient } from './clients/full-client.mjs';
import { HocuspocusClient } from './clients/hocuspocus-client.mjs';
import { MingaClient } from './clients/minga-client.mjs';
import { YWebsocketClient } from './clients/y-websocket-client.mjs';
import { LoopProbes } from './lib/loop-probe-client.mjs';
import { cpuBetween, processMemory, resetPeakMemory, snapshot } from './lib/proc-stats.mjs';
import { ByteLog, Samples } from './lib/samples.mjs';
import { WindowProfiler } from './lib/window-profiler.mjs';
import { SATURATION_P99_MS } from './scenarios.mjs';

const CLIENTS = { minga: MingaClient, hocuspocus: HocuspocusClient, 'y-websocket': YWebsocketClient };

/** Every writer inserts exactly this many characters per update, so a Yjs clock tells which update it belongs to. */
const INSERT_LENGTH = 16;
/**
 * Each writer types paragraphs of this many updates (4 KB), in paragraphs of its own created before the run.
 * Typing one ever-growing paragraph would measure a Yjs cost instead of the servers: Yjs merges consecutive
 * typing into one string, and encoding the next update then copies that whole string, in every process that
 * encodes it (the writer, and servers that re-encode what they apply).
 */
const INSERTS_PER_PARAGRAPH = 256;
const PARAGRAPHS_PER_WRITER = 64;
/**
 * Full clients' writers type every other update at a random place of the document's shared paragraph, which moves
 * on to the next of these after INSERTS_PER_PARAGRAPH updates (made before the run, like the writers' own).
 */
const SHARED_PARAGRAPHS = 16;
/** A failed saturation step is repeated (up to twice) when processes outside the benchmark used more than this (% of a core). */
const NOISY_OTHERS_PCT = 10;
const NOISY_RETRIES = 2;
/** Connections opened at the same time while a scenario sets up. */
const CONNECT_CONCURRENCY = 25;

const config = JSON.parse(process.argv[2]);
const Client = CLIENTS[config.server];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const profiler = new WindowProfiler(config.profileDir, config.serverInspectPort);
const probes = await LoopProbes.open(config.probePorts);
const collab = config.collabBundle ? await import(pathToFileURL(config.collabBundle).href) : null;

// ---------------------------------------------------------------------------------------------------------------
// Measurement window: what the clients record goes to the current meter.

class Meter {
  constructor() {
    this.windowStart = Infinity;
    this.windowEnd = Infinity;
    this.latency = new Samples(1 << 18);
    /** With several instances: deliveries to a client on another instance than the writer's (through Redis). */
    this.crossLatency = new Samples(1 << 18);
    /** Per update, send → its first delivery to anyone: the server's own delay, without the fan-out spread. */
    this.firstDelivery = new Samples(1 << 16);
    this.firstDelivered = new Set();
    this.saved = new Samples(1 << 12);
    this.sentInWindow = 0;
    this.expected = 0;
    this.delivered = 0;
    this.deliveredInWindow = 0;
    /** Deliveries in the window to the clients of each instance. */
    this.deliveredByInstance = [];
  }

  inWindow(time) {
    return time >= this.windowStart && time < this.windowEnd;
  }

  onSend(time, recipients) {
    if (!this.inWindow(time)) return;
    this.sentInWindow++;
    this.expected += recipients;
  }

  onDelivery(sentAt, now, crossInstance = false, instance = 0) {
    if (now >= this.windowStart && now < this.windowEnd) {
      this.deliveredInWindow++;
      this.deliveredByInstance[instance] = (this.deliveredByInstance[instance] ?? 0) + 1;
    }
    if (this.inWindow(sentAt)) {
      this.delivered++;
      this.latency.push(now - sentAt);
      if (crossInstance) this.crossLatency.push(now - sentAt);
      // A send time identifies one update (each send reads the clock anew).
      if (!this.firstDelivered.has(sentAt)) {
        this.firstDelivered.add(sentAt);
        this.firstDelivery.push(now - sentAt);
      }
    }
  }

  onSaved(sentAt, now) {
    if (this.inWindow(sentAt)) this.saved.push(now - sentAt);
  }
}

let meter = new Meter();
/** Writers by their Y.Doc client id: how an arriving update is traced back to its send time. */
const writersById = new Map();

class Writer {
  /**
   * A light client's writer has a Y.Doc of its own and sends its updates through the light client; a full client's
   * writer types into the client's live doc (`doc`), whose provider sends them, and shares `shared` with the other
   * writers of its document.
   */
  constructor(tag, participant, recipients, { doc = null, shared = null } = {}) {
    this.tag = tag;
    this.participant = participant;
    this.recipients = recipients;
    this.live = doc !== null;
    this.doc = doc ?? new Y.Doc();
    this.clientID = this.doc.clientID;
    if (!this.live) {
      this.doc.on('update', (update) => {
        this.lastUpdate = update;
      });
    }
    this.shared = shared;
    if (shared) {
      Y.applyUpdate(this.doc, shared.update);
      this.sharedTexts = this.doc
        .getXmlFragment('default')
        .toArray()
        .map((paragraph) => paragraph.get(0));
    }
    this.ownTyped = 0;
    // Each writer types into paragraphs of its own in the editor's fragment, as a TipTap client would.
    this.paragraphs = Array.from({ length: PARAGRAPHS_PER_WRITER }, () => new Y.XmlText());
    this.doc.getXmlFragment('default').push(
      this.paragraphs.map((text) => {
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [text]);
        return paragraph;
      }),
    );
    this.setupUpdate = this.lastUpdate;
    this.base = Y.getState(this.doc.store, this.clientID);
    this.sendTimes = new Samples(1 << 12);
    this.seq = 0;
    this.savedSeq = 0;
    writersById.set(this.clientID, this);
  }

  sendOne() {
    const seq = this.seq++;
    const now = performance.now();
    this.sendTimes.push(now);
    const insert = `${this.tag}:${seq};`.padEnd(INSERT_LENGTH, '.').slice(0, INSERT_LENGTH);
    if (this.shared && seq % 2 === 1) {
      const text = this.sharedTexts[Math.floor(this.shared.typed++ / INSERTS_PER_PARAGRAPH) % SHARED_PARAGRAPHS];
      text.insert(Math.floor(Math.random() * (text.length + 1)), insert);
    } else {
      const text = this.paragraphs[Math.floor(this.ownTyped++ / INSERTS_PER_PARAGRAPH) % PARAGRAPHS_PER_WRITER];
      text.insert(text.length, insert);
    }
    // A live doc's provider has sent the update from the doc's `update` event already.
    if (!this.live) this.participant.client.send(this.lastUpdate);
    meter.onSend(now, this.recipients);
  }

  /** Minga's `saved` carries the state vector stored durably: every update of ours it covers is saved. */
  onSaved(stateVector, now) {
    const clock = Y.decodeStateVector(stateVector).get(this.clientID) ?? 0;
    while (this.savedSeq < this.seq && this.base + (this.savedSeq + 1) * INSERT_LENGTH <= clock) {
      meter.onSaved(this.sendTimes.values[this.savedSeq], now);
      this.savedSeq++;
    }
  }
}

/** One connection: receives, traces arrivals to their send time, and keeps every update for the convergence check. */
class Participant {
  /** `instance`: which of the servers (`config.urls`, when there are several) this client connects to. */
  constructor(docName, writerTag, recipients, token = config.token, instance = 0) {
    this.log = new ByteLog();
    this.nextClock = new Map();
    this.instance = instance;
    this.writer = writerTag ? new Writer(writerTag, this, recipients) : null;
    this.client = new Client({
      url: config.urls?.[instance] ?? config.url,
      token,
      docName,
      onUpdate: (update, syncType, now) => this.onUpdate(update, now),
      onSaved: this.writer ? (stateVector, now) => this.writer.onSaved(stateVector, now) : undefined,
    });
  }

  onUpdate(update, now) {
    this.log.push(update);
    traceArrival(this, update, now);
  }

  /** This client's view of the document: everything it received plus, for a writer, what it wrote itself. */
  view() {
    // Applied one by one in one transaction: Y.mergeUpdates over thousands of overlapping updates is quadratic.
    // A writer's own text goes first: a server may echo some of its updates in a batch with others' and not the
    // rest, and received updates whose dependencies are missing would pile up as pending (quadratic again).
    const doc = new Y.Doc();
    Y.transact(doc, () => {
      if (this.writer) Y.applyUpdate(doc, Y.encodeStateAsUpdate(this.writer.doc));
      for (const update of this.log.entries()) Y.applyUpdate(doc, update);
    });
    return doc;
  }
}

/** Records, for each update of another writer that `update` brings `receiver` for the first time, its latency. */
function traceArrival(receiver, update, now) {
  const { from, to } = Y.parseUpdateMeta(update);
  for (const [client, end] of to) {
    const writer = writersById.get(client);
    if (!writer || writer === receiver.writer) continue;
    const next = receiver.nextClock.get(client) ?? writer.base;
    if (end <= next) continue;
    const start = Math.max(from.get(client), next);
    receiver.nextClock.set(client, end);
    const first = Math.ceil((start - writer.base) / INSERT_LENGTH);
    const last = Math.floor((end - 1 - writer.base) / INSERT_LENGTH);
    const cross = writer.participant.instance !== receiver.instance;
    for (let seq = Math.max(0, first); seq <= last; seq++) meter.onDelivery(writer.sendTimes.values[seq], now, cross, receiver.instance);
  }
}

/**
 * A full client: a live Y.Doc behind the server's own provider. An update counts as delivered when this doc has
 * integrated it: its `update` event for a transaction that did not start here (one whose dependencies were missing
 * is integrated, and so counted, only once they arrive).
 */
class FullParticipant {
  constructor(docName, writerTag, recipients, shared) {
    this.nextClock = new Map();
    this.instance = 0;
    this.doc = new Y.Doc();
    this.writer = writerTag ? new Writer(writerTag, this, recipients, { doc: this.doc, shared }) : null;
    this.doc.on('update', (update, _origin, _doc, transaction) => {
      if (!transaction.local) traceArrival(this, update, performance.now());
    });
    this.client = new FullClient({
      server: config.server,
      url: config.url,
      token: config.token,
      docName,
      doc: this.doc,
      collab,
      onSaved: this.writer ? (stateVector, now) => this.writer.onSaved(stateVector, now) : undefined,
    });
  }

  view() {
    return this.doc;
  }
}

/** The shared paragraphs of one document, made by a client of their own before the run, and its writers' count of updates typed into them. */
function sharedParagraphs() {
  const doc = new Y.Doc();
  doc.getXmlFragment('default').push(
    Array.from({ length: SHARED_PARAGRAPHS }, () => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText()]);
      return paragraph;
    }),
  );
  const shared = { update: Y.encodeStateAsUpdate(doc), clientID: doc.clientID, clock: Y.getState(doc.store, doc.clientID), typed: 0 };
  doc.destroy();
  return shared;
}

async function inBatches(items, size, fn) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

/**
 * Opens every document's clients (writers first), then has each writer publish its paragraph. With `config.tokens`
 * (bench:flood) each client is another person, taking the tokens in turn; otherwise all use `config.token`.
 */
async function openDocuments(docNames, clientsPerDoc, writersPerDoc) {
  const started = performance.now();
  let opened = 0;
  const tokenOf = () => (config.tokens ? config.tokens[opened++ % config.tokens.length] : config.token);
  const docs = docNames.map((name, d) => {
    const participants = [];
    for (let i = 0; i < clientsPerDoc; i++) {
      // With several instances, the clients of each document (writers too) alternate between them.
      participants.push(
        new Participant(name, i < writersPerDoc ? `d${d}w${i}` : null, clientsPerDoc - 1, tokenOf(), i % (config.urls?.length ?? 1)),
      );
    }
    return { name, participants, writers: participants.filter((p) => p.writer).map((p) => p.writer) };
  });
  await inBatches(
    docs.flatMap((d) => d.participants),
    CONNECT_CONCURRENCY,
    (p) => p.client.open(),
  );
  for (const doc of docs) for (const writer of doc.writers) writer.participant.client.send(writer.setupUpdate);
  await sleep(300);
  return { docs, connectMs: performance.now() - started };
}

/**
 * Opens every document's full clients, writers first: each writer's doc holds its own paragraphs and the shared
 * ones before it connects, so its provider's first sync sends them; then waits until every client has them all.
 */
async function openFullDocuments(docNames, clientsPerDoc, writersPerDoc) {
  const started = performance.now();
  const docs = docNames.map((name, d) => {
    const shared = sharedParagraphs();
    const participants = Array.from(
      { length: clientsPerDoc },
      (_, i) => new FullParticipant(name, i < writersPerDoc ? `d${d}w${i}` : null, clientsPerDoc - 1, shared),
    );
    return { name, shared, participants, writers: participants.filter((p) => p.writer).map((p) => p.writer) };
  });
  await inBatches(
    docs.flatMap((d) => d.participants),
    CONNECT_CONCURRENCY,
    (p) => p.client.open(),
  );
  const missing = () =>
    docs.some((doc) =>
      doc.participants.some(
        (p) =>
          Y.getState(p.doc.store, doc.shared.clientID) < doc.shared.clock ||
          doc.writers.some((w) => Y.getState(p.doc.store, w.clientID) < w.base),
      ),
    );
  const deadline = performance.now() + 30_000;
  while (missing()) {
    if (performance.now() > deadline) throw new Error("some full clients did not receive every writer's paragraphs within 30 s");
    await sleep(50);
  }
  return { docs, connectMs: performance.now() - started };
}

function closeDocuments(docs) {
  for (const doc of docs) for (const p of doc.participants) p.client.close();
}

// ---------------------------------------------------------------------------------------------------------------
// Server CPU and memory around a window.

const admin = config.pg ? new pg.Client({ connectionString: config.pg.adminUrl }) : null;
if (admin) await admin.connect();

async function postgresBackends() {
  if (!admin) return [];
  const { rows } = await admin.query('SELECT pid FROM pg_stat_activity WHERE datname = $1', [config.pg.database]);
  return rows.map((r) => r.pid);
}

/** Processes of the benchmark besides these (bench:flood's attacker), counted apart from "others" while set. */
let extraPids = {};

/** Each server process is its own role: `server`, then `server2`, ... when several instances serve one scenario. */
const serverPids = config.serverPids ?? [config.serverPid];
const serverRoles = serverPids.map((_, i) => (i === 0 ? 'server' : `server${i + 1}`));

function benchPids(postgres) {
  const servers = Object.fromEntries(serverPids.map((pid, i) => [serverRoles[i], [pid]]));
  return { ...servers, generator: [process.pid], orchestrator: [process.ppid], postgres, ...extraPids };
}

/** Samples the server's RSS while a window runs (the peak counter is reset at its start where the kernel allows). */
function memoryWatch() {
  const reset = resetPeakMemory(config.serverPid);
  let peak = processMemory(config.serverPid).rssMb;
  const timer = setInterval(() => {
    peak = Math.max(peak, processMemory(config.serverPid).rssMb);
  }, 200);
  return () => {
    clearInterval(timer);
    const { rssMb, hwmMb } = processMemory(config.serverPid);
    return Math.max(peak, rssMb, reset ? hwmMb : 0);
  };
}

/**
 * Sends `rate` updates/s round-robin over the writers for warmup + measure ms. The measured window opens after
 * the warm-up; its exact bounds are the /proc snapshots taken at the first timer turn past each planned bound.
 * PostgreSQL backends are listed before and again mid-window: a backend opened during the window counts whole.
 */
async function drive(writers, rate, warmupMs, measureMs) {
  let postgres = await postgresBackends();
  const t0 = performance.now();
  const plannedStart = t0 + warmupMs;
  const plannedEnd = plannedStart + measureMs;
  const relist = setTimeout(
    () => {
      postgresBackends().then(
        (pids) => (postgres = [...new Set([...postgres, ...pids])]),
        () => undefined,
      );
    },
    warmupMs + measureMs / 2,
  );
  let sent = 0;
  let next = 0;
  /** At most 20 ms worth of updates go out in one timer turn. */
  const maxBurst = Math.max(1, Math.ceil(rate * 0.02));
  let before = null;
  let stopMemory = null;
  await new Promise((resolve) => {
    const tick = () => {
      const now = performance.now();
      if (!before && now >= plannedStart) {
        void profiler.start();
        stopMemory = memoryWatch();
        before = snapshot(benchPids(postgres));
        probes.start();
        meter.windowStart = before.at;
      }
      if (now >= plannedEnd) return resolve();
      let due = Math.floor(((now - t0) * rate) / 1000) - sent;
      if (due > maxBurst) {
        // The generator fell behind (its core was busy): skip ahead instead of bursting, so a stalled generator
        // shows as a lower sent rate rather than as server latency.
        sent += due - maxBurst;
        due = maxBurst;
      }
      for (let i = 0; i < due; i++) writers[next++ % writers.length].sendOne();
      sent += due;
      // Sleep until the next send or window bound is due (timers fire at 1 ms granularity at best).
      const after = performance.now();
      const untilSend = t0 + ((sent + 1) * 1000) / rate - after;
      const untilBound = (before ? plannedEnd : plannedStart) - after;
      setTimeout(tick, Math.max(1, Math.floor(Math.min(untilSend, untilBound))));
    };
    tick();
  });
  clearTimeout(relist);
  const after = snapshot(benchPids(postgres));
  const loop = await probes.stop();
  await profiler.stop(`${config.server}-${config.scenario.id}-${rate}`);
  meter.windowEnd = after.at;
  return { cpu: cpuBetween(before, after), peakRssMb: stopMemory(), loop };
}

/** Minga confirms durable storage with `saved`; its latency counts only once every measured update is confirmed. */
const confirmsSaves = config.server === 'minga';

async function drain(timeoutMs) {
  const deadline = performance.now() + timeoutMs;
  const done = () => meter.delivered >= meter.expected && (!confirmsSaves || meter.saved.length >= meter.sentInWindow);
  while (!done() && performance.now() < deadline) await sleep(10);
}

const round = (value, digits = 1) => (value === null || value === undefined ? null : Number(value.toFixed(digits)));

/** Closes the window: latency, throughput and CPU figures of the current meter. */
function windowResult(rate, { cpu, peakRssMb, loop }) {
  const seconds = cpu.seconds;
  const latency = meter.latency.summary();
  const first = meter.firstDelivery.summary();
  const saved = meter.saved.summary();
  const serverCpu = serverRoles.reduce((sum, role) => sum + (cpu.roles[role] ?? 0), 0);
  const serverCpuSeconds = (serverCpu / 100) * seconds;
  // Minga's work includes its PostgreSQL backends' (the peers have none: the same figure).
  const withPostgresCpuSeconds = serverCpuSeconds + ((cpu.roles.postgres ?? 0) / 100) * seconds;
  const cross = meter.crossLatency.summary();
  return {
    rate,
    seconds: round(seconds, 2),
    sentPerSec: round(meter.sentInWindow / seconds),
    expectedPerSec: round(meter.expected / seconds),
    deliveredPerSec: round(meter.deliveredInWindow / seconds),
    expected: meter.expected,
    delivered: meter.delivered,
    lost: meter.expected - meter.delivered,
    latencyMs: { p50: round(latency.p50, 2), p99: round(latency.p99, 2), max: round(latency.max, 2), count: latency.count },
    firstDeliveryMs: { p50: round(first.p50, 2), p99: round(first.p99, 2) },
    crossInstanceMs:
      serverPids.length > 1 ? { p50: round(cross.p50, 2), p99: round(cross.p99, 2), max: round(cross.max, 2), count: cross.count } : null,
    savedMs: confirmsSaves
      ? {
          p50: round(saved.p50, 2),
          p99: round(saved.p99, 2),
          max: round(saved.max, 2),
          count: saved.count,
          unconfirmed: meter.sentInWindow - saved.count,
        }
      : null,
    cpu: {
      server: round(serverCpu),
      perInstance: serverPids.length > 1 ? serverRoles.map((role) => round(cpu.roles[role])) : null,
      generator: round(cpu.roles.generator),
      postgres: round(cpu.roles.postgres),
      others: round(cpu.others),
      core0: round(cpu.cores.cpu0 ?? null),
      core1: round(cpu.cores.cpu1 ?? null),
    },
    serverUsPerDelivery: meter.deliveredInWindow ? round((serverCpuSeconds * 1e6) / meter.deliveredInWindow, 1) : null,
    serverUsPerDeliveryWithPostgres: meter.deliveredInWindow ? round((withPostgresCpuSeconds * 1e6) / meter.deliveredInWindow, 1) : null,
    /** Per server process: event-loop delay and GC pauses in the window (lib/loop-probe.cjs). */
    loop: loop.length
      ? loop.map(({ loopDelayMs: d, gc }) => ({
          loopDelayMs: { p50: round(d.p50, 2), p99: round(d.p99, 2), max: round(d.max, 2), samples: d.samples },
          gc: { count: gc.count, totalMs: round(gc.totalMs, 1), maxMs: round(gc.maxMs, 1) },
        }))
      : null,
    // Each instance's CPU over the deliveries to its own clients (it also relays its writers' updates to the others).
    usPerDeliveryPerInstance:
      serverPids.length > 1
        ? serverRoles.map((role, i) =>
            meter.deliveredByInstance[i] ? round(((cpu.roles[role] / 100) * seconds * 1e6) / meter.deliveredByInstance[i], 1) : null,
          )
        : null,
    serverRssPeakMb: round(peakRssMb),
  };
}

/** Waits (bounded) until every client has received every other writer's last update, in flight or not. */
async function settle(docs, timeoutMs = 15_000) {
  const deadline = performance.now() + timeoutMs;
  const behind = () =>
    docs.some((doc) =>
      doc.participants.some((p) =>
        doc.writers.some((w) => w !== p.writer && (p.nextClock.get(w.clientID) ?? w.base) < Y.getState(w.doc.store, w.clientID)),
      ),
    );
  while (behind() && performance.now() < deadline) await sleep(50);
}

/** Every client of a document ends with the same content, holding every writer's last update. */
async function checkConvergence(docs) {
  await settle(docs);
  const problems = [];
  for (const doc of docs) {
    let reference = null;
    for (const [i, participant] of doc.participants.entries()) {
      const view = participant.view();
      const stateVector = Y.decodeStateVector(Y.encodeStateVector(view));
      for (const writer of doc.writers) {
        const want = Y.getState(writer.doc.store, writer.clientID);
        if ((stateVector.get(writer.clientID) ?? 0) !== want) {
          problems.push(`${doc.name} client ${i}: has ${stateVector.get(writer.clientID) ?? 0}/${want} of writer ${writer.tag}`);
        }
      }
      if (view.store.pendingStructs) problems.push(`${doc.name} client ${i}: updates with missing dependencies`);
      const content = view.getXmlFragment('default').toString();
      const fingerprint = `${Buffer.from(Y.encodeStateVector(view)).toString('base64')}|${content.length}`;
      if (reference === null) reference = { fingerprint, content };
      else if (fingerprint !== reference.fingerprint || content !== reference.content) {
        problems.push(`${doc.name} client ${i}: content differs from client 0`);
      }
      if (view !== participant.doc) view.destroy();
      if (problems.length > 5) break;
    }
  }
  return { converged: problems.length === 0, problems: problems.slice(0, 5) };
}

function clientTrouble(docs) {
  const participants = docs.flatMap((d) => d.participants);
  return {
    serverErrors: participants.flatMap((p) => p.client.serverErrors).slice(0, 5),
    lostConnections: participants.filter((p) => p.client.lostConnection).length,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Scenarios.

async function runFanout(scenario, t) {
  const rssBeforeMb = processMemory(config.serverPid).rssMb;
  const open = scenario.clients === 'full' ? openFullDocuments : openDocuments;
  const { docs, connectMs } = await open(config.docNames, scenario.clientsPerDoc, scenario.writersPerDoc);
  let memoryPerDocKb;
  if (scenario.memoryPerDoc) {
    await sleep(1000);
    memoryPerDocKb = round(((processMemory(config.serverPid).rssMb - rssBeforeMb) * 1024) / docs.length, 0);
  }
  const writers = docs.flatMap((d) => d.writers);
  const window = await drive(writers, scenario.rate, t.warmupMs, t.measureMs);
  await drain(t.drainMs);
  const result = windowResult(scenario.rate, window);
  const convergence = await checkConvergence(docs);
  closeDocuments(docs);
  return { ...result, memoryPerDocKb, connectMs: round(connectMs, 0), ...convergence, ...clientTrouble(docs) };
}

async function runSaturation(scenario, t) {
  const { docs, connectMs } = await openDocuments(config.docNames, scenario.clientsPerDoc, scenario.writersPerDoc);
  const writers = docs.flatMap((d) => d.writers);
  const steps = [];
  let stopReason = 'all steps passed';
  for (let i = 0, retries = 0; i < scenario.steps.length; i++) {
    const rate = scenario.steps[i];
    meter = new Meter();
    const window = await drive(writers, rate, t.saturationWarmupMs, t.saturationMeasureMs);
    await drain(t.saturationDrainMs);
    const step = windowResult(rate, window);
    const reasons = [];
    if (step.latencyMs.p99 === null || step.latencyMs.p99 > SATURATION_P99_MS)
      reasons.push(`p99 ${step.latencyMs.p99} ms > ${SATURATION_P99_MS} ms`);
    if (step.lost > 0) reasons.push(`${step.lost} of ${step.expected} deliveries missing ${t.saturationDrainMs} ms after the window`);
    if (step.sentPerSec < rate * 0.95) reasons.push(`the generator sent only ${step.sentPerSec}/s (generator-bound)`);
    step.passed = reasons.length === 0;
    steps.push(step);
    if (!step.passed && retries < NOISY_RETRIES && step.cpu.others > NOISY_OTHERS_PCT) {
      // Failed while something outside the benchmark was using the machine: try this step again.
      step.retriedBecauseNoisy = true;
      retries++;
      i--;
      await sleep(1000);
      continue;
    }
    retries = 0;
    if (!step.passed) {
      stopReason = `${rate}/s: ${reasons.join('; ')}`;
      break;
    }
    // Let the server's batches and the next step's warm-up start from a settled state.
    await sleep(300);
  }
  const passed = steps.filter((s) => s.passed);
  const best = passed.length ? passed[passed.length - 1] : null;
  const convergence = await checkConvergence(docs);
  closeDocuments(docs);
  return { steps, maxRate: best?.rate ?? 0, best, stopReason, connectMs: round(connectMs, 0), ...convergence, ...clientTrouble(docs) };
}

/**
 * A document typed by one person: 100k single-character inserts, the cursor jumping to a random position on
 * 1.8 % of them (the rest continue where the last one ended). Pure random positions give 1.8 MB; this gives about
 * the 160 KB of a long real document's edit history.
 */
function buildTypedDocument(edits) {
  const doc = new Y.Doc();
  // A fixed client id (a random one changes the size of every encoded reference, by up to 5 %).
  doc.clientID = 1_000_000_007;
  const paragraph = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  paragraph.insert(0, [text]);
  doc.getXmlFragment('default').push([paragraph]);
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x80000000;
  };
  const letters = 'abcdefghijklmnopqrstuvwxyz ';
  let position = 0;
  for (let i = 0; i < edits; i++) {
    if (random() < 0.018) position = Math.floor(random() * (text.length + 1));
    text.insert(position, letters[i % letters.length]);
    position++;
  }
  const update = Y.encodeStateAsUpdate(doc);
  const clientID = doc.clientID;
  const clock = Y.getState(doc.store, clientID);
  doc.destroy();
  return { update, clientID, clock };
}

/** Minga unloads after its grace period; unloading compacts the log into a snapshot, which is what we wait for. */
async function waitForCompaction(db, docName, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { rows } = await db.query(
      `SELECT (SELECT count(*) FROM collab_updates WHERE doc_name = $1)::int AS pending,
              (SELECT compacted_at FROM collab_documents WHERE name = $1) AS compacted`,
      [docName],
    );
    if (rows[0].pending === 0 && rows[0].compacted) return true;
    await sleep(100);
  }
  return false;
}

/**
 * How often PostgreSQL has read the snapshot table: each cold load reads it once, so the difference over the cold
 * series shows the loads really came from storage. (The statistics reach other sessions within about a second.)
 */
async function snapshotReads(db) {
  const { rows } = await db.query(
    `SELECT (coalesce(idx_scan, 0) + coalesce(seq_scan, 0))::int AS reads FROM pg_stat_user_tables WHERE relname = 'collab_documents'`,
  );
  return rows[0]?.reads ?? 0;
}

/** One fresh client: connect, join, sync step 2; checks the step 2 holds the whole typed document. */
async function timeFreshClient(docName, big) {
  let complete = false;
  let bytes = 0;
  const client = new Client({
    url: config.url,
    token: config.token,
    docName,
    onUpdate: (update, syncType) => {
      if (syncType !== 1 || bytes) return;
      bytes = update.byteLength;
      complete = (Y.parseUpdateMeta(update).to.get(big.clientID) ?? 0) >= big.clock;
    },
  });
  const times = await client.open();
  client.close();
  return { connectToSynced: times.synced - times.start, joinToSynced: times.synced - times.joined, complete, bytes };
}

function freshSummary(results) {
  const join = new Samples();
  const connect = new Samples();
  for (const r of results) {
    join.push(r.joinToSynced);
    connect.push(r.connectToSynced);
  }
  const j = join.summary();
  const c = connect.summary();
  return {
    count: results.length,
    complete: results.filter((r) => r.complete).length,
    step2Bytes: results[0]?.bytes ?? 0,
    joinToSyncedMs: { p50: round(j.p50, 2), p95: round(j.p95, 2), max: round(j.max, 2) },
    connectToSyncedMs: { p50: round(c.p50, 2), p95: round(c.p95, 2), max: round(c.max, 2) },
  };
}

async function runCold(scenario, t) {
  const docName = config.docNames[0];
  const big = buildTypedDocument(scenario.edits);
  const stopMemory = memoryWatch();
  let savedResolve;
  const saved = new Promise((resolve) => (savedResolve = resolve));
  const uploader = new Client({
    url: config.url,
    token: config.token,
    docName,
    onSaved: (stateVector) => {
      if ((Y.decodeStateVector(stateVector).get(big.clientID) ?? 0) >= big.clock) savedResolve(true);
    },
  });
  await uploader.open();
  const uploadStarted = performance.now();
  uploader.send(big.update);

  let cold = null;
  let holder = uploader;
  let uploadSavedMs = null;
  if (config.server === 'minga') {
    const ok = await Promise.race([saved, sleep(30_000).then(() => false)]);
    if (!ok) throw new Error('Minga did not confirm the typed document as saved within 30 s');
    uploadSavedMs = performance.now() - uploadStarted;
    uploader.close();
    const db = new pg.Client({ connectionString: config.pg.benchUrl });
    await db.connect();
    try {
      if (!(await waitForCompaction(db, docName))) throw new Error('Minga did not unload and compact the document within 30 s');
      // Statistics of the compaction's own reads reach other sessions within PostgreSQL's 10 s idle flush.
      await sleep(10_500);
      const readsBefore = await snapshotReads(db);
      const coldResults = [];
      const before = snapshot(benchPids(await postgresBackends()));
      for (let i = 0; i < t.coldClients; i++) {
        coldResults.push(await timeFreshClient(docName, big));
        // Past the unload grace period (1 s in the bench), so the next client loads from PostgreSQL again.
        await sleep(1600);
      }
      const coldOthers = cpuBetween(before, snapshot(benchPids(await postgresBackends()))).others;
      // An idle backend flushes its statistics within 10 s: wait for the count to reach the joins, no longer.
      let storageReads = (await snapshotReads(db)) - readsBefore;
      for (let waited = 0; storageReads < t.coldClients && waited < 11_000; waited += 250) {
        await sleep(250);
        storageReads = (await snapshotReads(db)) - readsBefore;
      }
      cold = { ...freshSummary(coldResults), storageReads, othersCpu: round(coldOthers) };
    } finally {
      await db.end();
    }
    holder = new Client({ url: config.url, token: config.token, docName });
    await holder.open();
  } else {
    await sleep(300);
  }
  const warmResults = [];
  const postgres = await postgresBackends();
  const before = snapshot(benchPids(postgres));
  for (let i = 0; i < t.warmClients; i++) {
    warmResults.push(await timeFreshClient(docName, big));
    await sleep(50);
  }
  const warmOthers = cpuBetween(before, snapshot(benchPids(postgres))).others;
  holder.close();
  return {
    docBytes: big.update.byteLength,
    edits: scenario.edits,
    uploadSavedMs: round(uploadSavedMs, 1),
    cold,
    warm: { ...freshSummary(warmResults), othersCpu: round(warmOthers) },
    serverRssPeakMb: round(stopMemory()),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// (f) Comment delivery: how long a comment takes from its REST POST to the `comment-thread` event at every viewer.

/** A viewer of the draft: a /collab connection that joined the document and only listens for comment events. */
function openViewer(docName, onThread) {
  return new Promise((resolve, reject) => {
    const socket = io(`${config.url}/collab`, {
      auth: { token: config.token },
      parser: msgpackParser,
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      timeout: 30_000,
    });
    socket.on('connect_error', (err) => reject(new Error(`connect: ${err.message}`)));
    socket.on('comment-thread', (_docName, event) => onThread(event, performance.now()));
    socket.on('connect', () =>
      socket.emit('join', docName, (result) => (result?.ok ? resolve(socket) : reject(new Error(`join: ${result?.error?.code}`)))),
    );
  });
}

async function runComments(scenario, t) {
  const docName = config.docNames[0];
  const draftId = docName.slice('draft:'.length);
  const sentAt = new Map();
  const latency = new Samples(1 << 14);
  let deliveries = 0;
  const onThread = (event, now) => {
    const sent = sentAt.get(event.thread.comments[0]?.body);
    if (event.type !== 'thread_created' || sent === undefined) return;
    deliveries++;
    latency.push(now - sent);
  };
  const viewers = [];
  await inBatches(Array.from({ length: scenario.viewers }), CONNECT_CONCURRENCY, async () =>
    viewers.push(await openViewer(docName, onThread)),
  );
  const post = (body) =>
    fetch(`${config.url}/api/drafts/${draftId}/threads`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${config.token}` },
      body: JSON.stringify({ body }),
    }).then(async (res) => {
      if (res.status !== 201) throw new Error(`POST thread: ${res.status} ${(await res.text()).slice(0, 300)}`);
    });
  // Warm the route (module code, first database round trips) outside the measurement.
  for (let i = 0; i < 5; i++) await post(`warm-up ${i}`);
  await sleep(200);

  const postMs = new Samples(1 << 10);
  const stopMemory = memoryWatch();
  const postgres = await postgresBackends();
  const before = snapshot(benchPids(postgres));
  const interval = 1000 / t.commentsPerSecond;
  const start = performance.now();
  const posts = [];
  for (let i = 0; i < t.comments; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const body = `Bench comment ${i}: the wording of this clause should be clearer.`;
    const at = performance.now();
    sentAt.set(body, at);
    posts.push(post(body).then(() => postMs.push(performance.now() - at)));
  }
  await Promise.all(posts);
  const expected = t.comments * scenario.viewers;
  const deadline = performance.now() + t.drainMs;
  while (deliveries < expected && performance.now() < deadline) await sleep(20);
  const cpu = cpuBetween(before, snapshot(benchPids(postgres)));
  for (const socket of viewers) socket.close();
  const summary = latency.summary();
  const posted = postMs.summary();
  return {
    comments: t.comments,
    viewers: scenario.viewers,
    deliveries,
    lost: expected - deliveries,
    latencyMs: { p50: round(summary.p50), p95: round(summary.p95), p99: round(summary.p99), max: round(summary.max) },
    postMs: { p50: round(posted.p50), p99: round(posted.p99), max: round(posted.max) },
    cpu: { server: round(cpu.roles.server), postgres: round(cpu.roles.postgres), others: round(cpu.others) },
    serverRssPeakMb: round(stopMemory()),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// bench:flood: the clients of a fan-out scenario stay connected while the orchestrator asks for one measured window
// after another (with and without a flood running beside them), then for the convergence check.

/** The orchestrator's next IPC command. */
function nextCommand() {
  return new Promise((resolve) => {
    const onMessage = (msg) => {
      if (msg?.type !== 'window' && msg?.type !== 'finish') return;
      process.off('message', onMessage);
      resolve(msg);
    };
    process.on('message', onMessage);
  });
}

async function runWindows(scenario) {
  const { docs, connectMs } = await openDocuments(config.docNames, scenario.clientsPerDoc, scenario.writersPerDoc);
  const writers = docs.flatMap((d) => d.writers);
  process.send({ type: 'opened', connectMs: round(connectMs, 0) });
  for (;;) {
    const command = await nextCommand();
    if (command.type === 'finish') {
      const convergence = command.checkConvergence ? await checkConvergence(docs) : { converged: null, problems: [] };
      closeDocuments(docs);
      return { connectMs: round(connectMs, 0), ...convergence, ...clientTrouble(docs) };
    }
    meter = new Meter();
    extraPids = command.extraPids ?? {};
    const window = await drive(writers, scenario.rate, command.warmupMs, command.measureMs);
    await drain(command.drainMs);
    const waitedMs = performance.now() - meter.windowEnd;
    // A delivery still missing after the drain took at least that long: counted so, its latency is a lower bound.
    const missing = meter.expected - meter.delivered;
    for (let i = 0; i < missing; i++) meter.latency.push(waitedMs);
    const result = windowResult(scenario.rate, window);
    result.latencyLowerBound = missing > 0;
    result.drainedMs = round(waitedMs, 0);
    for (const role of Object.keys(extraPids)) result.cpu[role] = round(window.cpu.roles[role]);
    extraPids = {};
    process.send({ type: 'window-result', label: command.label, result: { ...result, ...clientTrouble(docs) } });
  }
}

// ---------------------------------------------------------------------------------------------------------------

const RUNNERS = { fanout: runFanout, saturation: runSaturation, cold: runCold, comments: runComments, windows: runWindows };

try {
  const result = await RUNNERS[config.scenario.kind](config.scenario, config.timings);
  await admin?.end();
  probes.close();
  process.send({ type: 'result', result }, () => process.exit(0));
} catch (err) {
  process.send({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) }, () => process.exit(1));
}
