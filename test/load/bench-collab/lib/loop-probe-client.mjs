// The generator's side of lib/loop-probe.cjs: one loopback connection per server process, opened before the
// window (so that opening it costs the window nothing), `start` at the window's start and `stop` at its end.
import { connect } from 'node:net';

export class LoopProbes {
  /** @param {number[]} ports one per server process; empty when the servers run without the probe */
  static async open(ports) {
    return new LoopProbes(await Promise.all((ports ?? []).map(openOne)));
  }

  constructor(connections) {
    this.connections = connections;
  }

  /** Sends `start` without waiting for its answer (called from inside the window's first timer turn). */
  start() {
    for (const c of this.connections) c.request('start');
  }

  /** Each server's figures for the window, in the order of the ports. */
  stop() {
    return Promise.all(this.connections.map((c) => c.request('stop').then((line) => JSON.parse(line))));
  }

  close() {
    for (const c of this.connections) c.socket.destroy();
  }
}

function openOne(port) {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    socket.setNoDelay(true);
    const waiting = [];
    let buffered = '';
    socket.on('data', (chunk) => {
      buffered += chunk;
      let newline;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        waiting.shift()?.(buffered.slice(0, newline));
        buffered = buffered.slice(newline + 1);
      }
    });
    socket.once('error', reject);
    socket.once('connect', () =>
      resolve({
        socket,
        request: (command) =>
          new Promise((answer) => {
            waiting.push(answer);
            socket.write(`${command}\n`);
          }),
      }),
    );
  });
}
