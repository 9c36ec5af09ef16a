import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import {
  isoDateTimeSchema,
  canTransition,
  DRAFT_TRANSITIONS,
  draftDocName,
  uuidSchema,
  type Draft,
  type DraftQuery,
  type DraftStatus,
  type Page,
} from '@minga/contracts';
import { SqlConditions } from '../../platform/common/sql-conditions';
import { decodeCursor, pageFrom } from '../../platform/common/cursor';
import { Problem } from '../../platform/common/problem';
import { ModelPoliciesService } from '../model-policies/model-policies.service';
import { RolesService } from '../roles/roles.service';
import { DraftContentSeeder } from './draft-content-seeder';
import { DraftEntity, DraftOwnerEntity } from './draft.entity';
import type { CreateDraftDto, UpdateDraftDto } from './drafts.dto';

interface DraftRow {
  id: string;
  title: string;
  city_id: string;
  city_name: string;
  hub_id: string | null;
  model_policy_id: string;
  model_policy_key: string;
  language: string;
  status: DraftStatus;
  owners: { id: string; name: string }[];
  created_at: Date;
  updated_at: Date;
  updated_key: string;
}

// A draft with its city, hub, model policy and owners in one query (read-model joins; writes stay here).
const SELECT_DRAFTS = `
  SELECT d.id, d.title, d.city_id, c.name AS city_name, c.hub_id, d.model_policy_id, mp.key AS model_policy_key,
         d.language, d.status, d.created_at, d.updated_at,
         -- The cursor needs the full microseconds; a JS Date keeps only milliseconds and paging would skip rows.
         to_char(d.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS updated_key,
         COALESCE((SELECT json_agg(json_build_object('id', u.id, 'name', u.name) ORDER BY u.name, u.id)
                   FROM draft_owners o JOIN users u ON u.id = o.user_id
                   WHERE o.draft_id = d.id), '[]'::json) AS owners
  FROM drafts d
  JOIN cities c ON c.id = d.city_id
  JOIN model_policies mp ON mp.id = d.model_policy_id`;

const CURSOR_KEY = z.tuple([isoDateTimeSchema, uuidSchema]);

