// Turns the results of a run into docs/benchmarks.md: the setting, one table per scenario, and a verdict per target.

const serverLabels = (v) => ({
  minga: `Minga (socket.io ${v.socketIo} + socket.io-msgpack-parser, PostgreSQL persistence; its production Node flag \`--max-semi-space-size=32\`, the peers with Node's defaults)`,
  hocuspocus: `Hocuspocus ${v.hocuspocus} (\`new Server({ port, quiet: true })\`, in memory)`,
  'y-websocket': `the y-websocket ${v.yWebsocket} reference server (\`bin/utils.js\` setupWSConnection on ws, in memory)`,
});
/** The fan-out scenarios the targets compare, light and full clients. */
const FANOUT_IDS = ['a', 'A', 'b', 'c', 'C'];
const SHORT = { minga: 'Minga', 'minga-instances': 'Minga, 2 instances + Redis', hocuspocus: 'Hocuspocus', 'y-websocket': 'y-websocket' };
const PEERS = ['hocuspocus', 'y-websocket'];
/** Processes outside the benchmark using more than this (% of one core) in a window make its figures suspect. */
const QUIET_LIMIT_PCT = 10;

const fmt = (value, digits = 1) => (value === null || value === undefined || Number.isNaN(value) ? '–' : Number(value).toFixed(digits));
const int = (value) => (value === null || value === undefined ? '–' : Math.round(value).toLocaleString('en-US'));
/** How much a differs from b, in words: "12 % lower", "35 % higher", "3.4 × as high". */
function compare(a, b, lower = 'lower', higher = 'higher') {
  if (a === b) return 'equal';
  if (b > 0 && a / b >= 2) return `${fmt(a / b, 1)} × as ${higher === 'higher' ? 'high' : higher}`;
  return `${Math.abs(Math.round((a / b - 1) * 100))} % ${a < b ? lower : higher}`;
}

