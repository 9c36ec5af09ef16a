// Turns the results of `npm run bench:flood` into docs/benchmarks-flood.md: the setting, a verdict per flood, one
// table per flood (each round, and the build from before the hardening when measured).

/** The acceptance line: the victims' fan-out p99 under a flood within this multiple of its value without flood. */
export const WITHIN = 2;
/** Processes outside the benchmark using more than this (% of one core) in a window make its figures suspect. */
const QUIET_LIMIT_PCT = 10;

const fmt = (value, digits = 1) => (value === null || value === undefined || Number.isNaN(value) ? '–' : Number(value).toFixed(digits));
const int = (value) => (value === null || value === undefined ? '–' : Math.round(value).toLocaleString('en-US'));
const mb = (bytes) =>
  bytes === null || bytes === undefined
    ? '–'
    : (bytes / 2 ** 20).toLocaleString('en-US', { maximumFractionDigits: bytes < 10 * 2 ** 20 ? 1 : 0 });
const median = (values) => {
  const sorted = values.filter((v) => v !== null && v !== undefined).sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : null;
};

function table(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** p99 as measured; "≥" when some deliveries were still missing after the drain (each counted at the drain's end). */
const p99Text = (w) => `${w.latencyLowerBound ? '≥ ' : ''}${fmt(w.latencyMs.p99, 2)}`;
const countsText = (map) => {
  const entries = Object.entries(map ?? {});
  return entries.length ? entries.map(([code, n]) => `${int(n)} ${code}`).join(', ') : 'none';
};

/** What the flooder got: sent, answered, refused, and how the server treated its connections. */
function flooderText(a) {
  if (!a || a.error) return `attacker failed: ${a?.error ?? 'no result'}`;
  if (a.kind === 'burn') return `nothing sent; kept core 1 busy for ${fmt(a.floodMs / 1000, 1)} s`;
  const seconds = a.floodMs / 1000;
  const perSecond = (n) => fmt(n / seconds, 1);
  const parts = [
    `${int(a.messagesSent)} messages (${mb(a.bytesSent)} MB, ${perSecond(a.bytesSent / 2 ** 20)} MB/s) in ${fmt(seconds, 1)} s`,
  ];
  if (a.kind === 'sync' || a.kind === 'sockets')
    parts.push(`${int(a.answers)} sync answers (${mb(a.answerBytes)} MB, ${perSecond(a.answerBytes / 2 ** 20)} MB/s)`);
  if (a.kind === 'join' || a.kind === 'sockets') {
    const refused = Object.values(a.joinsRefused ?? {}).reduce((sum, n) => sum + n, 0);
    parts.push(
      `${int(a.joinsAnswered)} joins answered, ${int(a.joinsAnswered - refused)} accepted (${perSecond(a.joinsAnswered - refused)}/s; refused: ${countsText(a.joinsRefused)})`,
    );
  }
  if (a.kind === 'presence') parts.push(`${int(a.otherY)} presence broadcasts received`);
  parts.push(`${mb(a.bytesReceived)} MB received in all`);
  parts.push(`errors: ${countsText(a.errors)}`);
  return parts.join('; ');
}

function connectionsText(a) {
  if (!a || a.error) return '–';
  const parts = [`${int(a.handshakes)} handshakes (${fmt(a.handshakes / (a.floodMs / 1000), 0)}/s), ${int(a.connected)} accepted`];
  const refused = Object.keys(a.handshakesRefused ?? {}).length ? ` (refused: ${countsText(a.handshakesRefused)})` : '';
  parts[0] += refused;
  parts.push(`most open at once ${int(a.maxOpen)}`);
  parts.push(
    a.disconnectedByServer
      ? `**disconnected by the server ${int(a.disconnectedByServer)}×** (first after ${int(a.firstDisconnectMs)} ms)`
      : 'never disconnected',
  );
  return parts.join('; ');
}

/** Per build and flood: the rounds, the median round (by p99) and the ratio to the build's p99 without flood. */
function summarise(build, floodIds) {
  const baselines = build.rounds.flatMap((r) => Object.values(r.floods).map((f) => f.baseline)).filter(Boolean);
  const baseline = {
    p50: median(baselines.map((w) => w.latencyMs.p50)),
    p99: median(baselines.map((w) => w.latencyMs.p99)),
    serverCpu: median(baselines.map((w) => w.cpu.server)),
    count: baselines.reduce((sum, w) => sum + w.latencyMs.count, 0),
    windows: baselines.length,
  };
  const perFlood = {};
  for (const id of floodIds) {
    const rounds = build.rounds.map((r) => r.floods[id]).filter(Boolean);
    if (!rounds.length) continue;
    const p99Of = (r) => r.window.latencyMs.p99 ?? Infinity;
    const sorted = [...rounds].sort((x, y) => p99Of(x) - p99Of(y));
    const middle = sorted[Math.floor((sorted.length - 1) / 2)];
    const ratio = baseline.p99 ? middle.window.latencyMs.p99 / baseline.p99 : null;
    const lost = rounds.reduce((sum, r) => sum + r.window.lost, 0);
    const lowerBound = rounds.some((r) => r.window.latencyLowerBound);
    const met = ratio !== null && ratio <= WITHIN && lost === 0 && !rounds.some((r) => r.killedAtMb !== null);
    perFlood[id] = { rounds, middle, ratio, lost, lowerBound, met, samples: rounds.reduce((sum, r) => sum + r.window.latencyMs.count, 0) };
  }
  return { baseline, perFlood };
}

function rssText(r) {
  const after = r.rssAfterMb === null ? (r.killedAtMb !== null ? `killed at ${int(r.killedAtMb)}` : 'killed') : int(r.rssAfterMb);
  return `${int(r.rssBeforeMb)} → ${after} (peak ${int(r.rssPeakMb)})`;
}

function roundRows(label, r, baselineP99) {
  const w = r.window;
  return [
    label,
    `${fmt(r.baseline.latencyMs.p50, 2)} / ${fmt(r.baseline.latencyMs.p99, 2)}`,
    `${fmt(w.latencyMs.p50, 2)} / ${p99Text(w)}`,
    fmt(w.latencyMs.p99 / r.baseline.latencyMs.p99, 2),
    baselineP99 ? fmt(w.latencyMs.p99 / baselineP99, 2) : '–',
    `${int(w.latencyMs.count)}${w.lost ? ` (**${int(w.lost)} missing**)` : ''}`,
    `${fmt(r.baseline.cpu.server)} → ${fmt(w.cpu.server)}`,
    rssText(r),
    `${fmt(w.cpu.generator)} / ${fmt(w.cpu.attacker)}`,
    `${fmt(w.cpu.core1)}`,
    `${fmt(r.baseline.cpu.others)} / ${fmt(w.cpu.others)}${r.attempts > 1 ? ` (quietest of ${r.attempts} attempts)` : ''}`,
  ];
}

const ROUND_HEADER = [
  'Round',
  'without flood p50 / p99 ms',
  'with flood p50 / p99 ms',
  'p99 ÷ its own round without flood',
  'p99 ÷ baseline p99',
  'deliveries measured',
  'server CPU % (without → with)',
  'server RSS MB before → after the flood (peak)',
  'generator / attacker CPU %',
  'core 1 busy %',
  'others CPU % (without / with)',
];

export function renderFloodReport(results) {
  const { meta, floods } = results;
  const ids = floods.map((f) => f.id);
  const hardened = results.builds.hardened;
  const before = results.builds.before ?? null;
  const h = summarise(hardened, ids);
  const b = before ? summarise(before, ids) : null;
  const hardenedBuild = meta.builds.find((x) => x.key === 'hardened');
  const beforeBuild = meta.builds.find((x) => x.key === 'before');
  const allWindows = Object.values(results.builds).flatMap((build) =>
    build.rounds.flatMap((r) => Object.values(r.floods).flatMap((f) => [f.baseline, f.window])),
  );
  const othersMax = Math.max(0, ...allWindows.map((w) => w.cpu.others ?? 0));
  const othersMedian = median(allWindows.map((w) => w.cpu.others));
  const out = [];

  out.push('# Flood benchmark');
  out.push('');
  out.push(
    `Generated by \`npm run bench:flood\` (test/load/bench-collab/flood.mjs) on ${meta.date}${meta.quick ? ' — **BENCH_QUICK: harness check, figures not quotable**' : ''}.`,
  );
  out.push('');
  out.push(
    `Issue 14 asks that a flood of sync step 1 messages, joins or presence states from one account leave other documents' fan-out p99 within ${WITHIN}× of its value without the flood. This run measures the fan-out of a victim document while one account floods another document, one flood at a time.`,
  );
  out.push('');
  out.push('## Setting');
  out.push('');
  out.push(
    `- Machine: ${meta.cores} cores, ${meta.cpuModel}, ${fmt(meta.memoryGb)} GB RAM, Linux ${meta.kernel}; Node ${meta.node}. Load average before the run: ${meta.loadAverage.map((x) => fmt(x, 2)).join(', ')}; the machine used ${fmt(meta.busyBeforePct)} % of one core over 2 s before it.`,
  );
  out.push(
    `- Quiet machine: "others CPU %" is the CPU of every process outside the benchmark during a window (from /proc/stat, in % of one core); median ${fmt(othersMedian)} %, highest ${fmt(othersMax)} %${othersMax > QUIET_LIMIT_PCT ? ` — **windows above ${QUIET_LIMIT_PCT} % are marked noisy below**` : ''}. Other engineers share this machine.`,
  );
  if (meta.noisyOthersPct !== undefined) {
    const repeated = Object.values(results.builds)
      .flatMap((build) => build.rounds.flatMap((r) => Object.values(r.floods)))
      .filter((f) => f.attempts > 1).length;
    out.push(
      `- Noise: a pair of windows (without and with flood) in which processes outside the benchmark used more than ${fmt(meta.noisyOthersPct, 0)} % of a core is measured again, up to ${meta.noisyRepeats} times, and the quietest attempt kept (not for the build from before the hardening, killed after each flood); ${repeated ? `${repeated} pair(s) were measured again in this run` : 'none was needed in this run'}.`,
    );
  }
  out.push(
    `- Pinning: ${meta.pinned ? "the server alone on core 0 (`taskset -c 0`); the victims' load generator and the attacker on core 1, the attacker at nice 19 so that the generator (and its clock readings) keep their core whenever they need it, the attacker taking what is left" : '**none** (taskset or a second core missing): figures are not comparable'}.`,
  );
  out.push(
    `- Server: the built API (\`${hardenedBuild.entry}\`${hardenedBuild.commit ? `, commit ${hardenedBuild.commit}` : ''}) with its production limits (no COLLAB_*/REALTIME_* override; bench:collab lifts them), Node flag \`--max-semi-space-size=32\`, PostgreSQL persistence (${meta.postgres}). Documents unload 1 s after their last member leaves (as in bench:collab).`,
  );
  out.push(
    `- Victims: scenario (a) of bench:collab: one draft, ${meta.victims.clients} light clients of ${meta.victims.clients} different people (officials of Tsukuba invited and signed up for the run, so that per-person budgets apply to each as to real people), ${meta.victims.writers} of them writing ${meta.victims.rate} updates/s in all; latency = arrival at each of the other 49 clients − send, on the generator's clock; convergence checked at the end of each round.`,
  );
  out.push(
    `- Target: another draft of Tsukuba holding ${mb(meta.targetBytes)} MB of text (2,048 paragraphs of 1 KiB, written as one Yjs update of ${mb(meta.targetUpdateBytes)} MB), stored and compacted before the run. Attacker: the demo expert of the Japan hub, who may comment on Tsukuba's drafts and not edit them (its joins were answered with access \`${firstAccess(hardened)}\`).`,
  );
  out.push(
    `- Windows: for each flood, a window without flood, then the attacker (a separate process) connects and joins, and the next window runs with the flood; each window is ${fmt(meta.timings.warmupMs / 1000, 1)} s of warm-up and ${fmt(meta.timings.measureMs / 1000, 1)} s measured, then up to ${fmt(meta.timings.drainMs / 1000, 0)} s for late deliveries (missing ones then count at the drain's length, and p99 is marked "≥"). The flood starts as the measured window opens (its onset is measured), lasts ${fmt((meta.timings.measureMs + meta.timings.floodMarginMs) / 1000, 1)} s and stops by itself; ${fmt(meta.timings.recoverMs / 1000, 0)} s pause after it. ${meta.rounds} round(s), each on a freshly started server; a flood's row is its round with the median p99, and the baseline is the median p99 of all ${h.baseline.windows} windows without flood (${int(h.baseline.count)} deliveries).`,
  );
  out.push(
    '- The attacker keeps the workplace rules: loopback only, at most 1,000 sockets open and 20,000 handshakes, a flood of at most 30 s, and its process exits by itself within 90 s. A connection the server closes is opened again at once while the flood lasts. Its counts include the connections it opened to get ready (and, in (e), the silent one).',
  );
  if (before) {
    out.push(
      `- Before the hardening: the build \`${beforeBuild.entry}\`${beforeBuild.commit ? ` (commit ${beforeBuild.commit})` : ''}, on a database of its own seeded the same way, one round, a fresh server per flood with its own window without flood, each flood capped at ${fmt(beforeBuild.floodCapMs / 1000, 0)} s, ${fmt(meta.timings.beforeDrainMs / 1000, 0)} s for late deliveries, then the server is killed; any server past ${int(meta.rssLimitMb)} MB RSS is killed at once.`,
    );
  }
  out.push('');

  out.push('## Verdict');
  out.push('');
  out.push(
    `Baseline (no flood): victim fan-out p50 ${fmt(h.baseline.p50, 2)} ms, p99 ${fmt(h.baseline.p99, 2)} ms; server CPU ${fmt(h.baseline.serverCpu)} %.`,
  );
  out.push('');
  for (const flood of floods) {
    const s = h.perFlood[flood.id];
    if (!s) {
      out.push(`- ${flood.title}: **not measured** (${hardened.rounds.find((r) => r.error)?.error ?? 'no result'})`);
      continue;
    }
    const noisy = s.middle.window.cpu.others > QUIET_LIMIT_PCT || s.middle.baseline.cpu.others > QUIET_LIMIT_PCT;
    if (flood.control) {
      out.push(
        `- ${flood.title}: p99 ${p99Text(s.middle.window)} ms = ${fmt(s.ratio, 2)}× the baseline, with the attacker process at ${fmt(s.middle.window.cpu.attacker)} % CPU and the generator at ${fmt(s.middle.window.cpu.generator)} % on core 1 (${fmt(s.middle.window.cpu.core1)} % busy). Not a flood: ${s.ratio <= 1.5 ? "the attacker's process beside the generator does not by itself move the victims' p99, so the floods' ratios come from what they make the server do" : "**the attacker's process beside the generator moves the victims' p99 by itself**: the floods' ratios include that much"}${noisy ? ' (noisy window)' : ''}.`,
      );
      continue;
    }
    const beforeText = b?.perFlood[flood.id]
      ? `; before the hardening: p99 ${p99Text(b.perFlood[flood.id].middle.window)} ms, ${fmt(b.perFlood[flood.id].ratio, 1)}× its baseline`
      : '';
    out.push(
      `- ${flood.title}: p99 ${p99Text(s.middle.window)} ms = **${fmt(s.ratio, 2)}× the baseline: within ${WITHIN}× ${s.met ? 'met' : 'not met'}**${s.lost ? ` (${int(s.lost)} deliveries missing)` : ''}${noisy ? ' (noisy window)' : ''}${beforeText}.`,
    );
    if (flood.note) out.push(`  - ${flood.note}`);
    const plain = flood.holdIdle ? floods.find((f) => f.kind === flood.kind && !f.holdIdle && h.perFlood[f.id]) : null;
    if (plain) {
      const rate = (r) => (r.attacker?.answerBytes ?? 0) / 2 ** 20 / ((r.attacker?.floodMs ?? 1) / 1000);
      const answers = (id) => h.perFlood[id].rounds.map((r) => `${fmt(rate(r), 1)}`).join(', ');
      const perConnection = (id) =>
        h.perFlood[id].rounds.map((r) => fmt(r.attacker.answers / Math.max(1, r.attacker.connected), 1)).join(', ');
      out.push(
        `  - Sync answers the server produced, MB/s per round: (${plain.id}) ${answers(plain.id)}; (${flood.id}) ${answers(flood.id)}. In (${plain.id}), answers per connection the flooder opened: ${perConnection(plain.id)}.`,
      );
    }
  }
  out.push('');

  out.push('## Summary');
  out.push('');
  const summaryHeader = [
    'Flood',
    'victim p50 / p99 ms',
    'p99 ÷ baseline',
    `within ${WITHIN}×`,
    'server CPU %',
    'server RSS MB before → after (peak)',
    'what the flooder achieved',
    'its connections',
  ];
  const summaryRows = [
    ['none (baseline)', `${fmt(h.baseline.p50, 2)} / ${fmt(h.baseline.p99, 2)}`, '1.00', '–', fmt(h.baseline.serverCpu), '–', '–', '–'],
  ];
  for (const flood of floods) {
    const s = h.perFlood[flood.id];
    if (!s) continue;
    const r = s.middle;
    summaryRows.push([
      `(${flood.id}) ${flood.kind}`,
      `${fmt(r.window.latencyMs.p50, 2)} / ${p99Text(r.window)}`,
      fmt(s.ratio, 2),
      flood.control ? '(control)' : s.met ? 'met' : '**not met**',
      fmt(r.window.cpu.server),
      rssText(r),
      flooderText(r.attacker),
      connectionsText(r.attacker),
    ]);
  }
  out.push(table(summaryHeader, summaryRows));
  out.push('');

  if (b) {
    out.push('## Before the hardening');
    out.push('');
    out.push(
      `Baseline (no flood, median of its ${b.baseline.windows} windows): p50 ${fmt(b.baseline.p50, 2)} ms, p99 ${fmt(b.baseline.p99, 2)} ms.`,
    );
    out.push('');
    const rows = [];
    for (const flood of floods) {
      const s = b.perFlood[flood.id];
      const now = h.perFlood[flood.id];
      if (!s) continue;
      const r = s.middle;
      rows.push([
        `(${flood.id}) ${flood.kind}`,
        `${fmt(r.window.latencyMs.p50, 2)} / ${p99Text(r.window)}`,
        fmt(s.ratio, 2),
        now ? fmt(now.ratio, 2) : '–',
        `${int(r.window.latencyMs.count)}${r.window.lost ? ` (**${int(r.window.lost)} missing**)` : ''}`,
        fmt(r.window.cpu.server),
        rssText(r),
        flooderText(r.attacker),
        connectionsText(r.attacker),
      ]);
    }
    out.push(
      table(
        [
          'Flood',
          'victim p50 / p99 ms',
          'p99 ÷ its baseline',
          'hardened: p99 ÷ baseline',
          'deliveries measured',
          'server CPU %',
          'server RSS MB before → after (peak)',
          'what the flooder achieved',
          'its connections',
        ],
        rows,
      ),
    );
    out.push('');
  }

  out.push('## Each flood, round by round');
  out.push('');
  for (const flood of floods) {
    const s = h.perFlood[flood.id];
    out.push(`### ${flood.title}`);
    out.push('');
    if (!s) {
      out.push('Not measured.');
      out.push('');
      continue;
    }
    const rows = s.rounds.map((r, i) => roundRows(`hardened ${i + 1}`, r, h.baseline.p99));
    const old = b?.perFlood[flood.id];
    if (old) rows.push(...old.rounds.map((r) => roundRows('before the hardening', r, b.baseline.p99)));
    out.push(table(ROUND_HEADER, rows));
    out.push('');
    out.push(`Flooder, median round: ${flooderText(s.middle.attacker)}. Connections: ${connectionsText(s.middle.attacker)}.`);
    if (old) out.push(`Before the hardening: ${flooderText(old.middle.attacker)}. Connections: ${connectionsText(old.middle.attacker)}.`);
    const trouble = s.rounds.filter((r) => r.window.lostConnections || r.window.serverErrors?.length);
    if (trouble.length)
      out.push(
        `Victims' trouble: ${trouble.map((r) => `${r.window.lostConnections} connections lost, errors ${r.window.serverErrors.join('; ') || 'none'}`).join(' / ')}.`,
      );
    out.push('');
  }

  const sessions = hardened.sessions.filter((x) => x && 'converged' in x);
  if (sessions.length) {
    out.push('## Convergence');
    out.push('');
    out.push(
      sessions.every((x) => x.converged)
        ? `Every victim client of every round ended with the same content holding every writer's last update (${sessions.length} round(s)); victim connections dropped: ${sessions.reduce((sum, x) => sum + x.lostConnections, 0)}.`
        : `**Not converged**: ${sessions
            .flatMap((x) => x.problems ?? [])
            .slice(0, 3)
            .join('; ')}`,
    );
    out.push('');
  }
  const failed = Object.entries(results.builds).flatMap(([key, build]) =>
    build.rounds.filter((r) => r.error).map((r) => `${key} round ${r.round}: ${r.error.split('\n')[0]}`),
  );
  if (failed.length) {
    out.push('## Failures');
    out.push('');
    for (const line of failed) out.push(`- ${line}`);
    out.push('');
  }
  return out.join('\n').trimEnd();
}

function firstAccess(build) {
  for (const round of build.rounds) for (const flood of Object.values(round.floods)) if (flood.access) return flood.access;
  return 'unknown';
}
