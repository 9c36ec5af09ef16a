import { Body, Controller, Get, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import type { Hub } from '@minga/contracts';
import { AccessService } from '../../platform/access/access.service';
import { CurrentPrincipal, type AuthPrincipal } from '../../platform/access/principal';
import { ApiProblems } from '../../platform/common/api-problems.decorator';
import { IdParam } from '../../platform/common/id-param.decorator';
import { CreateHubDto, HubDto, HubListDto, UpdateHubDto } from './hubs.dto';
import { HubsService } from './hubs.service';

@ApiTags('hubs')
@Controller('hubs')
export class HubsController {
  constructor(
    private readonly hubs: HubsService,
    private readonly access: AccessService,
  ) {}

  @Get()
  @ApiProblems([401, 403])
  @ZodResponse({ type: HubListDto })
  list(@CurrentPrincipal() me: AuthPrincipal): Promise<Hub[]> {
    this.access.assert(me, 'read', 'Hub');
    return this.hubs.list();
  }

  @Get(':id')
  @ApiProblems([400, 401, 403, 404])
  @ZodResponse({ type: HubDto })
  async get(@IdParam() id: string, @CurrentPrincipal() me: AuthPrincipal): Promise<Hub> {
    this.access.assert(me, 'read', { kind: 'Hub', id });
    return this.hubs.findOne(id);
  }

  @Post()
  @ApiProblems([400, 401, 403, 409])
  @ZodResponse({ status: 201, type: HubDto })
  create(@Body() body: CreateHubDto, @CurrentPrincipal() me: AuthPrincipal): Promise<Hub> {
    this.access.assert(me, 'create', 'Hub');
    return this.hubs.create(body);
  }

  @Patch(':id')
  @ApiProblems([400, 401, 403, 404])
  @ZodResponse({ type: HubDto })
  async update(@IdParam() id: string, @Body() body: UpdateHubDto, @CurrentPrincipal() me: AuthPrincipal): Promise<Hub> {
    this.access.assert(me, 'update', { kind: 'Hub', id });
    return this.hubs.update(id, body);
  }
}
