// The scenarios, their sizes and timings; BENCH_QUICK=1 shortens every window to check the harness end to end.

const full = {
  comments: 200,
  commentsPerSecond: 20,
  warmupMs: Number(process.env.BENCH_WARMUP_MS ?? 2000),
  // Scenario (a) sends 50 updates a second: a 10 s p99 rested on the deliveries of about 5 of them.
  measureMs: Number(process.env.BENCH_MEASURE_MS ?? 20_000),
  drainMs: 5000,
  saturationWarmupMs: 1000,
  saturationMeasureMs: 4000,
  saturationDrainMs: 3000,
  coldClients: 20,
  warmClients: 20,
};

const quick = {
  comments: 40,
  commentsPerSecond: 20,
  warmupMs: 500,
  measureMs: 2000,
  drainMs: 2000,
  saturationWarmupMs: 300,
  saturationMeasureMs: 1000,
  saturationDrainMs: 2000,
  coldClients: 3,
  warmClients: 5,
};

export function timings(isQuick) {
  return isQuick ? quick : full;
}

/** The acceptance line for saturation: a rate step passes while p99 stays under this and nothing is lost. */
export const SATURATION_P99_MS = 100;

export const SCENARIOS = [
  {
    id: 'a',
    kind: 'fanout',
    title: '(a) 1 document, 50 clients, 5 writing, 50 updates/s',
    docs: 1,
    clientsPerDoc: 50,
    writersPerDoc: 5,
    rate: 50,
    savedLatency: true,
  },
  {
    id: 'A',
    kind: 'fanout',
    /** Each client a live Y.Doc behind the server's own provider; latency taken when the receiver has integrated. */
    clients: 'full',
    title: "(A) full clients: (a)'s load, 1 document, 50 clients, 5 writing, 50 updates/s, half of them into one shared paragraph",
    docs: 1,
    clientsPerDoc: 50,
    writersPerDoc: 5,
    rate: 50,
    savedLatency: true,
  },
  {
    id: 'b',
    kind: 'fanout',
    title: '(b) 1 document, 200 clients, 20 writing, 200 updates/s',
    docs: 1,
    clientsPerDoc: 200,
    writersPerDoc: 20,
    rate: 200,
    savedLatency: true,
  },
  {
    id: 'c',
    kind: 'fanout',
    title: '(c) 100 documents x 5 clients, 1 writer each at 1 update/s',
    docs: 100,
    clientsPerDoc: 5,
    writersPerDoc: 1,
    rate: 100,
    savedLatency: false,
    /** The server's RSS before any client and once every document is open and synced: memory per open document. */
    memoryPerDoc: true,
  },
  {
    id: 'C',
    kind: 'fanout',
    clients: 'full',
    title: "(C) full clients: (c)'s load, 100 documents x 5 clients, 1 writer each at 1 update/s, half of them into one shared paragraph",
    docs: 100,
    clientsPerDoc: 5,
    writersPerDoc: 1,
    rate: 100,
    savedLatency: false,
    memoryPerDoc: true,
  },
  {
    id: 'd',
    kind: 'saturation',
    title: '(d) saturation: 1 document, 20 clients all writing, rising rate',
    docs: 1,
    clientsPerDoc: 20,
    writersPerDoc: 20,
    steps: [1000, 2000, 4000, 6000, 8000, 10_000, 12_000, 14_000, 16_000, 18_000, 20_000, 22_000, 24_000, 26_000],
  },
  {
    id: 'e',
    kind: 'cold',
    title: '(e) loading a document built from 100k small edits',
    docs: 1,
    edits: 100_000,
  },
  {
    id: 'f',
    kind: 'comments',
    title: '(f) comment delivery: REST POST of a comment → `comment-thread` event at 50 viewers of the draft',
    docs: 1,
    viewers: 50,
    /** Minga's comments have no counterpart in the peers. */
    mingaOnly: true,
  },
  {
    id: 'g',
    kind: 'fanout',
    title:
      "(g) two instances through Redis: (a)'s load, the document's clients (writers too) split across the instances, beside one instance",
    docs: 1,
    clientsPerDoc: 50,
    writersPerDoc: 5,
    rate: 50,
    savedLatency: true,
    mingaOnly: true,
    /** Rounds alternate one Minga instance and this many, on one PostgreSQL and Redis, all on core 0. */
    instances: 2,
  },
];
