import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { z } from 'zod';
import { uuidSchema, type City, type CityQuery, type Page } from '@minga/contracts';
import { decodeCursor, pageFrom } from '../../platform/common/cursor';
import { escapeLike } from '../../platform/common/escape-like';
import { Problem } from '../../platform/common/problem';
import { HubsService } from '../hubs/hubs.service';
import { CityEntity } from './city.entity';
import type { CreateCityDto, UpdateCityDto } from './cities.dto';

const CURSOR_KEY = z.tuple([z.string(), uuidSchema]);

@Injectable()
export class CitiesService {
  constructor(
    @InjectRepository(CityEntity) private readonly repo: Repository<CityEntity>,
    private readonly hubs: HubsService,
  ) {}

  /** Keyset pagination by (name, id), served by the (hub_id|country, name, id) indexes. */
  async list(query: CityQuery): Promise<Page<City>> {
    const qb = this.repo
      .createQueryBuilder('c')
      .orderBy('c.name', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .limit(query.limit + 1);
    if (query.hubId) qb.andWhere('c.hub_id = :hubId', { hubId: query.hubId });
    if (query.country) qb.andWhere('c.country = :country', { country: query.country });
    if (query.q) qb.andWhere('c.name ILIKE :q', { q: `%${escapeLike(query.q)}%` });
    const after = decodeCursor(query.cursor, CURSOR_KEY);
    if (after) qb.andWhere('(c.name, c.id) > (:name, :id)', { name: after[0], id: after[1] });
    const page = pageFrom(await qb.getMany(), query.limit, (c) => [c.name, c.id]);
    return { items: page.items.map(toCity), nextCursor: page.nextCursor };
  }

  async findOne(id: string): Promise<City> {
    const city = await this.repo.findOneBy({ id });
    if (!city) throw new Problem('not_found', 'No such city');
    return toCity(city);
  }

  async create(input: CreateCityDto): Promise<City> {
    await this.assertHubExists(input.hubId);
    await this.assertNameFree(input.country, input.name);
    const saved = await this.repo.save(this.repo.create(input));
    return toCity(saved);
  }

  async update(id: string, input: UpdateCityDto): Promise<City> {
    const current = await this.findOne(id);
    if (input.hubId !== undefined) await this.assertHubExists(input.hubId);
    const country = input.country ?? current.country;
    const name = input.name ?? current.name;
    if (country !== current.country || name !== current.name) await this.assertNameFree(country, name);
    if (Object.keys(input).length) await this.repo.update({ id }, input);
    return this.findOne(id);
  }

  private async assertHubExists(hubId: string | null | undefined): Promise<void> {
    if (hubId && !(await this.hubs.exists(hubId))) {
      throw new Problem('validation_failed', 'No such hub', [{ path: 'hubId', message: 'No such hub' }]);
    }
  }

  private async assertNameFree(country: string, name: string): Promise<void> {
    if (await this.repo.exists({ where: { country, name } })) {
      throw new Problem('city_name_taken', undefined, [{ path: 'name', message: 'Already exists' }]);
    }
  }
}

function toCity(c: CityEntity): City {
  return {
    id: c.id,
    hubId: c.hubId,
    name: c.name,
    country: c.country,
    timeZone: c.timeZone,
    locale: c.locale,
    population: c.population,
    areaKm2: c.areaKm2,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
