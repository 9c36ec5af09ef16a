import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import type { Draft, Page } from '@minga/contracts';
import { AccessService } from '../../platform/access/access.service';
import { CurrentPrincipal, type AuthPrincipal } from '../../platform/access/principal';
import { ApiProblems } from '../../platform/common/api-problems.decorator';
import { IdParam } from '../../platform/common/id-param.decorator';
import { CreateDraftDto, DraftDto, DraftPageDto, DraftQueryDto, UpdateDraftDto } from './drafts.dto';
import { DraftsService } from './drafts.service';

@ApiTags('drafts')
@Controller('drafts')
export class DraftsController {
  constructor(
    private readonly drafts: DraftsService,
    private readonly access: AccessService,
  ) {}

  @Get()
  @ApiProblems([400, 401, 403])
  @ZodResponse({ type: DraftPageDto })
  list(@Query() query: DraftQueryDto, @CurrentPrincipal() me: AuthPrincipal): Promise<Page<Draft>> {
    this.access.assert(me, 'read', 'Draft');
    return this.drafts.list(query);
  }

  @Get(':id')
  @ApiProblems([400, 401, 403, 404])
  @ZodResponse({ type: DraftDto })
  async get(@IdParam() id: string, @CurrentPrincipal() me: AuthPrincipal): Promise<Draft> {
    const draft = await this.drafts.findOne(id);
    this.access.assert(me, 'read', { kind: 'Draft', id, cityId: draft.cityId, hubId: draft.hubId });
    return draft;
  }

  /** Starts a city's draft from a model policy; the creator becomes its first owner. */
  @Post()
  @ApiProblems([400, 401, 403])
  @ZodResponse({ status: 201, type: DraftDto })
  async create(@Body() body: CreateDraftDto, @CurrentPrincipal() me: AuthPrincipal): Promise<Draft> {
    const { hubId } = await this.drafts.scopeOfCity(body.cityId);
    this.access.assert(me, 'create', { kind: 'Draft', id: '', cityId: body.cityId, hubId });
    return this.drafts.create(body, me.id);
  }

  /** Renames, hands over ownership, or moves the draft one permitted step through its status process. */
  @Patch(':id')
  @ApiProblems([400, 401, 403, 404, 409])
  @ZodResponse({ type: DraftDto })
  async update(@IdParam() id: string, @Body() body: UpdateDraftDto, @CurrentPrincipal() me: AuthPrincipal): Promise<Draft> {
    const draft = await this.drafts.findOne(id);
    this.access.assert(me, 'update', { kind: 'Draft', id, cityId: draft.cityId, hubId: draft.hubId });
    return this.drafts.update(id, body);
  }
}
