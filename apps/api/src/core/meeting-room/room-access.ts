import { Inject, Injectable } from '@nestjs/common';
import type { MeetingResource, Principal } from '@minga/access';
import type { OccurrenceContext, RoomRole } from '@minga/contracts';
import { AccessService } from '../../platform/access/access.service';
import { Problem } from '../../platform/common/problem';

/** The meetings domain's answer about one occurrence (provided by MeetingsService, see meeting-room.module.ts). */
interface OccurrenceContexts {
  occurrenceContext(occurrenceId: string): Promise<OccurrenceContext | null>;
}
export const OCCURRENCE_CONTEXTS = Symbol('OCCURRENCE_CONTEXTS');

function meetingResource(ctx: OccurrenceContext, principal: Principal): MeetingResource {
  return {
    kind: 'Meeting',
    id: ctx.meeting.id,
    hubId: ctx.hub.id,
    organiserId: ctx.meeting.organiserId,
    invited: ctx.inviteeIds.includes(principal.id),
  };
}

/**
 * The policy's answer for the live room: who hosts (`host` on the Meeting), who takes part (`attend`), nobody else.
 * The organiser hosts even when not on the invitee list.
 */
@Injectable()
export class RoomAccess {
  constructor(
    private readonly access: AccessService,
    @Inject(OCCURRENCE_CONTEXTS) private readonly contexts: OccurrenceContexts,
  ) {}

  context(occurrenceId: string): Promise<OccurrenceContext | null> {
    return this.contexts.occurrenceContext(occurrenceId);
  }

  roleIn(ctx: OccurrenceContext, principal: Principal): RoomRole | null {
    const meeting = meetingResource(ctx, principal);
    if (this.access.can(principal, 'host', meeting)) return 'host';
    if (this.access.can(principal, 'attend', meeting)) return 'participant';
    return null;
  }

  canRead(ctx: OccurrenceContext, principal: Principal): boolean {
    return this.access.can(principal, 'read', meetingResource(ctx, principal));
  }

  /** For REST: the occurrence's context (404) and the caller's role, which must be at least `need` (403). */
  async assert(principal: Principal, occurrenceId: string, need: RoomRole): Promise<{ ctx: OccurrenceContext; role: RoomRole }> {
    const ctx = await this.context(occurrenceId);
    if (!ctx || !this.canRead(ctx, principal)) throw new Problem('not_found', 'No such meeting occurrence');
    const role = this.roleIn(ctx, principal);
    if (!role) throw new Problem('forbidden', 'You are not invited to this meeting');
    if (need === 'host' && role !== 'host') throw new Problem('forbidden', 'Only the host may do this');
    return { ctx, role };
  }
}
