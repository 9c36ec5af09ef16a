import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NO_HUB } from './plan-history';

/** One answer, serialised and compressed once, ready to be written to any number of responses. */
interface CachedBody {
  /** The answer's bytes (UTF-8 JSON or CSV). */
  body: Buffer;
  /** The same bytes gzip- and brotli-encoded; absent for bodies too small to be worth it. */
  gzip?: Buffer;
  br?: Buffer;
  /** Strong validator of the content (each encoding gets its own suffix when sent). */
  etag: string;
}

const MAX_ENTRIES = 500;
/** Entries are whole answers (a hub's CSV exports run to megabytes): the cache is bounded by bytes as well. */
const MAX_BYTES = 256 * 1024 * 1024;
/** Below this, compressing costs more than the bytes it saves. */
const MIN_COMPRESSIBLE = 1024;

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

type Entry = CachedBody & { revision: bigint; minute: number; bytes: number };

/**
 * Aggregates (hub dashboards, open data) computed once and served until a plan of the hub changes. Every change
 * bumps the hub's revision in its own transaction (PlanHistory), and each request reads the revisions (one query for
 * the requests of a turn of the event loop), so every API instance sees a change at once. Entries also age by the minute: overdue flags move with the date and cities'
 * names or hubs change outside this domain. When only the minute has turned, the entry is served while one
 * recomputation runs in the background (so readers never queue behind the clock), never past the next minute.
 *
 * An entry holds the bytes to send, not the object: a hit costs no serialisation, and gzip and brotli run once per
 * entry (on libuv's thread pool, off the event loop) instead of once per response.
 */
@Injectable()
export class PlanDataCache {
  private readonly logger = new Logger(PlanDataCache.name);
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  /** Computations under way: concurrent requests for the same answer wait for one instead of each starting its own. */
  private readonly pending = new Map<string, Promise<Entry>>();
  /** The revision read the requests of this turn of the event loop wait for; null once it is sent. */
  private nextRead: Promise<Map<string, bigint>> | null = null;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** `hubId` undefined: the version of all hubs together (catalogues spanning every hub). */
  async get(key: string, hubId: string | null | undefined, compute: () => Promise<string>): Promise<CachedBody> {
    const revision = await this.revision(hubId);
    const minute = Math.floor(Date.now() / 60_000);
    const hit = this.entries.get(key);
    if (hit && hit.revision === revision && hit.minute >= minute - 1) {
      // Re-inserting keeps the map in least-recently-used order for eviction.
      this.entries.delete(key);
      this.entries.set(key, hit);
      if (hit.minute < minute) {
        this.computeOnce(key, revision, minute, compute).catch((error: unknown) =>
          this.logger.warn(`Refreshing ${key} failed: ${String(error)}`),
        );
      }
      return hit;
    }
    return this.computeOnce(key, revision, minute, compute);
  }

  private computeOnce(key: string, revision: bigint, minute: number, compute: () => Promise<string>): Promise<Entry> {
    const flightKey = `${key}@${revision}:${minute}`;
    const inFlight = this.pending.get(flightKey);
    if (inFlight) return inFlight;
    const computation = compute()
      .then((text) => encode(text))
      .then((encoded) => {
        const entry = {
          ...encoded,
          revision,
          minute,
          bytes: encoded.body.length + (encoded.gzip?.length ?? 0) + (encoded.br?.length ?? 0),
        };
        this.store(key, entry);
        return entry;
      })
      .finally(() => this.pending.delete(flightKey));
    this.pending.set(flightKey, computation);
    return computation;
  }

  private store(key: string, entry: Entry): void {
    const old = this.entries.get(key);
    // A slow computation must not replace what a later one stored.
    if (old && (old.revision > entry.revision || (old.revision === entry.revision && old.minute > entry.minute))) return;
    if (old) {
      this.entries.delete(key);
      this.bytes -= old.bytes;
    }
    this.entries.set(key, entry);
    this.bytes += entry.bytes;
    // Least recently used first; the entry just stored stays even if it alone is over the budget.
    for (const [oldest, value] of this.entries) {
      if ((this.entries.size <= MAX_ENTRIES && this.bytes <= MAX_BYTES) || oldest === key) break;
      this.entries.delete(oldest);
      this.bytes -= value.bytes;
    }
  }

  /** `hubId` undefined: the sum over all hubs (every change bumps one of them, so the sum moves with any change). */
  private async revision(hubId: string | null | undefined): Promise<bigint> {
    const revisions = await this.revisions();
    if (hubId !== undefined) return revisions.get(hubId ?? NO_HUB) ?? 0n;
    let sum = 0n;
    for (const revision of revisions.values()) sum += revision;
    return sum;
  }

  /**
   * Every hub's revision (one row per hub), read once for all the requests that arrive in the same turn of the event
   * loop: under load that is many requests per query. A request only joins a read that has not been sent yet, so the
   * read's snapshot is taken after the request arrived and sees every change committed before it; no answer is older
   * than its request.
   */
  private revisions(): Promise<Map<string, bigint>> {
    this.nextRead ??= new Promise((resolve, reject) => {
      setImmediate(() => {
        this.nextRead = null;
        this.db
          .query('SELECT hub_id, revision::text AS revision FROM action_plan_revisions')
          .then(
            (rows: { hub_id: string; revision: string }[]) => resolve(new Map(rows.map((r) => [r.hub_id, BigInt(r.revision)]))),
            reject,
          );
      });
    });
    return this.nextRead;
  }
}

async function encode(text: string): Promise<CachedBody> {
  const body = Buffer.from(text, 'utf8');
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
  if (body.length < MIN_COMPRESSIBLE) return { body, etag };
  // Brotli at quality 5: close to its best ratio on JSON at a small fraction of the time of its default (11).
  const [gz, br] = await Promise.all([
    gzipAsync(body, { level: 6 }),
    brotliAsync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } }),
  ]);
  return { body, gzip: gz, br, etag };
}
