import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { NotificationsService } from '../notifications/notifications.service';

interface SentReminder {
  occurrenceId: string;
  userId: string;
  kind: '24h' | '15m';
}

/**
 * Reminders 24 hours and 15 minutes before each scheduled occurrence, to every invitee who has not declined it, in
 * the app (and by mail as each person prefers, when SMTP is configured). A periodic sweep finds what is due; each
 * reminder is claimed by inserting its row (occurrence, person, kind) with ON CONFLICT DO NOTHING, so two API
 * instances sweeping at the same moment, or a sweep run twice, send it once.
 */
@Injectable()
export class MeetingReminders implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('MeetingReminders');
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly notifications: NotificationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    if (this.config.MEETING_REMINDER_SWEEP_SECONDS <= 0) return;
    this.timer = setInterval(() => {
      this.sweep().catch((err: unknown) => this.logger.error(`Reminder sweep failed: ${String(err)}`));
    }, this.config.MEETING_REMINDER_SWEEP_SECONDS * 1000);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /**
   * Sends what is due at `now`: the 24-hour reminder while the start is between 15 minutes and 24 hours away (an
   * occurrence scheduled at short notice gets only the 15-minute one), the 15-minute reminder in its last 15 minutes.
   */
  async sweep(now = new Date()): Promise<SentReminder[]> {
    const claimed: { occurrence_id: string; user_id: string; kind: '24h' | '15m'; organiser_id: string }[] = await this.db.query(
      `WITH due AS (
         SELECT o.id AS occurrence_id, i.user_id, k.kind, m.organiser_id
         FROM (VALUES ('24h', interval '24 hours'), ('15m', interval '15 minutes')) AS k(kind, lead)
         JOIN meeting_occurrences o ON o.starts_at > $1::timestamptz AND o.starts_at <= $1::timestamptz + k.lead
         JOIN meetings m ON m.id = o.meeting_id AND m.status = 'scheduled'
         JOIN meeting_invitees i ON i.meeting_id = m.id
         WHERE o.status = 'scheduled'
           AND (k.kind = '15m' OR o.starts_at > $1::timestamptz + interval '15 minutes')
           AND NOT EXISTS (SELECT 1 FROM meeting_rsvps r WHERE r.occurrence_id = o.id AND r.user_id = i.user_id AND r.response = 'no')
       ), claimed AS (
         INSERT INTO meeting_reminders (occurrence_id, user_id, kind) SELECT occurrence_id, user_id, kind FROM due
         ON CONFLICT DO NOTHING RETURNING occurrence_id, user_id, kind
       )
       SELECT c.occurrence_id, c.user_id, c.kind, d.organiser_id FROM claimed c JOIN due d USING (occurrence_id, user_id, kind)`,
      [now],
    );
    // One notify per occurrence and kind: notify keeps one notification per person and call.
    const groups = new Map<string, typeof claimed>();
    for (const row of claimed) {
      const key = `${row.occurrence_id}:${row.kind}`;
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
    for (const rows of groups.values()) {
      await this.notifications.notify(
        rows.map((r) => ({ userId: r.user_id, kind: 'meeting_reminder' as const, occurrenceId: r.occurrence_id, actorId: r.organiser_id })),
        { includeActor: true },
      );
    }
    return claimed.map((r) => ({ occurrenceId: r.occurrence_id, userId: r.user_id, kind: r.kind }));
  }
}
