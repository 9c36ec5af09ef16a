// Preloaded (`node --require`) into every server of the benchmark: measures the event-loop delay and GC pauses of
// the server between two commands of the load generator, sent over a loopback TCP port (BENCH_LOOP_PROBE_PORT).
// Outside a window it only holds an idle listening socket: no timer, no observer.
// Protocol: one line per command, `start` (answered `ok`) and `stop` (answered with the window's figures as JSON).
const { createServer } = require('node:net');
const { monitorEventLoopDelay, PerformanceObserver } = require('node:perf_hooks');

/**
 * The delay histogram samples with a timer of this period. 1 ms cost an idle process 3 % of a core (a wake-up every
 * millisecond), which would show in the servers' CPU; 10 ms costs about 0.5 % and still gives 100 samples a second.
 */
const RESOLUTION_MS = 10;

const port = Number(process.env.BENCH_LOOP_PROBE_PORT);
if (port) {
  let histogram = null;
  let observer = null;
  let gc = null;

  const start = () => {
    histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
    histogram.enable();
    gc = { count: 0, totalMs: 0, maxMs: 0 };
    observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        gc.count++;
        gc.totalMs += entry.duration;
        gc.maxMs = Math.max(gc.maxMs, entry.duration);
      }
    });
    observer.observe({ entryTypes: ['gc'] });
  };

  const stop = () => {
    if (!histogram) return { error: 'not started' };
    histogram.disable();
    observer.disconnect();
    // Each sample is the time between two timer callbacks: the period plus the delay.
    const delayMs = (ns) => Math.max(0, ns / 1e6 - RESOLUTION_MS);
    const result = {
      loopDelayMs: {
        p50: delayMs(histogram.percentile(50)),
        p99: delayMs(histogram.percentile(99)),
        max: delayMs(histogram.max),
        samples: histogram.count,
      },
      gc,
    };
    histogram = null;
    observer = null;
    return result;
  };

  const server = createServer((socket) => {
    let buffered = '';
    socket.setNoDelay(true);
    socket.on('error', () => undefined);
    socket.on('data', (chunk) => {
      buffered += chunk;
      let newline;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const command = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        if (command === 'start') {
          start();
          socket.write('ok\n');
        } else if (command === 'stop') {
          socket.write(`${JSON.stringify(stop())}\n`);
        }
      }
    });
  });
  server.listen(port, '127.0.0.1');
  // Neither the listening socket nor a connection to it keeps the server alive when it wants to exit.
  server.unref();
  server.on('connection', (socket) => socket.unref());
}
