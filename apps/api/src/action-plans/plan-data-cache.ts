import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NO_HUB } from './plan-history';

export interface CachedBody {
  /** The answer serialised once (JSON or CSV text). */
  body: string;
  etag: string;
}

const MAX_ENTRIES = 500;

/**
 * Aggregates (hub dashboards, open data) computed once and served until a plan of the hub changes. Every change
 * bumps the hub's revision in its own transaction (PlanHistory), and each request reads that one row, so every API
 * instance sees a change at once. The current minute is part of the key as well: overdue flags move with the date
 * and cities' names or hubs change outside this domain, so nothing is served more than a minute past either.
 */
@Injectable()
export class PlanDataCache {
  private readonly entries = new Map<string, CachedBody & { version: string }>();
  /** Computations under way: concurrent requests for the same answer wait for one instead of each starting its own. */
  private readonly pending = new Map<string, Promise<CachedBody & { version: string }>>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** `hubId` undefined: the version of all hubs together (catalogues spanning every hub). */
  async get(key: string, hubId: string | null | undefined, compute: () => Promise<string>): Promise<CachedBody> {
    const version = `${await this.revision(hubId)}:${Math.floor(Date.now() / 60_000)}`;
    const hit = this.entries.get(key);
    if (hit && hit.version === version) {
      // Re-inserting keeps the map in least-recently-used order for eviction.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const flightKey = `${key}@${version}`;
    const inFlight = this.pending.get(flightKey);
    if (inFlight) return inFlight;
    const computation = compute()
      .then((body) => {
        const entry = { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`, version };
        this.entries.set(key, entry);
        if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
        return entry;
      })
      .finally(() => this.pending.delete(flightKey));
    this.pending.set(flightKey, computation);
    return computation;
  }

  private async revision(hubId: string | null | undefined): Promise<string> {
    const rows: { revision: string }[] =
      hubId === undefined
        ? await this.db.query('SELECT coalesce(sum(revision), 0)::text AS revision FROM action_plan_revisions')
        : await this.db.query('SELECT coalesce((SELECT revision FROM action_plan_revisions WHERE hub_id = $1), 0)::text AS revision', [hubId ?? NO_HUB]);
    return rows[0].revision;
  }
}