@Injectable()
export class DraftsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly modelPolicies: ModelPoliciesService,
    private readonly roles: RolesService,
    private readonly content: DraftContentSeeder,
  ) {}

  /** Most recently changed first: keyset pagination by (updated_at DESC, id), the order of every drafts index. */
  async list(query: DraftQuery): Promise<Page<Draft>> {
    const conditions = new SqlConditions();
    if (query.cityId) conditions.add('d.city_id = ?', query.cityId);
    if (query.hubId) conditions.add('c.hub_id = ?', query.hubId);
    if (query.modelPolicyId) conditions.add('d.model_policy_id = ?', query.modelPolicyId);
    if (query.status) conditions.add('d.status = ?', query.status);
    const after = decodeCursor(query.cursor, CURSOR_KEY);
    // Newer first, ties by id ascending, as the indexes are ordered; the `<=` bound is what lets the index seek.
    if (after) {
      conditions.add('d.updated_at <= ?::timestamptz AND (d.updated_at < ?::timestamptz OR d.id > ?::uuid)', after[0], after[0], after[1]);
    }
    const limit = conditions.param(query.limit + 1);
    const rows: DraftRow[] = await this.db.query(
      `${SELECT_DRAFTS} ${conditions.where()}
       ORDER BY d.updated_at DESC, d.id ASC LIMIT ${limit}`,
      conditions.params,
    );
    const page = pageFrom(rows, query.limit, (r) => [r.updated_key, r.id]);
    return { items: page.items.map(toDraft), nextCursor: page.nextCursor };
  }

  async findOne(id: string): Promise<Draft> {
    const [row]: DraftRow[] = await this.db.query(`${SELECT_DRAFTS} WHERE d.id = $1`, [id]);
    if (!row) throw new Problem('not_found', 'No such draft');
    return toDraft(row);
  }

  /** The city and hub that decide access to a draft, or null for an unknown draft. */
  async scopeOf(id: string): Promise<{ cityId: string; hubId: string | null } | null> {
    const [row]: { city_id: string; hub_id: string | null }[] = await this.db.query(
      'SELECT d.city_id, c.hub_id FROM drafts d JOIN cities c ON c.id = d.city_id WHERE d.id = $1',
      [id],
    );
    return row ? { cityId: row.city_id, hubId: row.hub_id } : null;
  }

  /** The hub a new draft for this city falls under; the access policy decides on the city and this hub. */
  async scopeOfCity(cityId: string): Promise<{ hubId: string | null }> {
    const [row]: { hub_id: string | null }[] = await this.db.query('SELECT hub_id FROM cities WHERE id = $1', [cityId]);
    if (!row) throw new Problem('validation_failed', 'No such city', [{ path: 'cityId', message: 'No such city' }]);
    return { hubId: row.hub_id };
  }

  /** The draft row, its creator as first owner and its starting text commit together or not at all. */
  async create(input: CreateDraftDto, creatorId: string): Promise<Draft> {
    const template = await this.modelPolicies.findTemplate(input.modelPolicyId);
    if (!template) {
      throw new Problem('validation_failed', 'No such model policy', [{ path: 'modelPolicyId', message: 'No such model policy' }]);
    }
    const id = await this.db.transaction(async (em) => {
      const drafts = em.getRepository(DraftEntity);
      const draft = await drafts.save(
        drafts.create({
          title: input.title,
          cityId: input.cityId,
          modelPolicyId: input.modelPolicyId,
          language: input.language,
          status: 'drafting',
          createdBy: creatorId,
        }),
      );
      await em.getRepository(DraftOwnerEntity).insert({ draftId: draft.id, userId: creatorId });
      await this.content.seed(em, draft.id, input.title, template.sections);
      return draft.id;
    });
    return this.findOne(id);
  }

  async update(id: string, input: UpdateDraftDto): Promise<Draft> {
    await this.db.transaction(async (em) => {
      // The row lock makes a status change a compare-and-set: two reviewers cannot both move the same draft.
      const [current]: { status: DraftStatus; city_id: string; city_name: string }[] = await em.query(
        'SELECT d.status, d.city_id, c.name AS city_name FROM drafts d JOIN cities c ON c.id = d.city_id WHERE d.id = $1 FOR UPDATE OF d',
        [id],
      );
      if (!current) throw new Problem('not_found', 'No such draft');
      if (input.status !== undefined && input.status !== current.status && !canTransition(current.status, input.status)) {
        const allowed = DRAFT_TRANSITIONS[current.status];
        throw new Problem('draft_transition_invalid', {
          from: current.status,
          to: input.status,
          allowed: allowed.length ? allowed.join(', ') : 'none',
        });
      }
      if (input.ownerIds !== undefined) {
        const ownerIds = [...new Set(input.ownerIds)];
        await this.assertMayOwn(ownerIds, current.city_id, current.city_name);
        await em.query('DELETE FROM draft_owners WHERE draft_id = $1 AND NOT (user_id = ANY($2::uuid[]))', [id, ownerIds]);
        await em.query(`INSERT INTO draft_owners (draft_id, user_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`, [id, ownerIds]);
      }
      if (input.title !== undefined || input.status !== undefined || input.ownerIds !== undefined) {
        await em.query('UPDATE drafts SET title = COALESCE($2, title), status = COALESCE($3, status), updated_at = now() WHERE id = $1', [
          id,
          input.title ?? null,
          input.status ?? null,
        ]);
      }
    });
    return this.findOne(id);
  }

  /** Owners edit and steer the draft, so they must be officials of its city, or admins. */
  private async assertMayOwn(userIds: string[], cityId: string, cityName: string): Promise<void> {
    const rolesByUser = await this.roles.byUser(userIds);
    const refused = userIds.filter(
      (userId) => !(rolesByUser.get(userId) ?? []).some((r) => r.role === 'admin' || (r.role === 'official' && r.cityId === cityId)),
    );
    if (refused.length) {
      throw new Problem('validation_failed', `Owners must be officials of ${cityName} or admins`, [
        { path: 'ownerIds', message: `Not an official of ${cityName} nor an admin: ${refused.join(', ')}` },
      ]);
    }
  }
}

function toDraft(row: DraftRow): Draft {
  return {
    id: row.id,
    title: row.title,
    cityId: row.city_id,
    cityName: row.city_name,
    hubId: row.hub_id,
    modelPolicyId: row.model_policy_id,
    modelPolicyKey: row.model_policy_key,
    language: row.language,
    status: row.status,
    owners: row.owners,
    docName: draftDocName(row.id),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
