import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import type { RoleAssignment } from '@minga/contracts';
import { AccessService } from '../../platform/access/access.service';
import { CurrentPrincipal, type AuthPrincipal } from '../../platform/access/principal';
import { ApiProblems } from '../../platform/common/api-problems.decorator';
import { IdParam } from '../../platform/common/id-param.decorator';
import { Problem } from '../../platform/common/problem';
import { CreateRoleAssignmentDto, RoleAssignmentDto, RoleAssignmentListDto, RoleAssignmentQueryDto } from './roles.dto';
import { RolesService } from './roles.service';

@ApiTags('roles')
@Controller('role-assignments')
export class RolesController {
  constructor(
    private readonly roles: RolesService,
    private readonly access: AccessService,
  ) {}

  @Get()
  @ApiProblems([400, 401, 403])
  @ZodResponse({ type: RoleAssignmentListDto })
  async list(@Query() query: RoleAssignmentQueryDto, @CurrentPrincipal() me: AuthPrincipal): Promise<RoleAssignment[]> {
    this.access.assert(me, 'read', 'RoleAssignment');
    return this.roles.list(query);
  }

  @Post()
  @ApiProblems([400, 401, 403, 404])
  @ZodResponse({ status: 201, type: RoleAssignmentDto })
  async create(@Body() body: CreateRoleAssignmentDto, @CurrentPrincipal() me: AuthPrincipal): Promise<RoleAssignment> {
    const { scopeHubId } = await this.roles.scopeOf(body);
    this.access.assert(me, 'create', { kind: 'RoleAssignment', role: body.role, scopeHubId, cityId: body.cityId });
    if (!(await this.roles.userExists(body.userId))) {
      throw new Problem('validation_failed', 'No such user', [{ path: 'userId', message: 'No such user' }]);
    }
    const id = await this.roles.grant(body.userId, body, me.id);
    return this.roles.findOne(id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiProblems([400, 401, 403, 404])
  async remove(@IdParam() id: string, @CurrentPrincipal() me: AuthPrincipal): Promise<void> {
    const assignment = await this.roles.findOne(id);
    this.access.assert(me, 'delete', {
      kind: 'RoleAssignment',
      role: assignment.role,
      scopeHubId: assignment.scopeHubId,
      cityId: assignment.cityId,
    });
    await this.roles.revoke(id);
  }
}
