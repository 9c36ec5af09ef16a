// CPU and memory of processes and cores, read from /proc (Linux): what the benchmark reports besides latency.
import { readFileSync, writeFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat and /proc/stat (USER_HZ, 100 on every Linux we run on). */
export const CLOCK_TICKS = 100;

/** utime + stime of a process (all its threads) in clock ticks, or null when it is gone. */
export function processTicks(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}

/** VmRSS and VmHWM (peak RSS) in MB. */
export function processMemory(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
  } catch {
    return { rssMb: 0, hwmMb: 0 };
  }
}

/** Resets VmHWM to the current RSS, so the peak covers one measured window only. Needs owning the process or root. */
export function resetPeakMemory(pid) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** Busy and total ticks of the whole machine and of each core, from /proc/stat. */
export function coreTicks() {
  const result = {};
  for (const line of readFileSync('/proc/stat', 'utf8').split('\n')) {
    if (!line.startsWith('cpu')) continue;
    const [name, ...values] = line.trim().split(/\s+/);
    const [user, nice, system, idle, iowait, irq, softirq, steal] = values.map(Number);
    const busy = user + nice + system + irq + softirq + (steal || 0);
    result[name === 'cpu' ? 'all' : name] = { busy, total: busy + idle + (iowait || 0) };
  }
  return result;
}

/**
 * A snapshot of everything the window report needs. `pids` names the processes of the benchmark itself
 * (server, generator, orchestrator, PostgreSQL backends of the bench database).
 */
export function snapshot(pids) {
  const ticks = {};
  for (const [role, list] of Object.entries(pids)) {
    ticks[role] = new Map(list.map((pid) => [pid, processTicks(pid)]));
  }
  return { at: performance.now(), cores: coreTicks(), ticks };
}

/**
 * CPU use between two snapshots, as % of one core: each role, the whole machine, each core, and "others"
 * (everything on the machine that is not the benchmark). A process first seen in `after` counts whole.
 */
export function cpuBetween(before, after) {
  const seconds = (after.at - before.at) / 1000;
  const pct = (ticks) => (ticks / CLOCK_TICKS / seconds) * 100;
  const roles = {};
  let benchTicks = 0;
  for (const [role, map] of Object.entries(after.ticks)) {
    let sum = 0;
    for (const [pid, end] of map) {
      if (end === null) continue;
      const start = before.ticks[role]?.get(pid) ?? 0;
      sum += Math.max(0, end - (start ?? 0));
    }
    roles[role] = pct(sum);
    benchTicks += sum;
  }
  const cores = {};
  for (const [name, end] of Object.entries(after.cores)) {
    const start = before.cores[name];
    if (!start) continue;
    const total = end.total - start.total;
    cores[name] = total > 0 ? ((end.busy - start.busy) / total) * 100 : 0;
  }
  const machineBusyTicks = after.cores.all.busy - before.cores.all.busy;
  // /proc/stat counts the same ticks as the processes' utime+stime, with rounding: clamp at 0.
  const others = Math.max(0, pct(machineBusyTicks - benchTicks));
  return { seconds, roles, cores, others, machine: pct(machineBusyTicks) };
}
