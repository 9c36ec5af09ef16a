import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { z } from 'zod';
import type { Principal } from '@minga/access';
import {
  isoDateTimeSchema,
  uuidSchema,
  type CreatedInvitation,
  type Invitation,
  type InvitationPreview,
  type InvitationQuery,
  type InvitationStatus,
  type Page,
  type RoleGrant,
  type SignUp,
} from '@minga/contracts';
import { AccessService } from '../../platform/access/access.service';
import { SqlConditions } from '../../platform/common/sql-conditions';
import { decodeCursor, pageFrom } from '../../platform/common/cursor';
import { Problem } from '../../platform/common/problem';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { MailService } from '../../platform/mail/mail.service';
import { RolesService } from '../roles/roles.service';
import type { UserEntity } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { InvitationEntity } from './invitation.entity';
import { hashInvitationToken, newInvitationToken } from './invitation-token';

interface InvitationRow {
  id: string;
  email: string;
  role: Invitation['role'];
  hub_id: string | null;
  city_id: string | null;
  scope_hub_id: string | null;
  scope_name: string | null;
  invited_by: string | null;
  inviter_name: string | null;
  expires_at: Date;
  accepted_at: Date | null;
  revoked_at: Date | null;
  created_at: Date;
  created_key: string;
}

const SELECT_INVITATIONS = `
  SELECT i.id, i.email, i.role, i.hub_id, i.city_id, i.invited_by, i.expires_at, i.accepted_at, i.revoked_at, i.created_at,
         COALESCE(i.hub_id, c.hub_id) AS scope_hub_id, COALESCE(h.name, c.name) AS scope_name, u.name AS inviter_name,
         -- The cursor needs the full microseconds; a JS Date keeps only milliseconds and paging would skip rows.
         to_char(i.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_key
  FROM invitations i
  LEFT JOIN hubs h ON h.id = i.hub_id
  LEFT JOIN cities c ON c.id = i.city_id
  LEFT JOIN users u ON u.id = i.invited_by`;

const CURSOR_KEY = z.tuple([isoDateTimeSchema, uuidSchema]);

const STATUS_SQL: Record<InvitationStatus, string> = {
  pending: 'i.revoked_at IS NULL AND i.accepted_at IS NULL AND i.expires_at > now()',
  accepted: 'i.accepted_at IS NOT NULL',
  revoked: 'i.revoked_at IS NOT NULL',
  expired: 'i.revoked_at IS NULL AND i.accepted_at IS NULL AND i.expires_at <= now()',
};

@Injectable()
export class InvitationsService {
  constructor(
    @InjectRepository(InvitationEntity) private readonly repo: Repository<InvitationEntity>,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly roles: RolesService,
    private readonly users: UsersService,
    private readonly mail: MailService,
    private readonly access: AccessService,
  ) {}

  async create(input: RoleGrant & { email: string }, inviter: Principal & { name: string }): Promise<CreatedInvitation> {
    const { scopeHubId } = await this.roles.scopeOf(input);
    this.access.assert(inviter, 'create', { kind: 'Invitation', role: input.role, scopeHubId, cityId: input.cityId });
    const { token, hash } = newInvitationToken();
    const expiresAt = new Date(Date.now() + this.config.INVITATION_TTL_DAYS * 86_400_000);
    const saved = await this.repo.save(
      this.repo.create({
        email: input.email,
        role: input.role,
        hubId: input.hubId,
        cityId: input.cityId,
        tokenHash: hash,
        invitedBy: inviter.id,
        expiresAt,
      }),
    );
    const invitation = await this.findOne(saved.id);
    const inviteUrl = `${this.config.publicUrl}/invitations/${token}`;
    const emailed = await this.mail.send({
      to: input.email,
      subject: `${inviter.name} invited you to Minga`,
      text: `${inviter.name} invited you to join Minga as ${input.role}${invitation.scopeName ? ` (${invitation.scopeName})` : ''}.\n\nAccept the invitation: ${inviteUrl}\n\nThe link expires on ${expiresAt.toUTCString()}.`,
    });
    return { invitation, inviteUrl, emailed };
  }

  async list(query: InvitationQuery, viewer: Principal): Promise<Page<Invitation>> {
    const conditions = new SqlConditions();
    if (query.hubId) conditions.add('COALESCE(i.hub_id, c.hub_id) = ?', query.hubId);
    if (query.status) conditions.add(STATUS_SQL[query.status]);
    const after = decodeCursor(query.cursor, CURSOR_KEY);
    if (after) conditions.add('(i.created_at, i.id) < (?::timestamptz, ?::uuid)', after[0], after[1]);
    const limit = conditions.param(query.limit + 1);
    const rows: InvitationRow[] = await this.db.query(
      `${SELECT_INVITATIONS} ${conditions.where()}
       ORDER BY i.created_at DESC, i.id DESC LIMIT ${limit}`,
      conditions.params,
    );
    const ability = this.access.abilityFor(viewer);
    const page = pageFrom(rows, query.limit, (r) => [r.created_key, r.id]);
    // The controller already limited non-admins to a hub they coordinate; this drops rows of roles they cannot grant.
    const visible = page.items.filter((r) =>
      ability.can('read', { kind: 'Invitation', role: r.role, scopeHubId: r.scope_hub_id, cityId: r.city_id }),
    );
    return { items: visible.map(toInvitation), nextCursor: page.nextCursor };
  }

