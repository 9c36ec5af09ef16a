// What the benchmark orchestrators (run.mjs, flood.mjs) share around the servers: the API build, a look at how
// busy the machine is before measuring, and the clean-up on a signal or at the end.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CLOCK_TICKS, coreTicks } from './proc-stats.mjs';
import { killAllNow, stopAll } from './processes.mjs';
import { ROOT } from './servers.mjs';

export const DEFAULT_ENTRY = join(ROOT, 'dist/apps/api/main.js');

/** The newest modification time under a folder (source files only), 0 when it does not exist. */
function newestSource(dir) {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.(ts|json)$/.test(entry.name) && !entry.name.includes('.spec.')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Builds the API when its bundle is missing or older than its sources (BENCH_NO_BUILD=1 uses it as it is). Another
 * entry (MINGA_API_ENTRY) is used as it is and must exist.
 */
export function ensureBuild(entry, log) {
  if (entry !== DEFAULT_ENTRY) {
    if (!existsSync(entry)) throw new Error(`MINGA_API_ENTRY ${entry} does not exist`);
    return;
  }
  const sources = Math.max(
    newestSource(join(ROOT, 'apps/api/src')),
    ...readdirSync(join(ROOT, 'libs')).map((lib) => newestSource(join(ROOT, 'libs', lib, 'src'))),
  );
  const built = existsSync(entry) ? statSync(entry).mtimeMs : 0;
  if (built && (built >= sources || process.env.BENCH_NO_BUILD === '1')) return;
  log(
    `${built ? 'dist/apps/api/main.js is older than the sources' : 'dist/apps/api/main.js is missing'}: building the API (npx nx run api:build)`,
  );
  const build = spawnSync('npx', ['nx', 'run', 'api:build', '--output-style=static'], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (build.status !== 0 || !existsSync(entry)) throw new Error('Building the API failed');
}

/** CPU used on the whole machine over a short sample, in % of one core. */
export async function machineBusy(ms = 2000) {
  const before = coreTicks().all;
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = coreTicks().all;
  return ((after.busy - before.busy) / CLOCK_TICKS / (ms / 1000)) * 100;
}

/**
 * Stops every child and drops the run's throw-away databases, once, on SIGINT/SIGTERM or when the run calls
 * `cleanup()` at its end. Push each database into `databases`; `isStopping()` tells a loop not to start more work.
 */
export function cleanupOnExit(log) {
  const databases = [];
  let stopping = false;
  let cleaning = null;
  const cleanup = () => {
    cleaning ??= (async () => {
      stopping = true;
      await stopAll().catch(() => undefined);
      for (const database of databases) {
        await database.drop().catch((err) => log(`could not drop ${database.name}: ${err.message}`));
        log(`dropped database ${database.name}`);
      }
    })();
    return cleaning;
  };
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ]) {
    process.on(signal, () => {
      log(`${signal}: stopping every child and dropping the databases`);
      cleanup().finally(() => process.exit(code));
    });
  }
  process.on('exit', killAllNow);
  return { databases, cleanup, isStopping: () => stopping };
}
