// Child processes of the benchmark: pinned to a core with taskset, tied to the orchestrator's life, all ended on exit.
import { execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';

const PRELOAD = fileURLToPath(new URL('./exit-with-parent.cjs', import.meta.url));
const children = new Set();

/** Pinning needs taskset and two cores; without either the benchmark still runs, unpinned, and says so. */
export const pinning = (() => {
  const cores = availableParallelism();
  let taskset = false;
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    taskset = true;
  } catch {
    taskset = false;
  }
  return { cores, enabled: taskset && cores >= 2 };
})();

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `node <script> ...args` on one core, with an IPC channel (ready and result messages) and the preload that
 * ends it when this process goes away. taskset execs node, so the child's pid is node's own.
 */
export function spawnNode(script, args, { core, env = {}, inheritEnv = true, cwd, quiet = false, execArgv = [] } = {}) {
  const nodeArgs = [...execArgv, '-r', PRELOAD, script, ...args];
  const [command, commandArgs] = pinning.enabled
    ? ['taskset', ['-c', String(core), process.execPath, ...nodeArgs]]
    : [process.execPath, nodeArgs];
  const child = spawn(command, commandArgs, {
    cwd,
    env: inheritEnv ? { ...process.env, ...env } : env,
    stdio: ['ignore', quiet ? 'pipe' : 'inherit', 'pipe', 'ipc'],
  });
  let output = '';
  const keep = (chunk) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr.on('data', (chunk) => {
    keep(chunk);
    if (!quiet) process.stderr.write(chunk);
  });
  children.add(child);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  exited.then(() => children.delete(child));
  return {
    child,
    pid: child.pid,
    exited,
    output: () => output,
    /** Resolves with the first IPC message of this type. */
    message: (type) =>
      new Promise((resolve, reject) => {
        const onMessage = (msg) => {
          if (msg?.type !== type) return;
          child.off('message', onMessage);
          resolve(msg);
        };
        child.on('message', onMessage);
        exited.then((code) => reject(new Error(`${script} exited (${code}) before "${type}":\n${output.slice(-4000)}`)));
      }),
    stop: (graceMs = 10_000) => stopChild(child, exited, graceMs),
  };
}

async function stopChild(child, exited, graceMs) {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  const code = await exited;
  clearTimeout(timer);
  return code;
}

/** Ends every child still running: SIGTERM, then SIGKILL after a grace period. */
export async function stopAll(graceMs = 5000) {
  await Promise.all(
    [...children].map((child) => {
      const exited = new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) resolve();
        else child.once('exit', resolve);
      });
      return stopChild(child, exited, graceMs);
    }),
  );
}

/** Same, synchronously, for the last moment of a process (the 'exit' event): SIGKILL whatever is left. */
export function killAllNow() {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}