  async findOne(id: string): Promise<Invitation> {
    return (await this.findWithScope(id)).invitation;
  }

  async findWithScope(id: string): Promise<{ invitation: Invitation; scopeHubId: string | null }> {
    const [row]: InvitationRow[] = await this.db.query(`${SELECT_INVITATIONS} WHERE i.id = $1`, [id]);
    if (!row) throw new Problem('not_found', 'No such invitation');
    return { invitation: toInvitation(row), scopeHubId: row.scope_hub_id };
  }

  /** Revoking twice is harmless; an invitation already used cannot be revoked (revoke the role instead). */
  async revoke(id: string): Promise<void> {
    const { invitation } = await this.findWithScope(id);
    if (invitation.status === 'accepted') throw new Problem('invitation_accepted');
    await this.db.query('UPDATE invitations SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [id]);
  }

  async preview(token: string): Promise<InvitationPreview> {
    const row = await this.pendingByToken(token, this.db.manager, false);
    const account = await this.users.findByEmail(row.email);
    return {
      email: row.email,
      role: row.role,
      scopeName: row.scope_name,
      invitedByName: row.inviter_name,
      accountExists: account !== null,
      expiresAt: row.expires_at.toISOString(),
    };
  }

  /** Sign-up through an invitation: the account, its role and the used invitation commit together or not at all. */
  async acceptAsNewUser(input: SignUp): Promise<UserEntity> {
    const { user, grant } = await this.db.transaction(async (em) => {
      const row = await this.pendingByToken(input.invitationToken, em, true);
      if (await this.users.findByEmail(row.email)) {
        throw new Problem('email_taken', 'An account with this email exists: sign in to accept the invitation');
      }
      const user = await this.users.create({ ...input, email: row.email }, em);
      const grant = { role: row.role, hubId: row.hub_id, cityId: row.city_id };
      await this.roles.grant(user.id, grant, row.invited_by, em);
      await this.markAccepted(em, row.id, user.id);
      return { user, grant };
    });
    this.roles.announceChange(user.id, grant);
    return user;
  }

  /** A signed-in person takes an invitation sent to their own email address. */
  async acceptForExistingUser(token: string, user: { id: string; email: string }): Promise<void> {
    const grant = await this.db.transaction(async (em) => {
      const row = await this.pendingByToken(token, em, true);
      if (row.email.toLowerCase() !== user.email.toLowerCase()) {
        throw new Problem('forbidden', 'This invitation was sent to another email address');
      }
      const grant = { role: row.role, hubId: row.hub_id, cityId: row.city_id };
      await this.roles.grant(user.id, grant, row.invited_by, em);
      await this.markAccepted(em, row.id, user.id);
      return grant;
    });
    this.roles.announceChange(user.id, grant);
  }

  private async pendingByToken(token: string, em: EntityManager, lock: boolean): Promise<InvitationRow> {
    // The lock serialises two sign-ups racing on the same link; only the first finds it pending.
    const rows: InvitationRow[] = await em.query(`${SELECT_INVITATIONS} WHERE i.token_hash = $1 ${lock ? 'FOR UPDATE OF i' : ''}`, [
      hashInvitationToken(token),
    ]);
    const row = rows[0];
    if (!row || row.revoked_at || row.accepted_at || row.expires_at <= new Date()) {
      throw new Problem('invitation_invalid', 'This invitation link is no longer valid; ask for a new one');
    }
    return row;
  }

  private async markAccepted(em: EntityManager, id: string, userId: string): Promise<void> {
    await em.query('UPDATE invitations SET accepted_at = now(), accepted_by = $2 WHERE id = $1', [id, userId]);
  }
}

function statusOf(row: InvitationRow): InvitationStatus {
  if (row.revoked_at) return 'revoked';
  if (row.accepted_at) return 'accepted';
  return row.expires_at <= new Date() ? 'expired' : 'pending';
}

function toInvitation(row: InvitationRow): Invitation {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    hubId: row.hub_id,
    cityId: row.city_id,
    scopeName: row.scope_name,
    status: statusOf(row),
    invitedBy: row.invited_by && row.inviter_name ? { id: row.invited_by, name: row.inviter_name } : null,
    expiresAt: row.expires_at.toISOString(),
    createdAt: row.created_at.toISOString(),
  };
}
