import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import {
  isoDateTimeSchema,
  DEFAULT_NOTIFICATION_PREFERENCE,
  NOTIFICATION_EVENTS,
  NOTIFICATION_KINDS,
  uuidSchema,
  type EmailDelivery,
  type KindPreference,
  type MarkNotificationsRead,
  type Notification,
  type NotificationEvent,
  type NotificationKind,
  type NotificationPage,
  type NotificationPreferences,
  type UpdateNotificationPreferences,
} from '@minga/contracts';
import { decodeCursor, pageFrom } from '../../platform/common/cursor';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { MailService } from '../../platform/mail/mail.service';
import { EventsGateway } from '../../platform/realtime/events.gateway';
import type { NotificationQueryDto } from './notifications.dto';

/** Something happened that a person should hear about: on a draft's thread, or about a meeting occurrence. */
export type NotificationInput =
  | {
      userId: string;
      kind: NotificationKind;
      draftId: string;
      threadId: string;
      commentId: string | null;
      actorId: string;
      occurrenceId?: undefined;
    }
  | {
      userId: string;
      kind: NotificationKind;
      occurrenceId: string;
      actorId: string;
      draftId?: undefined;
      threadId?: undefined;
      commentId?: undefined;
    };

interface NotificationRow {
  id: string;
  user_id: string;
  kind: NotificationKind;
  draft_id: string | null;
  draft_title: string | null;
  thread_id: string | null;
  quote: string | null;
  occurrence_id: string | null;
  meeting_id: string | null;
  meeting_title: string | null;
  starts_at: Date | null;
  comment_id: string | null;
  actor_id: string;
  actor_name: string;
  created_at: Date;
  created_key: string;
  read_at: Date | null;
}

const SELECT_NOTIFICATIONS = `
  SELECT n.id, n.user_id, n.kind, n.draft_id, d.title AS draft_title, n.thread_id, t.quote, n.comment_id,
         n.occurrence_id, o.meeting_id, m.title AS meeting_title, o.starts_at,
         n.actor_id, a.name AS actor_name, n.created_at, n.read_at,
         to_char(n.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_key
  FROM notifications n
  LEFT JOIN drafts d ON d.id = n.draft_id
  LEFT JOIN comment_threads t ON t.id = n.thread_id
  LEFT JOIN meeting_occurrences o ON o.id = n.occurrence_id
  LEFT JOIN meetings m ON m.id = o.meeting_id
  JOIN users a ON a.id = n.actor_id`;

const CURSOR_KEY = z.tuple([isoDateTimeSchema, uuidSchema]);

const SUBJECTS: Record<NotificationKind, string> = {
  mention: 'mentioned you',
  reply: 'replied to your comment',
  suggestion: 'suggested a change',
  suggestion_accepted: 'accepted your suggestion',
  suggestion_rejected: 'rejected your suggestion',
  minutes_published: 'published the minutes of',
  meeting_reminder: 'invited you to',
  meeting_invited: 'invited you to',
  meeting_changed: 'changed',
  meeting_cancelled: 'cancelled',
};

