import { Body, Controller, Get, Patch, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import type { Page, User } from '@minga/contracts';
import { AccessService } from '../../platform/access/access.service';
import { CurrentPrincipal, type AuthPrincipal } from '../../platform/access/principal';
import { ApiProblems } from '../../platform/common/api-problems.decorator';
import { IdParam } from '../../platform/common/id-param.decorator';
import { UpdateProfileDto, UserDto, UserPageDto, UserQueryDto } from './users.dto';
import { UsersService } from './users.service';

@ApiTags('people')
@Controller()
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly access: AccessService,
  ) {}

  @Get('users')
  @ApiProblems([400, 401, 403])
  @ZodResponse({ type: UserPageDto })
  list(@Query() query: UserQueryDto, @CurrentPrincipal() me: AuthPrincipal): Promise<Page<User>> {
    // Ask about someone other than the caller: the type alone would pass for a person without roles, who may read only themselves.
    this.access.assert(me, 'read', { kind: 'User', id: '', scopeHubIds: [] });
    return this.users.list(query, me);
  }

  @Get('users/:id')
  @ApiProblems([400, 401, 403, 404])
  @ZodResponse({ type: UserDto })
  get(@IdParam() id: string, @CurrentPrincipal() me: AuthPrincipal): Promise<User> {
    this.access.assert(me, 'read', { kind: 'User', id, scopeHubIds: [] });
    return this.users.view(id, me);
  }

  @Get('me')
  @ApiProblems([401])
  @ZodResponse({ type: UserDto })
  me(@CurrentPrincipal() me: AuthPrincipal): Promise<User> {
    return this.users.view(me.id, me);
  }

  @Patch('me')
  @ApiProblems([400, 401])
  @ZodResponse({ type: UserDto })
  async updateMe(@Body() body: UpdateProfileDto, @CurrentPrincipal() me: AuthPrincipal): Promise<User> {
    this.access.assert(me, 'update', { kind: 'User', id: me.id, scopeHubIds: [] });
    await this.users.updateProfile(me.id, body);
    return this.users.view(me.id, me);
  }
}
