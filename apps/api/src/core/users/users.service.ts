import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import type { Principal } from '@minga/access';
import { z } from 'zod';
import {
  DEFAULT_WORKING_HOURS,
  uuidSchema,
  type Page,
  type UpdateProfile,
  type User,
  type UserQuery,
  type WorkingHours,
} from '@minga/contracts';
import { AccessService } from '../../platform/access/access.service';
import { decodeCursor, pageFrom } from '../../platform/common/cursor';
import { escapeLike } from '../../platform/common/escape-like';
import { hashPassword } from '../../platform/common/password-hasher';
import { Problem } from '../../platform/common/problem';
import { RolesService } from '../roles/roles.service';
import { UserEntity } from './user.entity';
import { oneRow } from '../../platform/database/one-row';

const CURSOR_KEY = z.tuple([z.string(), uuidSchema]);

interface NewUser {
  email: string;
  name: string;
  password: string;
  locale?: string;
  timeZone?: string;
  workingHours?: WorkingHours;
}

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(UserEntity) private readonly repo: Repository<UserEntity>,
    private readonly roles: RolesService,
    private readonly access: AccessService,
  ) {}

  async findEntity(id: string): Promise<UserEntity | null> {
    return this.repo.findOneBy({ id });
  }

  async findByEmail(email: string): Promise<UserEntity | null> {
    return this.repo.createQueryBuilder('u').where('lower(u.email) = lower(:email)', { email }).getOne();
  }

  async findWithPasswordHash(email: string): Promise<UserEntity | null> {
    return this.repo.createQueryBuilder('u').addSelect('u.passwordHash').where('lower(u.email) = lower(:email)', { email }).getOne();
  }

  async passwordHashOf(id: string): Promise<string | null> {
    const user = await this.repo.createQueryBuilder('u').addSelect('u.passwordHash').where('u.id = :id', { id }).getOne();
    return user?.passwordHash ?? null;
  }

  async create(input: NewUser, manager?: EntityManager): Promise<UserEntity> {
    const repo = manager ? manager.getRepository(UserEntity) : this.repo;
    const entity = repo.create({
      email: input.email.toLowerCase(),
      name: input.name,
      passwordHash: await hashPassword(input.password),
      locale: input.locale ?? 'en',
      timeZone: input.timeZone ?? 'UTC',
      workingHours: input.workingHours ?? DEFAULT_WORKING_HOURS,
    });
    return repo.save(entity);
  }

  async updateProfile(id: string, input: UpdateProfile): Promise<void> {
    if (Object.keys(input).length) await this.repo.update({ id }, input);
  }

  async setPassword(id: string, password: string): Promise<void> {
    await this.repo.update({ id }, { passwordHash: await hashPassword(password) });
  }

  /** A user as `viewer` may see them: email only for those allowed to contact them. */
  async view(id: string, viewer: Principal): Promise<User> {
    const user = await this.repo.findOneBy({ id });
    if (!user) throw new Problem('not_found', 'No such person');
    return oneRow(await this.views([user], viewer), 'the view of one user');
  }

  /** Several users as `viewer` may see them, in two queries whatever their number; unknown ids are left out. */
  async viewMany(ids: string[], viewer: Principal): Promise<User[]> {
    if (ids.length === 0) return [];
    return this.views(await this.repo.findBy({ id: In(ids) }), viewer);
  }

  async list(query: UserQuery, viewer: Principal): Promise<Page<User>> {
    const qb = this.repo
      .createQueryBuilder('u')
      .orderBy('u.name', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .limit(query.limit + 1);
    if (query.hubId || query.cityId || query.role) {
      const conditions = ['ra.user_id = u.id'];
      if (query.hubId) conditions.push('(ra.hub_id = :hubId OR c.hub_id = :hubId)');
      if (query.cityId) conditions.push('ra.city_id = :cityId');
      if (query.role) conditions.push('ra.role = :role');
      qb.andWhere(`EXISTS (SELECT 1 FROM role_assignments ra LEFT JOIN cities c ON c.id = ra.city_id WHERE ${conditions.join(' AND ')})`, {
        hubId: query.hubId,
        cityId: query.cityId,
        role: query.role,
      });
    }
    if (query.q) qb.andWhere('u.name ILIKE :q', { q: `%${escapeLike(query.q)}%` });
    const after = decodeCursor(query.cursor, CURSOR_KEY);
    if (after) qb.andWhere('(u.name, u.id) > (:name, :id)', { name: after[0], id: after[1] });
    const page = pageFrom(await qb.getMany(), query.limit, (u) => [u.name, u.id]);
    return { items: await this.views(page.items, viewer), nextCursor: page.nextCursor };
  }

  private async views(users: UserEntity[], viewer: Principal): Promise<User[]> {
    const rolesByUser = await this.roles.byUser(users.map((u) => u.id));
    const ability = this.access.abilityFor(viewer);
    return users.map((u) => {
      const roles = rolesByUser.get(u.id) ?? [];
      const scopeHubIds = [...new Set(roles.map((r) => r.scopeHubId).filter((h): h is string => h !== null))];
      const mayContact = ability.can('readContact', { kind: 'User', id: u.id, scopeHubIds });
      return {
        id: u.id,
        name: u.name,
        email: mayContact ? u.email : null,
        locale: u.locale,
        timeZone: u.timeZone,
        workingHours: u.workingHours,
        roles,
        createdAt: u.createdAt.toISOString(),
      };
    });
  }
}