/** Notifications: stored per person, pushed live to their tabs on /events, mailed at once or in a digest. */
@Injectable()
export class NotificationsService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Notifications');
  private digestTimer: NodeJS.Timeout | null = null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: EventsGateway,
    private readonly mail: MailService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.digestTimer = setInterval(() => {
      this.sendDigests().catch((err: unknown) => this.logger.error(`Digest failed: ${String(err)}`));
    }, this.config.NOTIFICATION_DIGEST_INTERVAL_MINUTES * 60_000);
    this.digestTimer.unref();
  }

  onModuleDestroy(): void {
    if (this.digestTimer) clearInterval(this.digestTimer);
  }

  /**
   * Stores and delivers notifications. Nobody hears about their own action (unless `includeActor`: a reminder of
   * the organiser's own meeting), and a person gets one notification per event (the first input for them wins, so
   * callers list mentions before replies).
   */
  async notify(inputs: NotificationInput[], options: { includeActor?: boolean } = {}): Promise<void> {
    const seen = new Set<string>();
    const wanted = inputs.filter((n) => (options.includeActor || n.userId !== n.actorId) && !seen.has(n.userId) && seen.add(n.userId));
    if (!wanted.length) return;
    const prefs = await this.preferencesOf(wanted.map((n) => n.userId));
    const rows = wanted
      .map((n) => ({ ...n, pref: prefs.get(n.userId)?.[n.kind] ?? DEFAULT_NOTIFICATION_PREFERENCE[n.kind] }))
      .filter((n) => n.pref.inApp || n.pref.email !== 'off');
    if (!rows.length) return;
    const inserted: { id: string; in_app: boolean; email: EmailDelivery }[] = await this.db.query(
      `INSERT INTO notifications (user_id, kind, draft_id, thread_id, comment_id, occurrence_id, actor_id, in_app, email)
       SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::uuid[], $4::uuid[], $5::uuid[], $9::uuid[], $6::uuid[], $7::boolean[], $8::varchar[])
       RETURNING id, in_app, email`,
      [
        rows.map((r) => r.userId),
        rows.map((r) => r.kind),
        rows.map((r) => r.draftId ?? null),
        rows.map((r) => r.threadId ?? null),
        rows.map((r) => r.commentId ?? null),
        rows.map((r) => r.actorId),
        rows.map((r) => r.pref.inApp),
        rows.map((r) => r.pref.email),
        rows.map((r) => r.occurrenceId ?? null),
      ],
    );
    const ids = inserted.map((r) => r.id);
    const views: NotificationRow[] = await this.db.query(`${SELECT_NOTIFICATIONS} WHERE n.id = ANY($1::uuid[])`, [ids]);
    const byId = new Map(inserted.map((r) => [r.id, r]));
    const live = views.filter((v) => byId.get(v.id)?.in_app);
    if (live.length) {
      const counts = await this.unreadCounts(live.map((v) => v.user_id));
      for (const view of live) {
        const event: NotificationEvent = { notification: toNotification(view), unreadCount: counts.get(view.user_id) ?? 0 };
        this.events.emitToUser(view.user_id, NOTIFICATION_EVENTS.notification, event);
      }
    }
    const immediate = views.filter((v) => byId.get(v.id)?.email === 'immediate');
    if (immediate.length && this.mail.enabled) {
      void this.mailNow(immediate).catch((err: unknown) => this.logger.error(`Mailing notifications failed: ${String(err)}`));
    }
  }

  async list(userId: string, query: NotificationQueryDto): Promise<NotificationPage> {
    const params: unknown[] = [userId];
    let where = 'WHERE n.user_id = $1 AND n.in_app';
    if (query.unread) where += ' AND n.read_at IS NULL';
    const after = decodeCursor(query.cursor, CURSOR_KEY);
    if (after) {
      params.push(after[0], after[1]);
      where += ` AND n.created_at <= $2::timestamptz AND (n.created_at < $2::timestamptz OR n.id > $3::uuid)`;
    }
    params.push(query.limit + 1);
    const rows: NotificationRow[] = await this.db.query(
      `${SELECT_NOTIFICATIONS} ${where} ORDER BY n.created_at DESC, n.id ASC LIMIT $${params.length}`,
      params,
    );
    const page = pageFrom(rows, query.limit, (r) => [r.created_key, r.id]);
    const counts = await this.unreadCounts([userId]);
    return { items: page.items.map(toNotification), nextCursor: page.nextCursor, unreadCount: counts.get(userId) ?? 0 };
  }

  /** Marks notifications read (only the caller's own; unknown ids are ignored) and tells the caller's other tabs. */
  async markRead(userId: string, input: MarkNotificationsRead): Promise<number> {
    if (input.all) {
      await this.db.query('UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL', [userId]);
    } else {
      await this.db.query('UPDATE notifications SET read_at = now() WHERE user_id = $1 AND id = ANY($2::uuid[]) AND read_at IS NULL', [
        userId,
        input.ids ?? [],
      ]);
    }
    const unreadCount = (await this.unreadCounts([userId])).get(userId) ?? 0;
    this.events.emitToUser(userId, NOTIFICATION_EVENTS.read, { unreadCount });
    return unreadCount;
  }

  async preferences(userId: string): Promise<NotificationPreferences> {
    const stored = (await this.preferencesOf([userId])).get(userId) ?? {};
    const preferences = Object.fromEntries(
      NOTIFICATION_KINDS.map((kind) => [kind, stored[kind] ?? DEFAULT_NOTIFICATION_PREFERENCE[kind]]),
    ) as Record<NotificationKind, KindPreference>;
    return { preferences, emailAvailable: this.mail.enabled };
  }

  async updatePreferences(userId: string, input: UpdateNotificationPreferences): Promise<NotificationPreferences> {
    const entries = Object.entries(input.preferences).filter((e): e is [NotificationKind, KindPreference] => e[1] !== undefined);
    if (entries.length) {
      await this.db.query(
        `INSERT INTO notification_preferences (user_id, kind, in_app, email)
         SELECT $1, * FROM unnest($2::varchar[], $3::boolean[], $4::varchar[])
         ON CONFLICT (user_id, kind) DO UPDATE SET in_app = EXCLUDED.in_app, email = EXCLUDED.email`,
        [userId, entries.map(([kind]) => kind), entries.map(([, p]) => p.inApp), entries.map(([, p]) => p.email)],
      );
    }
    return this.preferences(userId);
  }

  /**
   * One mail per person with everything due for their digest since the last one. Rows are marked only once mailed,
   * so a mail outage delays a digest rather than losing it. Runs on NOTIFICATION_DIGEST_INTERVAL_MINUTES.
   */
  /**
   * Every instance runs this sweep: each notification is claimed (marked emailed) before its mail goes out, so two
   * instances sweeping at once send each digest once; a digest whose mail fails is handed back for the next sweep.
   */
  async sendDigests(): Promise<number> {
    if (!this.mail.enabled) return 0;
    const rows: (NotificationRow & { email: string })[] = await this.db.query(
      `WITH claimed AS (
         UPDATE notifications SET emailed_at = now() WHERE id IN (
           SELECT id FROM notifications WHERE email = 'daily_digest' AND emailed_at IS NULL
           ORDER BY user_id, created_at, id LIMIT 5000 FOR UPDATE SKIP LOCKED)
         RETURNING id)
       ${SELECT_NOTIFICATIONS.replace('FROM notifications n', ', u.email FROM notifications n JOIN users u ON u.id = n.user_id')}
       WHERE n.id IN (SELECT id FROM claimed) ORDER BY n.user_id, n.created_at, n.id`,
    );
    const byUser = new Map<string, (NotificationRow & { email: string })[]>();
    for (const row of rows) byUser.set(row.user_id, [...(byUser.get(row.user_id) ?? []), row]);
    let sent = 0;
    for (const items of byUser.values()) {
      const [first] = items;
      if (!first) continue; // never: a user is in the map with a row
      const text = items.map((n) => this.line(n)).join('\n\n');
      const ok = await this.mail.send({ to: first.email, subject: `Minga: ${items.length} update(s) on your drafts`, text });
      if (ok) sent += 1;
      else await this.db.query('UPDATE notifications SET emailed_at = NULL WHERE id = ANY($1::uuid[])', [items.map((n) => n.id)]);
    }
    return sent;
  }

  private async mailNow(views: NotificationRow[]): Promise<void> {
    const emails: { id: string; email: string }[] = await this.db.query('SELECT id, email FROM users WHERE id = ANY($1::uuid[])', [
      views.map((v) => v.user_id),
    ]);
    const emailOf = new Map(emails.map((e) => [e.id, e.email]));
    for (const view of views) {
      const to = emailOf.get(view.user_id);
      if (!to) continue;
      const ok = await this.mail.send({ to, subject: this.subject(view), text: this.line(view) });
      if (ok) await this.db.query('UPDATE notifications SET emailed_at = now() WHERE id = $1', [view.id]);
    }
  }

  private subject(n: NotificationRow): string {
    if (n.kind === 'meeting_reminder')
      return `Reminder: ${n.meeting_title ?? 'a meeting'} starts ${n.starts_at ? `at ${n.starts_at.toISOString()}` : 'soon'}`;
    if (n.occurrence_id) return `${n.actor_name} ${SUBJECTS[n.kind]} ${n.meeting_title ?? 'a meeting'}`;
    return `${n.actor_name} ${SUBJECTS[n.kind]} on ${n.draft_title}`;
  }

  private line(n: NotificationRow): string {
    if (n.occurrence_id) {
      const page = n.kind === 'minutes_published' ? '/minutes' : n.kind === 'meeting_reminder' ? '/room' : '';
      return `${this.subject(n)}\n  ${this.config.publicUrl}/occurrences/${n.occurrence_id}${page}`;
    }
    const quote = n.quote ? `\n  on "${n.quote.length > 200 ? `${n.quote.slice(0, 200)}…` : n.quote}"` : '';
    return `${n.actor_name} ${SUBJECTS[n.kind]} on ${n.draft_title}${quote}\n  ${this.config.publicUrl}/drafts/${n.draft_id}?thread=${n.thread_id}`;
  }

  private async unreadCounts(userIds: string[]): Promise<Map<string, number>> {
    const rows: { user_id: string; count: number }[] = await this.db.query(
      `SELECT user_id, count(*)::int AS count FROM notifications
       WHERE user_id = ANY($1::uuid[]) AND in_app AND read_at IS NULL GROUP BY user_id`,
      [[...new Set(userIds)]],
    );
    return new Map(rows.map((r) => [r.user_id, r.count]));
  }

  private async preferencesOf(userIds: string[]): Promise<Map<string, Partial<Record<NotificationKind, KindPreference>>>> {
    const rows: { user_id: string; kind: NotificationKind; in_app: boolean; email: EmailDelivery }[] = await this.db.query(
      'SELECT user_id, kind, in_app, email FROM notification_preferences WHERE user_id = ANY($1::uuid[])',
      [userIds],
    );
    const result = new Map<string, Partial<Record<NotificationKind, KindPreference>>>();
    for (const row of rows) result.set(row.user_id, { ...result.get(row.user_id), [row.kind]: { inApp: row.in_app, email: row.email } });
    return result;
  }
}

function toNotification(row: NotificationRow): Notification {
  return {
    id: row.id,
    kind: row.kind,
    draft: row.draft_id ? { id: row.draft_id, title: row.draft_title ?? '' } : null,
    thread: row.thread_id ? { id: row.thread_id, quote: row.quote ?? '' } : null,
    meeting:
      row.occurrence_id && row.meeting_id && row.starts_at
        ? {
            occurrenceId: row.occurrence_id,
            meetingId: row.meeting_id,
            title: row.meeting_title ?? '',
            startsAt: row.starts_at.toISOString(),
          }
        : null,
    commentId: row.comment_id,
    actor: { id: row.actor_id, name: row.actor_name },
    createdAt: row.created_at.toISOString(),
    readAt: row.read_at ? row.read_at.toISOString() : null,
  };
}
