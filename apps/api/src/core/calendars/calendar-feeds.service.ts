import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  MAX_ACTIVE_FEEDS,
  type CalendarFeed,
  type CalendarFeedKind,
  type CreateCalendarFeed,
  type CreatedCalendarFeed,
} from '@minga/contracts';
import { PRINCIPAL_RESOLVER, type PrincipalResolver } from '../../platform/access/principal-resolver';
import { Problem } from '../../platform/common/problem';
import { returning } from '../../platform/database/returning';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

interface FeedRow {
  id: string;
  user_id: string;
  kind: CalendarFeedKind;
  cohort_id: string | null;
  cohort_name: string | null;
  created_at: Date;
  revoked_at: Date | null;
}

function toFeed(row: FeedRow): CalendarFeed {
  return {
    id: row.id,
    kind: row.kind,
    cohort: row.cohort_id ? { id: row.cohort_id, name: row.cohort_name ?? '' } : null,
    createdAt: row.created_at.toISOString(),
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}

/**
 * Secret-token subscriptions. The token (32 random bytes) is shown once; only its SHA-256 is stored, so a database
 * leak reveals no feed. A feed answers as its owner would be answered now: roles revoked, meetings gone, feed gone.
 */
@Injectable()
export class CalendarFeedsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PRINCIPAL_RESOLVER) private readonly principals: PrincipalResolver,
  ) {}

  async list(userId: string): Promise<CalendarFeed[]> {
    const rows: FeedRow[] = await this.db.query(
      `SELECT f.id, f.user_id, f.kind, f.cohort_id, co.name AS cohort_name, f.created_at, f.revoked_at
       FROM calendar_feeds f LEFT JOIN cohorts co ON co.id = f.cohort_id
       WHERE f.user_id = $1 ORDER BY f.created_at DESC, f.id`,
      [userId],
    );
    return rows.map(toFeed);
  }

  async create(userId: string, input: CreateCalendarFeed): Promise<CreatedCalendarFeed> {
    const token = randomBytes(32).toString('base64url');
    const id = await this.db.transaction(async (em) => {
      // One person's feeds are created one at a time, so the cap holds under concurrent requests.
      await em.query('SELECT 1 FROM users WHERE id = $1 FOR UPDATE', [userId]);
      const [{ active }] = await em.query('SELECT count(*)::int AS active FROM calendar_feeds WHERE user_id = $1 AND revoked_at IS NULL', [
        userId,
      ]);
      if (active >= MAX_ACTIVE_FEEDS) throw new Problem('feed_limit_reached', { max: MAX_ACTIVE_FEEDS });
      const [{ id }] = await em.query(
        'INSERT INTO calendar_feeds (user_id, kind, cohort_id, token_hash) VALUES ($1, $2, $3, $4) RETURNING id',
        [userId, input.kind, input.cohortId ?? null, hashOf(token)],
      );
      return id as string;
    });
    const feed = (await this.list(userId)).find((f) => f.id === id) as CalendarFeed;
    const url = `${this.config.publicUrl}/api/calendars/feeds/${token}.ics`;
    return { ...feed, url, webcalUrl: url.replace(/^https?:/, 'webcal:') };
  }

  async revoke(userId: string, id: string): Promise<void> {
    const rows = await returning(
      this.db,
      'UPDATE calendar_feeds SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1 AND user_id = $2 RETURNING id',
      [id, userId],
    );
    if (!rows.length) throw new Problem('not_found', 'No such calendar feed');
  }

  /** The feed a token opens, with its owner as they are now; 404 for an unknown, revoked or orphaned token. */
  async open(token: string) {
    const [row]: (FeedRow & { time_zone: string })[] = await this.db.query(
      `SELECT f.id, f.user_id, f.kind, f.cohort_id, co.name AS cohort_name, co.hub_id AS cohort_hub_id, f.created_at, f.revoked_at, u.time_zone
       FROM calendar_feeds f JOIN users u ON u.id = f.user_id LEFT JOIN cohorts co ON co.id = f.cohort_id
       WHERE f.token_hash = $1 AND f.revoked_at IS NULL`,
      [hashOf(token)],
    );
    if (!row) throw new Problem('not_found', 'No such calendar feed');
    const owner = await this.principals.load(row.user_id);
    if (!owner) throw new Problem('not_found', 'No such calendar feed');
    return { feed: row as FeedRow & { time_zone: string; cohort_hub_id: string | null }, owner };
  }
}