/** The median of a list of numbers (nulls left out; of an even count, the mean of the middle two), null when none. */
function median(values) {
  const sorted = values.filter((v) => v !== null && v !== undefined && !Number.isNaN(v)).sort((x, y) => x - y);
  if (!sorted.length) return null;
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Round by round, Minga's figure over the one of the peer `peerOf(round)` names (null: no peer), then their median. */
function medianRatio(byServer, figure, peerOf) {
  const minga = byServer.minga;
  const ratios = minga.rounds.map((round, i) => {
    const peer = peerOf(i);
    const m = figure(round);
    return peer === null || m === null || !(peer > 0) ? null : m / peer;
  });
  return { ratio: median(ratios), rounds: ratios.filter((r) => r !== null).length };
}

/** The best (lowest) of the peers' figures in round i. */
function bestPeerInRound(byServer, i, figure) {
  const values = PEERS.map((name) => byServer[name])
    .filter((r) => r && !r.error && r.rounds[i])
    .map((r) => figure(r.rounds[i]))
    .filter((v) => v !== null && v !== undefined);
  return values.length ? Math.min(...values) : null;
}

const clientsLabel = (scenario) => (scenario?.clients === 'full' ? 'full clients' : 'light clients');

function table(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function errorRow(name, result, columns) {
  return [SHORT[name], `failed: ${String(result.error).split('\n')[0].slice(0, 120)}`, ...Array(columns - 2).fill('')];
}

/** Convergence, plus whatever went wrong on the way: errors the server sent, connections it dropped. */
function converged(r) {
  const trouble = [];
  if (r.lostConnections) trouble.push(`${r.lostConnections} connections dropped`);
  if (r.serverErrors?.length) trouble.push(`server errors: ${r.serverErrors.join('; ')}`);
  const base = r.converged ? 'yes' : `**no**: ${r.problems[0] ?? ''}`;
  return trouble.length ? `${base} (${trouble.join(', ')})` : base;
}

/** Per server process: the probe's figures, joined with " / " when several instances served the scenario. */
function loopCells(r) {
  if (!r.loop) return ['–', '–'];
  return [
    r.loop.map((l) => `${fmt(l.loopDelayMs.p50, 2)} / ${fmt(l.loopDelayMs.p99, 2)} / ${fmt(l.loopDelayMs.max, 1)}`).join('; '),
    r.loop.map((l) => `${int(l.gc.count)} / ${fmt(l.gc.totalMs, 1)} / ${fmt(l.gc.maxMs, 1)}`).join('; '),
  ];
}

function fanoutTable(scenario, byServer) {
  const header = [
    'Server',
    'p50 ms',
    'p99 ms',
    'p99 min–max over rounds (each round) ms',
    'max ms',
    'first delivery p50 / p99 ms',
    'delivered/s (offered)',
    'lost',
    'server CPU %',
    'server µs / delivered update (with PostgreSQL)',
    'server RSS peak MB',
    ...(scenario.memoryPerDoc ? ['RSS per open document KB'] : []),
    'event-loop delay p50 / p99 / max ms',
    'GC pauses: count / total / max ms',
    'converged',
    'saved p50 / p99 ms',
    'PostgreSQL CPU %',
    'generator CPU %',
    'others CPU %',
    'core 0 / core 1 busy %',
  ];
  const rows = Object.entries(byServer).map(([name, r]) => {
    if (r.error) return errorRow(name, r, header.length);
    return [
      SHORT[name],
      fmt(r.latencyMs.p50, 2),
      fmt(r.latencyMs.p99, 2),
      spread(r.rounds.map((round) => round.p99)),
      fmt(r.latencyMs.max, 1),
      r.firstDeliveryMs ? `${fmt(r.firstDeliveryMs.p50, 2)} / ${fmt(r.firstDeliveryMs.p99, 2)}` : '–',
      `${int(r.deliveredPerSec)} (${int(r.expectedPerSec)})`,
      int(r.lost),
      fmt(r.cpu.server),
      name.startsWith('minga') ? `${fmt(r.serverUsPerDelivery)} (${fmt(r.serverUsPerDeliveryWithPostgres)})` : fmt(r.serverUsPerDelivery),
      fmt(r.serverRssPeakMb, 0),
      ...(scenario.memoryPerDoc ? [int(r.memoryPerDocKb)] : []),
      ...loopCells(r),
      converged(r),
      r.savedMs
        ? `${fmt(r.savedMs.p50, 1)} / ${fmt(r.savedMs.p99, 1)}${r.savedMs.unconfirmed ? ` (**${int(r.savedMs.unconfirmed)} never confirmed**)` : ''}`
        : '–',
      name.startsWith('minga') ? fmt(r.cpu.postgres) : '–',
      fmt(r.cpu.generator),
      fmt(r.cpu.others),
      `${fmt(r.cpu.core0, 0)} / ${fmt(r.cpu.core1, 0)}`,
    ];
  });
  return table(header, rows);
}

/** "min–max (each round)" of one figure over the rounds. */
function spread(values) {
  if (values.length < 2) return fmt(values[0], 2);
  return `${fmt(Math.min(...values), 2)}–${fmt(Math.max(...values), 2)} (${values.map((v) => fmt(v, 2)).join(', ')})`;
}

/** Scenario g: what crossing instances through Redis adds, per instance, beside one instance of the same run. */
function instancesTable(byServer) {
  const r = byServer['minga-instances'];
  if (!r || r.error) return '';
  const header = ['Instance', 'server CPU %', 'server µs / update delivered to its clients'];
  const rows = r.cpu.perInstance.map((cpu, i) => [String(i + 1), fmt(cpu), fmt(r.usPerDeliveryPerInstance?.[i])]);
  return [
    '',
    `Deliveries between instances (writer on one, reader on the other, through Redis): p50 ${fmt(r.crossInstanceMs.p50, 2)} ms, p99 ${fmt(r.crossInstanceMs.p99, 2)} ms, max ${fmt(r.crossInstanceMs.max, 1)} ms over ${int(r.crossInstanceMs.count)} deliveries. Both instances share core 0, as the single instance has it alone; Redis runs unpinned.`,
    '',
    table(header, rows),
  ].join('\n');
}

function instancesVerdict(results) {
  const s = results.scenarios.g;
  const single = s?.minga;
  const two = s?.['minga-instances'];
  const title = 'Two instances: cross-instance fan-out p99 ≤ single-instance p99 + 2 ms, `saved` p99 < 50 ms, nothing lost';
  if (!single || !two || single.error || two.error) return { title, verdict: 'not measured', lines: [] };
  const items = [
    {
      met: two.crossInstanceMs.p99 <= single.latencyMs.p99 + 2,
      text: `cross-instance p99 ${fmt(two.crossInstanceMs.p99, 2)} ms vs ${fmt(single.latencyMs.p99, 2)} ms on one instance (${fmt(two.crossInstanceMs.p99 - single.latencyMs.p99, 2)} ms more)${noisyNote(single, two)}`,
    },
    {
      met: two.savedMs?.p99 !== null && two.savedMs?.p99 < 50 && !two.savedMs?.unconfirmed,
      text: `saved p99 ${fmt(two.savedMs?.p99, 1)} ms on two instances (${fmt(single.savedMs?.p99, 1)} ms on one)`,
    },
    {
      met: two.lost === 0 && two.converged,
      text: `${int(two.lost)} deliveries lost over every round, converged ${two.converged ? 'yes' : 'no'}`,
    },
  ];
  return summarise(title, items);
}

function saturationTables(byServer) {
  const header = [
    'Server',
    'highest rate with p99 < 100 ms',
    'p99 ms there',
    'delivered/s there',
    'server CPU % there',
    'server µs / delivered update there',
    'generator CPU % there',
    'why the next step failed',
    'converged',
  ];
  const rows = Object.entries(byServer).map(([name, r]) => {
    if (r.error) return errorRow(name, r, header.length);
    const b = r.best;
    return [
      SHORT[name],
      b ? `${int(r.maxRate)}/s` : 'none',
      fmt(b?.latencyMs.p99, 2),
      int(b?.deliveredPerSec),
      fmt(b?.cpu.server),
      fmt(b?.serverUsPerDelivery),
      fmt(b?.cpu.generator),
      r.stopReason,
      converged(r),
    ];
  });
  const stepHeader = [
    'Server',
    'offered/s',
    'sent/s',
    'p50 ms',
    'p99 ms',
    'max ms',
    'delivered/s',
    'lost',
    'server CPU %',
    'server µs / update',
    'generator CPU %',
    'others CPU %',
    'core 0 / core 1 busy %',
    'passed',
  ];
  const stepRows = [];
  for (const [name, r] of Object.entries(byServer)) {
    for (const s of r.steps ?? []) {
      stepRows.push([
        SHORT[name],
        int(s.rate),
        int(s.sentPerSec),
        fmt(s.latencyMs.p50, 2),
        fmt(s.latencyMs.p99, 2),
        fmt(s.latencyMs.max, 1),
        int(s.deliveredPerSec),
        int(s.lost),
        fmt(s.cpu.server),
        fmt(s.serverUsPerDelivery),
        fmt(s.cpu.generator),
        fmt(s.cpu.others),
        `${fmt(s.cpu.core0, 0)} / ${fmt(s.cpu.core1, 0)}`,
        s.passed ? 'yes' : s.retriedBecauseNoisy ? 'no (machine busy: repeated)' : 'no',
      ]);
    }
  }
  return `${table(header, rows)}\n\nEvery step:\n\n${table(stepHeader, stepRows)}`;
}

function coldTable(byServer) {
  const header = [
    'Server',
    'document (update bytes)',
    'step 2 bytes',
    'cold: join → synced p50 / p95 ms',
    'cold: connect → synced p50 / p95 ms',
    'warm: join → synced p50 / p95 ms',
    'warm: connect → synced p50 / p95 ms',
    'complete',
    'snapshot reads in PostgreSQL',
    'document upload → saved ms',
    'server RSS peak MB',
    'others CPU % (cold / warm)',
  ];
  const rows = Object.entries(byServer).map(([name, r]) => {
    if (r.error) return errorRow(name, r, header.length);
    const pair = (s) => (s ? `${fmt(s.p50, 1)} / ${fmt(s.p95, 1)}` : 'n/a (no storage)');
    const complete = [r.cold, r.warm]
      .filter(Boolean)
      .map((s) => `${s.complete}/${s.count}`)
      .join(', ');
    const reads = r.cold ? `${r.cold.storageReads} for ${r.cold.count} cold joins` : '–';
    return [
      SHORT[name],
      int(r.docBytes),
      int(r.warm.step2Bytes),
      pair(r.cold?.joinToSyncedMs),
      pair(r.cold?.connectToSyncedMs),
      pair(r.warm.joinToSyncedMs),
      pair(r.warm.connectToSyncedMs),
      complete,
      reads,
      r.uploadSavedMs === null ? '–' : fmt(r.uploadSavedMs, 1),
      fmt(r.serverRssPeakMb, 0),
      `${fmt(r.cold?.othersCpu)} / ${fmt(r.warm.othersCpu)}`,
    ];
  });
  return table(header, rows);
}

/** The best peer by a figure (lower or higher is better), ignoring failed runs. */
function bestPeer(byServer, figure, lowerIsBetter) {
  let best = null;
  for (const name of PEERS) {
    const r = byServer?.[name];
    if (!r || r.error) continue;
    const value = figure(r);
    if (value === null || value === undefined) continue;
    if (!best || (lowerIsBetter ? value < best.value : value > best.value)) best = { name, value };
  }
  return best;
}

const measured = (r) => r && !r.error;

function verdicts(results, scenarios) {
  const out = [];
  const byId = Object.fromEntries(scenarios.map((s) => [s.id, s]));
  const fanout = FANOUT_IDS.filter((id) => results.scenarios[id]);
  const label = (id) => `(${id}, ${clientsLabel(byId[id])})`;

  const latency = [];
  for (const id of fanout) {
    const s = results.scenarios[id];
    const minga = s.minga;
    const peer = bestPeer(s, (r) => r.latencyMs.p99, true);
    if (!measured(minga) || !peer) {
      latency.push({ met: null, text: `${label(id)} not measured` });
      continue;
    }
    const { ratio, rounds } = medianRatio(
      s,
      (round) => round.p99,
      (i) => bestPeerInRound(s, i, (round) => round.p99),
    );
    latency.push({
      met: ratio !== null && ratio <= 1,
      text: `${label(id)} ${fmt(ratio, 2)} × the best peer's (median of ${rounds} round${rounds === 1 ? '' : 's'}); median rounds: ${fmt(minga.latencyMs.p99, 2)} ms vs ${fmt(peer.value, 2)} ms for ${SHORT[peer.name]}: ${compare(minga.latencyMs.p99, peer.value)}${noisyNote(minga, s[peer.name])}`,
    });
  }
  out.push(
    summarise(
      "Per-delivery p99 latency: Minga ≤ the best peer, with light and with full clients (in each round Minga's p99 over the best peer's, median of the rounds)",
      latency,
    ),
  );

  const cpu = [];
  for (const id of fanout) {
    const s = results.scenarios[id];
    const minga = s.minga;
    const hocuspocus = s.hocuspocus;
    if (!measured(minga) || !measured(hocuspocus)) {
      cpu.push({ met: null, text: `${label(id)} not measured` });
      continue;
    }
    const { ratio } = medianRatio(
      s,
      (round) => round.usPerDeliveryWithPostgres,
      (i) => hocuspocus.rounds[i]?.usPerDelivery ?? null,
    );
    cpu.push({
      met: ratio !== null && ratio <= 1,
      text: `${label(id)} ${fmt(ratio, 2)} × Hocuspocus's (long-term goal 0.6 ×: ${ratio !== null && ratio <= 0.6 ? 'met' : 'not met'}); median rounds: Minga ${fmt(minga.serverUsPerDeliveryWithPostgres)} µs with PostgreSQL (${fmt(minga.serverUsPerDelivery)} µs without), Hocuspocus ${fmt(hocuspocus.serverUsPerDelivery)} µs${noisyNote(minga, hocuspocus)}`,
    });
  }
  out.push(
    summarise(
      "Server CPU per delivered update ≤ 1.0 × Hocuspocus's, PostgreSQL's CPU counted for Minga (in each round, median of the rounds; long-term goal 0.6 ×)",
      cpu,
    ),
  );

  const throughput = [];
  for (const id of fanout) {
    const s = results.scenarios[id];
    const minga = s.minga;
    const peer = bestPeer(s, (r) => r.deliveredPerSec, false);
    if (!minga || minga.error || !peer) {
      throughput.push({ met: null, text: `${label(id)} not measured` });
      continue;
    }
    const m = minga.deliveredPerSec;
    // The offered load is fixed here: a server that keeps up delivers it (up to window edges, where a peer that
    // fell behind in the warm-up can even deliver more). So: nothing lost, and at least the lower of the best
    // peer's rate and the offered rate, within 1 %.
    const met = minga.lost === 0 && m >= Math.min(peer.value, minga.expectedPerSec) * 0.99;
    const lost = minga.lost ? `, ${int(minga.lost)} deliveries lost` : '';
    throughput.push({
      met,
      text: `${label(id)} ${int(m)}/s vs ${int(peer.value)}/s for ${SHORT[peer.name]} (offered ${int(minga.expectedPerSec)}/s)${lost}${noisyNote(minga, s[peer.name])}`,
    });
  }
  out.push(
    summarise(
      'Throughput at the offered loads: Minga delivers ≥ the best peer (nothing lost; delivered/s within 1 % of the best peer or of the offered rate)',
      throughput,
    ),
  );

  const sat = results.scenarios.d;
  if (sat?.minga && !sat.minga.error) {
    const peer = bestPeer(sat, (r) => r.maxRate, false);
    const m = sat.minga.maxRate;
    const top = Math.max(...(results.saturationSteps ?? [0]));
    if (!peer) out.push({ title: 'Saturation ≥ 1.2 × the best peer', verdict: 'not measured', lines: [] });
    else {
      const ratio = peer.value ? m / peer.value : Infinity;
      const ceiling = m === top && peer.value === top;
      const verdict = ceiling ? 'cannot tell' : ratio >= 1.2 ? 'met' : 'not met';
      const why = ceiling
        ? `both reached the last step (${int(top)}/s); the ladder must go higher`
        : `${int(m)}/s vs ${int(peer.value)}/s for ${SHORT[peer.name]}: ${ratio === Infinity ? 'the peer passed no step' : `${fmt(ratio, 2)} ×`}`;
      const effPeer = bestPeer(sat, (r) => r.best?.serverUsPerDelivery, true);
      const eff =
        sat.minga.best && effPeer
          ? ` Server CPU per delivered update at each one's highest passing rate: Minga ${fmt(sat.minga.best.serverUsPerDelivery)} µs, ${SHORT[effPeer.name]} ${fmt(effPeer.value)} µs.`
          : '';
      const stops = `Minga stopped at ${sat.minga.stopReason}; ${SHORT[peer.name]} at ${sat[peer.name].stopReason}.${noisyNote(sat.minga, ...PEERS.map((p) => sat[p]))}`;
      out.push({ title: 'Saturation: Minga ≥ 1.2 × the best peer', verdict, lines: [`${why}.${eff} ${stops}`] });
    }
  } else out.push({ title: 'Saturation: Minga ≥ 1.2 × the best peer', verdict: 'not measured', lines: [] });

  const saved = [];
  for (const id of fanout) {
    const r = results.scenarios[id].minga;
    if (!measured(r) || !r.savedMs) {
      saved.push({ met: null, text: `${label(id)} not measured` });
      continue;
    }
    const p99 = median(r.rounds.map((round) => round.savedP99));
    const unconfirmed = r.rounds.reduce((sum, round) => sum + (round.savedUnconfirmed ?? 0), 0);
    const met = p99 !== null && p99 < 50 && !unconfirmed;
    const margin = p99 < 50 ? `${fmt(50 - p99, 1)} ms under` : `${fmt(p99 - 50, 1)} ms over`;
    const missing = unconfirmed ? `; ${int(unconfirmed)} updates never confirmed` : '';
    saved.push({
      met,
      text: `${label(id)} p99 ${fmt(p99, 1)} ms, median of the rounds (each round: ${r.rounds.map((round) => fmt(round.savedP99, 1)).join(', ')} ms): ${margin}${missing}${noisyNote(r)}`,
    });
  }
  out.push(summarise('`saved` p99 < 50 ms in every scenario (update sent → a `saved` state vector covering it)', saved));

  const loadedLoop = results.scenarios.b?.minga;
  const loopTitle = "Minga's event-loop delay p99 < 5 ms at 200 updates/s (scenario (b), median of the rounds)";
  if (measured(loadedLoop) && loadedLoop.loop) {
    const p99 = median(loadedLoop.rounds.map((round) => round.loopDelayP99));
    const peers = PEERS.filter((name) => measured(results.scenarios.b[name]))
      .map((name) => `${SHORT[name]} ${fmt(median(results.scenarios.b[name].rounds.map((round) => round.loopDelayP99)), 2)} ms`)
      .join(', ');
    out.push({
      title: loopTitle,
      verdict: p99 !== null && p99 < 5 ? 'met' : 'not met',
      lines: [
        `p99 ${fmt(p99, 2)} ms (each round: ${loadedLoop.rounds.map((round) => fmt(round.loopDelayP99, 2)).join(', ')} ms)${peers ? `; ${peers}` : ''}.${noisyNote(loadedLoop)}`,
      ],
    });
  } else out.push({ title: loopTitle, verdict: 'not measured', lines: [] });

  const memory = [];
  for (const id of fanout.filter((id) => byId[id]?.memoryPerDoc)) {
    const s = results.scenarios[id];
    const hocuspocus = s.hocuspocus;
    if (!measured(s.minga) || !measured(hocuspocus)) {
      memory.push({ met: null, text: `${label(id)} not measured` });
      continue;
    }
    const { ratio } = medianRatio(
      s,
      (round) => round.memoryPerDocKb,
      (i) => hocuspocus.rounds[i]?.memoryPerDocKb ?? null,
    );
    memory.push({
      met: ratio !== null && ratio <= 1,
      text: `${label(id)} ${fmt(ratio, 2)} × Hocuspocus's; median rounds: Minga ${int(s.minga.memoryPerDocKb)} KB, Hocuspocus ${int(hocuspocus.memoryPerDocKb)} KB${measured(s['y-websocket']) ? `, y-websocket ${int(s['y-websocket'].memoryPerDocKb)} KB` : ''}`,
    });
  }
  out.push(
    summarise(
      "Memory per open document ≤ Hocuspocus's (server RSS with 100 documents of 5 clients open and synced, minus RSS before the first client, / 100; in each round, median of the rounds)",
      memory,
    ),
  );

  const cold = results.scenarios.e?.minga;
  if (cold && !cold.error && cold.cold) {
    const p95 = cold.cold.joinToSyncedMs.p95;
    const met = p95 < 60;
    out.push({
      title: `Cold load of the ${fmt(cold.docBytes / 1024, 0)} KB document < 60 ms p95 (join → sync step 2, loaded from PostgreSQL)`,
      verdict: met ? 'met' : 'not met',
      lines: [
        `p95 ${fmt(p95, 1)} ms, p50 ${fmt(cold.cold.joinToSyncedMs.p50, 1)} ms over ${cold.cold.count} cold loads: ${met ? `${fmt(60 - p95, 1)} ms under` : `${fmt(p95 - 60, 1)} ms over`}. With the socket.io connection and its authentication included: p95 ${fmt(cold.cold.connectToSyncedMs.p95, 1)} ms.${noisyNote(cold)}`,
      ],
    });
  } else out.push({ title: 'Cold load < 60 ms p95', verdict: 'not measured', lines: [] });

  const comments = results.scenarios.f?.minga;
  if (comments && !comments.error) {
    const p99 = comments.latencyMs.p99;
    const met = p99 !== null && p99 < 100 && comments.lost === 0;
    out.push({
      title: `A comment reaches ${comments.viewers} viewers of the draft < 100 ms p99 (REST POST → \`comment-thread\` event)`,
      verdict: met ? 'met' : 'not met',
      lines: [
        `p99 ${fmt(p99, 1)} ms (p50 ${fmt(comments.latencyMs.p50, 1)} ms, max ${fmt(comments.latencyMs.max, 1)} ms) over ${int(comments.deliveries)} deliveries of ${comments.comments} comments; ${comments.lost ? `${int(comments.lost)} never delivered` : 'none lost'}.${noisyNote(comments)}`,
      ],
    });
  } else if (results.scenarios.f) out.push({ title: 'Comment delivery < 100 ms p99', verdict: 'not measured', lines: [] });
  if (results.scenarios.g) out.push(instancesVerdict(results));
  return out;
}

function summarise(title, items) {
  const measured = items.filter((i) => i.met !== null);
  const verdict =
    measured.length === 0 ? 'not measured' : measured.every((i) => i.met) ? 'met' : measured.some((i) => i.met) ? 'partly met' : 'not met';
  return { title, verdict, lines: items.map((i) => `${i.met === null ? '–' : i.met ? 'met' : 'not met'}: ${i.text}`) };
}

/** Highest "others CPU %" over every measured window of one run (fan-out, saturation steps, cold and warm loads). */
function runNoise(r) {
  if (!r || r.error) return 0;
  let worst = 0;
  for (const w of r.steps ?? (r.cpu ? [r] : [])) worst = Math.max(worst, w.cpu.others ?? 0);
  for (const phase of [r.cold, r.warm]) worst = Math.max(worst, phase?.othersCpu ?? 0);
  return worst;
}

/** A warning for a verdict resting on windows in which something else used the machine. */
function noisyNote(...runs) {
  const worst = Math.max(0, ...runs.map(runNoise));
  return worst > QUIET_LIMIT_PCT
    ? ` (**not conclusive**: up to ${fmt(worst)} % of a core used outside the benchmark in these windows)`
    : '';
}

/** The highest CPU of processes outside the benchmark in any measured window. */
function noise(results) {
  return Math.max(0, ...Object.values(results.scenarios).flatMap((byServer) => Object.values(byServer).map(runNoise)));
}

/** Minga only: the comment is stored, its thread read back with anchors resolved, then sent to the draft's room. */
function commentsTable(scenario, byServer) {
  const r = byServer.minga;
  if (!r) return 'Not run.';
  if (r.error) return `Failed: ${String(r.error).split('\n')[0]}`;
  return [
    `One writer POSTs ${r.comments} whole-draft comments at an even pace to \`/api/drafts/:id/threads\`; ${r.viewers} socket.io connections have the draft open on \`/collab\` and time the \`comment-thread\` event of each (latency = event arrival − start of the POST, on the generator's clock). Each POST is one transaction, a read of the thread with its comments, and one prebuilt frame to the room. The peers have no comments.`,
    '',
    '| server | deliveries | lost | p50 ms | p95 ms | p99 ms | max ms | POST p50 ms | POST p99 ms | server CPU % | PostgreSQL CPU % | RSS peak MB | others CPU % |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| Minga | ${int(r.deliveries)} | ${int(r.lost)} | ${fmt(r.latencyMs.p50, 1)} | ${fmt(r.latencyMs.p95, 1)} | ${fmt(r.latencyMs.p99, 1)} | ${fmt(r.latencyMs.max, 1)} | ${fmt(r.postMs.p50, 1)} | ${fmt(r.postMs.p99, 1)} | ${fmt(r.cpu.server)} | ${fmt(r.cpu.postgres)} | ${fmt(r.serverRssPeakMb)} | ${fmt(r.cpu.others)} |`,
  ].join('\n');
}

export function renderReport(results, scenarios) {
  const { meta } = results;
  const worstNoise = noise(results);
  const lines = [];
  lines.push('# Collaboration benchmark');
  lines.push('');
  lines.push(
    `Generated by \`npm run bench:collab\` (test/load/bench-collab/) on ${meta.date}${meta.quick ? ' — **BENCH_QUICK run: 2-second windows, for checking the harness only; do not quote these figures**' : ''}.`,
  );
  lines.push('');
  lines.push('## Setting');
  lines.push('');
  lines.push(`- Machine: ${meta.cores} cores, ${meta.cpuModel}, ${fmt(meta.memoryGb, 1)} GB RAM, Linux ${meta.kernel}; Node ${meta.node}.`);
  lines.push(
    `- Before the run: load average ${meta.loadAverage.map((l) => fmt(l, 2)).join(', ')}; the machine used ${fmt(meta.busyBeforePct)} % of one core over 2 s.`,
  );
  lines.push(
    `- Pinning: ${meta.pinned ? 'each server runs alone, pinned to core 0 (`taskset -c 0`); the load generator is one process pinned to core 1' : '**not pinned** (taskset or a second core missing): server and generator share the cores, figures are not comparable with pinned runs'}. Servers run one at a time, each freshly started for each scenario.`,
  );
  lines.push(
    "- Light clients: each client is one connection speaking the server's own wire protocol (Minga: a raw `ws` socket speaking engine.io v4 and socket.io packets in the msgpack parser's encoding, `join` then `y` events, as socket.io-client with socket.io-msgpack-parser would send them; the Yjs message of an arriving `y` event is located in the packet without decoding its strings, as the other light clients read theirs, since with hundreds of clients in one process a full decode of each packet made the generator, not the server, set the pace of a broadcast; y-websocket: a raw `ws` socket per document with the name in the URL path; Hocuspocus: a raw `ws` socket with its document-name prefix and authentication message). In the light-client scenarios (lower-case ids) no client holds a provider or a live Y.Doc during the measurement.",
  );
  lines.push(
    `- Full clients (scenarios A and C): each client is a live Y.Doc behind the server's own provider, as an editor holds it, with the provider's defaults (awareness included): Minga's \`SocketIOProvider\` (libs/collab, bundled at the start of the run), \`@hocuspocus/provider\` ${meta.versions.hocuspocusProvider} and y-websocket ${meta.versions.yWebsocket}'s \`WebsocketProvider\` (BroadcastChannel off, so that every update goes through the server), all on \`ws\`. Writers type every other update at a random place of one paragraph all the document's writers share (a new one every 256 updates), the others into paragraphs of their own; an update counts as delivered when the receiver's doc has integrated it (its \`update\` event for a transaction that came from the provider, read with \`Y.parseUpdateMeta\`), so the latency includes the provider's decoding and Yjs's integration, and an update waiting for a missing one counts from when both are in. Convergence is checked on the live docs. Minga's \`saved\` is read from the provider's socket.`,
  );
  lines.push(
    `- Updates: each writer has its own Y.Doc and types into paragraphs of its own in the editor's \`default\` XmlFragment, 256 updates (4 KB) per paragraph (one ever-growing paragraph would measure Yjs's string merging: encoding each update then copies the whole merged string); every update inserts exactly 16 characters, so the Yjs clock of an arriving update identifies its send time (kept in the generator). Receivers read arriving updates with \`Y.parseUpdateMeta\` only; latency = arrival − send, both on the generator's clock; "first delivery" is, per update, the latency of its earliest arrival at any client, the server's own delay without the spread of writing to every client (and of the generator reading them all). At the end every client merges all it received into a Y.Doc: converged = every client has identical content holding every writer's last update.`,
  );
  lines.push(
    `- Rounds: each fan-out scenario runs ${meta.rounds} time${meta.rounds === 1 ? '' : 's'}, the three servers taking turns, each freshly started; a server's row is its round with the median p99 (lost deliveries are summed and convergence required over all rounds). While building this, single windows of the same server and scenario on this machine differed by up to 2.5× in p99 and 1.5× in server CPU, with nothing else running in it (the host is shared), so one window per server decided little. "p99 min–max over rounds" shows that spread for each server; the targets compare the servers inside each round and take the median of the rounds.`,
    `- Windows: warm-up (fan-out scenarios ${meta.timings.warmupMs / 1000} s), then the measured window (fan-out scenarios ${meta.timings.measureMs / 1000} s; CPU from \`/proc/<pid>/stat\` utime+stime, RSS peak from VmHWM reset at the window start and sampled VmRSS), then a drain in which late deliveries still count for latency (undelivered ones count as lost).`,
  );
  lines.push(
    "- Server internals: every server is started with a preload (`test/load/bench-collab/lib/loop-probe.cjs`) that the generator switches on at the window's start and off at its end over a loopback socket: event-loop delay from `perf_hooks.monitorEventLoopDelay` sampling every 10 ms (each sample minus the 10 ms period; timer granularity puts about 1–3 ms of delay even in an idle process, see the quiet scenarios), GC pauses from a `PerformanceObserver` of `gc` entries. Outside the window it holds an idle socket only. Memory per open document: the server's RSS once 100 documents of 5 clients each are open, synced and settled for a second, minus its RSS before the first client connected, divided by 100 (scenarios (c) and (C)).",
  );
  lines.push(
    `- Persistence: Minga runs in its normal mode, every update appended to PostgreSQL (${meta.postgres}) before \`saved\` is sent; the CPU of its PostgreSQL backends is reported apart (WAL writer and fsync are not included). The peers keep documents in memory only.`,
  );
  lines.push(
    `- Quiet machine: "others CPU %" is the CPU of every process outside the benchmark during the window (from /proc/stat, in % of one core). The highest seen in this run: ${fmt(worstNoise)} %${worstNoise > QUIET_LIMIT_PCT ? ' — **the machine was not quiet; treat the figures as noisy**' : ''}.`,
  );
  const labels = serverLabels(meta.versions);
  lines.push(`- Servers: ${meta.servers.map((s) => labels[s]).join('; ')}; Yjs ${meta.versions.yjs} everywhere.`);
  lines.push('');
  lines.push('## Targets');
  lines.push('');
  for (const v of verdicts(results, scenarios)) {
    lines.push(`- **${v.title}: ${v.verdict}.**`);
    for (const line of v.lines) lines.push(`  - ${line}`);
  }
  lines.push('');
  lines.push(
    'What was changed to approach these targets, and what was tried and left out, each with its A/B figures: ' +
      '[benchmarks-tail.md](benchmarks-tail.md) (written by hand).',
  );
  lines.push('');
  for (const scenario of scenarios) {
    const byServer = results.scenarios[scenario.id];
    if (!byServer) continue;
    lines.push(`## ${scenario.title}`);
    lines.push('');
    if (scenario.kind === 'fanout') lines.push(fanoutTable(scenario, byServer));
    if (scenario.instances) lines.push(instancesTable(byServer));
    if (scenario.kind === 'saturation') lines.push(saturationTables(byServer));
    if (scenario.kind === 'comments') lines.push(commentsTable(scenario, byServer));
    if (scenario.kind === 'cold') {
      lines.push(
        'Cold: Minga only (the peers keep documents in memory, nothing to load): each client joins after the document was unloaded (1 s grace) and is read back from PostgreSQL. Warm: the document is held open by another client. Join → synced is from the join (Minga) or the WebSocket open (peers) to sync step 2; connect → synced includes the connection and, for Minga, its token check.',
      );
      lines.push('');
      lines.push(coldTable(byServer));
    }
    lines.push('');
  }
  return lines.join('\n');
}
