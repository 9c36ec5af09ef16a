import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { NotificationKind } from '@minga/contracts';
import { NotificationsService } from '../notifications/notifications.service';

/**
 * Tells invitees that a meeting was scheduled, changed or cancelled (in the app, by mail per their preferences).
 * Meeting notifications point at an occurrence: the one that changed, or else the meeting's next one (its first
 * when none is to come). The person who made the change is not told.
 */
@Injectable()
export class MeetingNotices {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly notifications: NotificationsService,
  ) {}

  invited(meetingId: string, userIds: string[], actorId: string): Promise<void> {
    return this.send('meeting_invited', meetingId, userIds, actorId, null);
  }

  changed(meetingId: string, userIds: string[], actorId: string, occurrenceId: string | null = null): Promise<void> {
    return this.send('meeting_changed', meetingId, userIds, actorId, occurrenceId);
  }

  cancelled(meetingId: string, userIds: string[], actorId: string, occurrenceId: string | null = null): Promise<void> {
    return this.send('meeting_cancelled', meetingId, userIds, actorId, occurrenceId);
  }

  private async send(
    kind: NotificationKind,
    meetingId: string,
    userIds: string[],
    actorId: string,
    occurrenceId: string | null,
  ): Promise<void> {
    if (!userIds.length) return;
    const target = occurrenceId ?? (await this.nextOccurrence(meetingId));
    if (!target) return;
    await this.notifications.notify(userIds.map((userId) => ({ userId, kind, occurrenceId: target, actorId })));
  }

  private async nextOccurrence(meetingId: string): Promise<string | null> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM meeting_occurrences WHERE meeting_id = $1
       ORDER BY (ends_at < now()), CASE WHEN ends_at < now() THEN NULL ELSE starts_at END, starts_at, id LIMIT 1`,
      [meetingId],
    );
    return rows[0]?.id ?? null;
  }
}
