// CPU profiles of the generator's measured windows only (BENCH_PROFILE): a whole-process profile is dominated by
// setting up and by the convergence check, which say nothing about whether the generator kept up.
import { writeFileSync, mkdirSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

export class WindowProfiler {
  constructor(dir) {
    this.dir = dir;
    this.session = null;
  }

  async start() {
    if (!this.dir) return;
    this.session = new Session();
    this.session.connect();
    await this.session.post('Profiler.enable');
    await this.session.post('Profiler.start');
  }

  async stop(label) {
    if (!this.session) return;
    const { profile } = await this.session.post('Profiler.stop');
    this.session.disconnect();
    this.session = null;
    mkdirSync(this.dir, { recursive: true });
    writeFileSync(join(this.dir, `${label}.cpuprofile`), JSON.stringify(profile));
  }
}
