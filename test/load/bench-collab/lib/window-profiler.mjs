// CPU profiles of the measured windows only (BENCH_PROFILE), of the generator and of the server: a whole-process
// profile is dominated by setting up and by the convergence check, which say nothing about the window.
import { writeFileSync, mkdirSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import WebSocket from 'ws';

/** A Chrome DevTools Protocol session with another Node process, through the inspector it opened with --inspect. */
export class RemoteSession {
  static async connect(port) {
    const [target] = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
    const socket = new WebSocket(target.webSocketDebuggerUrl);
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    return new RemoteSession(socket);
  }

  constructor(socket) {
    this.socket = socket;
    this.nextId = 1;
    this.waiting = new Map();
    socket.on('message', (data) => {
      const message = JSON.parse(String(data));
      const call = this.waiting.get(message.id);
      if (!call) return;
      this.waiting.delete(message.id);
      if (message.error) call.reject(new Error(message.error.message));
      else call.resolve(message.result);
    });
  }

  post(method, params = {}) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  disconnect() {
    this.socket.close();
  }
}

export class WindowProfiler {
  /** `dir` null: profiling is off. `serverInspectPort`: the server's inspector, to profile it as well. */
  constructor(dir, serverInspectPort = null) {
    this.dir = dir;
    this.serverInspectPort = serverInspectPort;
    this.sessions = null;
  }

  async start() {
    if (!this.dir) return;
    const local = new Session();
    local.connect();
    this.sessions = { generator: local };
    if (this.serverInspectPort) this.sessions.server = await RemoteSession.connect(this.serverInspectPort);
    for (const session of Object.values(this.sessions)) {
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    }
  }

  async stop(label) {
    if (!this.sessions) return;
    mkdirSync(this.dir, { recursive: true });
    for (const [who, session] of Object.entries(this.sessions)) {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      writeFileSync(join(this.dir, `${label}.${who}.cpuprofile`), JSON.stringify(profile));
    }
    this.sessions = null;
  }
}
