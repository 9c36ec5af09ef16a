import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import type { CreateHub, Hub, UpdateHub } from '@minga/contracts';
import { Problem } from '../../platform/common/problem';
import { HubEntity } from './hub.entity';

interface HubRow {
  id: string;
  key: string;
  name: string;
  languages: string[];
  time_zones: string[];
  created_at: Date;
  city_count: string;
  member_count: string;
}

// Hubs are few (tens); their counts come from one query with correlated sub-selects on indexed columns.
const SELECT_HUBS = `
  SELECT h.*,
    (SELECT count(*) FROM cities c WHERE c.hub_id = h.id) AS city_count,
    (SELECT count(DISTINCT ra.user_id) FROM role_assignments ra
       LEFT JOIN cities c ON c.id = ra.city_id
       WHERE ra.hub_id = h.id OR c.hub_id = h.id) AS member_count
  FROM hubs h`;

@Injectable()
export class HubsService {
  constructor(
    @InjectRepository(HubEntity) private readonly repo: Repository<HubEntity>,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async list(): Promise<Hub[]> {
    const rows: HubRow[] = await this.db.query(`${SELECT_HUBS} ORDER BY h.name`);
    return rows.map(toHub);
  }

  async findOne(id: string): Promise<Hub> {
    const [row]: HubRow[] = await this.db.query(`${SELECT_HUBS} WHERE h.id = $1`, [id]);
    if (!row) throw new Problem('not_found', 'No such hub');
    return toHub(row);
  }

  async exists(id: string): Promise<boolean> {
    return this.repo.exists({ where: { id } });
  }

  async create(input: CreateHub): Promise<Hub> {
    if (await this.repo.exists({ where: { key: input.key } })) {
      throw new Problem('hub_key_taken', undefined, [{ path: 'key', message: 'Already taken' }]);
    }
    const saved = await this.repo.save(this.repo.create(input));
    return this.findOne(saved.id);
  }

  async update(id: string, input: UpdateHub): Promise<Hub> {
    await this.findOne(id);
    if (Object.keys(input).length) await this.repo.update({ id }, input);
    return this.findOne(id);
  }
}

function toHub(row: HubRow): Hub {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    languages: row.languages,
    timeZones: row.time_zones,
    cityCount: Number(row.city_count),
    memberCount: Number(row.member_count),
    createdAt: row.created_at.toISOString(),
  };
}
