import { Injectable } from '@nestjs/common';
import { Subject, type Observable } from 'rxjs';
import type { Role } from '@minga/contracts';

/** One role given to or taken from a person, announced once committed. */
export interface RoleChange {
  userId: string;
  change: 'granted' | 'revoked';
  role: Role;
  hubId: string | null;
  cityId: string | null;
}

/** Sessions that ended: one (sign-out) or all of a person's but one (password change). */
export type SessionsEnded = { userId: string; sessionId: string } | { userId: string; exceptSessionId: string | null };

/**
 * In-process notice that a person's roles changed. Open connections (collaboration sockets) listen and
 * re-check what that person may still do, so a revoked role takes effect on them at once; meetings listen to
 * `roleChanged$` so that invitations follow who belongs to a cohort or hub.
 */
@Injectable()
export class AccessChanges {
  private readonly changes = new Subject<string>();

  private readonly roleChanges = new Subject<RoleChange>();

  readonly userChanged$: Observable<string> = this.changes.asObservable();

  readonly roleChanged$: Observable<RoleChange> = this.roleChanges.asObservable();

  private readonly sessions = new Subject<SessionsEnded>();

  /** Open connections of an ended session close: a signed-out device keeps no live access. */
  readonly sessionsEnded$: Observable<SessionsEnded> = this.sessions.asObservable();

  endSessions(ended: SessionsEnded): void {
    this.sessions.next(ended);
  }

  publish(userId: string, change?: Omit<RoleChange, 'userId'>): void {
    this.changes.next(userId);
    if (change) this.roleChanges.next({ userId, ...change });
  }
}
