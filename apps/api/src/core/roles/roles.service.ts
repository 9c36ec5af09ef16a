import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, Repository } from 'typeorm';
import type { PrincipalRole } from '@minga/access';
import type { RoleAssignment, RoleGrant } from '@minga/contracts';
import { AccessChanges } from '../../platform/access/access-changes';
import { Problem } from '../../platform/common/problem';
import { SqlConditions } from '../../platform/common/sql-conditions';
import { RoleAssignmentEntity } from './role-assignment.entity';

interface RoleRow {
  id: string;
  user_id: string;
  role: RoleAssignment['role'];
  hub_id: string | null;
  city_id: string | null;
  scope_hub_id: string | null;
  scope_name: string | null;
  created_at: Date;
}

// Role assignments with the hub they fall under and a display name for their scope, in one query.
const SELECT_WITH_SCOPE = `
  SELECT ra.id, ra.user_id, ra.role, ra.hub_id, ra.city_id, ra.created_at,
         COALESCE(ra.hub_id, c.hub_id) AS scope_hub_id,
         COALESCE(h.name, c.name) AS scope_name
  FROM role_assignments ra
  LEFT JOIN hubs h ON h.id = ra.hub_id
  LEFT JOIN cities c ON c.id = ra.city_id`;

interface RoleFilter {
  userId?: string;
  hubId?: string;
  cityId?: string;
  role?: RoleAssignment['role'];
}

@Injectable()
export class RolesService {
  constructor(
    @InjectRepository(RoleAssignmentEntity) private readonly repo: Repository<RoleAssignmentEntity>,
    @InjectDataSource() private readonly db: DataSource,
    private readonly accessChanges: AccessChanges,
  ) {}

  async principalRolesFor(userId: string): Promise<PrincipalRole[]> {
    const rows: RoleRow[] = await this.db.query(`${SELECT_WITH_SCOPE} WHERE ra.user_id = $1`, [userId]);
    return rows.map((r) => ({ role: r.role, hubId: r.hub_id, cityId: r.city_id, scopeHubId: r.scope_hub_id }));
  }

  /** Principal roles of many users at once, to ask the access policy about each of them (one query). */
  async principalRolesByUser(userIds: string[]): Promise<Map<string, PrincipalRole[]>> {
    const result = new Map<string, PrincipalRole[]>(userIds.map((id) => [id, []]));
    if (userIds.length === 0) return result;
    const rows: RoleRow[] = await this.db.query(`${SELECT_WITH_SCOPE} WHERE ra.user_id = ANY($1::uuid[])`, [userIds]);
    for (const r of rows) result.get(r.user_id)?.push({ role: r.role, hubId: r.hub_id, cityId: r.city_id, scopeHubId: r.scope_hub_id });
    return result;
  }

  /** Roles of many users at once, for lists of people (one query, not one per person). */
  async byUser(userIds: string[]): Promise<Map<string, RoleAssignment[]>> {
    const result = new Map<string, RoleAssignment[]>(userIds.map((id) => [id, []]));
    if (userIds.length === 0) return result;
    const rows: RoleRow[] = await this.db.query(`${SELECT_WITH_SCOPE} WHERE ra.user_id = ANY($1::uuid[]) ORDER BY ra.created_at`, [
      userIds,
    ]);
    for (const row of rows) result.get(row.user_id)?.push(toRoleAssignment(row));
    return result;
  }

  async list(filter: RoleFilter): Promise<RoleAssignment[]> {
    const conditions = new SqlConditions();
    if (filter.userId) conditions.add('ra.user_id = ?', filter.userId);
    if (filter.hubId) conditions.add('COALESCE(ra.hub_id, c.hub_id) = ?', filter.hubId);
    if (filter.cityId) conditions.add('ra.city_id = ?', filter.cityId);
    if (filter.role) conditions.add('ra.role = ?', filter.role);
    const sql = `${SELECT_WITH_SCOPE} ${conditions.where()} ORDER BY ra.created_at, ra.id LIMIT 1000`;
    const rows: RoleRow[] = await this.db.query(sql, conditions.params);
    return rows.map(toRoleAssignment);
  }

  async findOne(id: string): Promise<RoleAssignment> {
    const [row]: RoleRow[] = await this.db.query(`${SELECT_WITH_SCOPE} WHERE ra.id = $1`, [id]);
    if (!row) throw new Problem('not_found', 'No such role assignment');
    return toRoleAssignment(row);
  }

  /**
   * Grants a role; granting one the person already holds is a no-op that returns the existing assignment.
   * Inside a caller's transaction (`manager`), the change is not announced here: open connections re-read roles
   * on the notice, and would read them before the commit. The caller calls `announceChange` after its commit.
   */
  async grant(userId: string, grant: RoleGrant, grantedBy: string | null, manager?: EntityManager): Promise<string> {
    const em = manager ?? this.db.manager;
    const [inserted]: { id: string }[] = await em.query(
      `INSERT INTO role_assignments (user_id, role, hub_id, city_id, granted_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ON CONSTRAINT role_assignments_unique DO NOTHING RETURNING id`,
      [userId, grant.role, grant.hubId, grant.cityId, grantedBy],
    );
    if (inserted) {
      if (!manager) this.announceChange(userId, grant);
      return inserted.id;
    }
    const existing = await em.getRepository(RoleAssignmentEntity).findOneOrFail({
      where: { userId, role: grant.role, hubId: grant.hubId ?? IsNull(), cityId: grant.cityId ?? IsNull() },
    });
    return existing.id;
  }

  /**
   * The hub a grant falls under (the city's hub for officials), checking that its hub or city exists;
   * the access policy decides on this hub.
   */
  async scopeOf(grant: RoleGrant): Promise<{ scopeHubId: string | null }> {
    if (grant.cityId) {
      const [row]: { hub_id: string | null }[] = await this.db.query('SELECT hub_id FROM cities WHERE id = $1', [grant.cityId]);
      if (!row) throw new Problem('validation_failed', 'No such city', [{ path: 'cityId', message: 'No such city' }]);
      return { scopeHubId: row.hub_id };
    }
    if (grant.hubId) {
      const rows: unknown[] = await this.db.query('SELECT 1 FROM hubs WHERE id = $1', [grant.hubId]);
      if (!rows.length) throw new Problem('validation_failed', 'No such hub', [{ path: 'hubId', message: 'No such hub' }]);
    }
    return { scopeHubId: grant.hubId };
  }

  async userExists(userId: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query('SELECT 1 FROM users WHERE id = $1', [userId]);
    return rows.length > 0;
  }

  /** Tells caches, open connections and meetings that this person was granted a role (after the commit). */
  announceChange(userId: string, granted: RoleGrant): void {
    this.accessChanges.publish(userId, {
      change: 'granted',
      role: granted.role,
      hubId: granted.hubId ?? null,
      cityId: granted.cityId ?? null,
    });
  }

  async revoke(id: string): Promise<void> {
    const assignment = await this.repo.findOneBy({ id });
    if (!assignment) return;
    await this.repo.delete({ id });
    this.accessChanges.publish(assignment.userId, {
      change: 'revoked',
      role: assignment.role,
      hubId: assignment.hubId,
      cityId: assignment.cityId,
    });
  }
}

function toRoleAssignment(row: RoleRow): RoleAssignment {
  return {
    id: row.id,
    userId: row.user_id,
    role: row.role,
    hubId: row.hub_id,
    cityId: row.city_id,
    scopeHubId: row.scope_hub_id,
    scopeName: row.scope_name,
    createdAt: row.created_at.toISOString(),
  };
}
