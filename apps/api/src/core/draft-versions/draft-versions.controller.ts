import { Body, Controller, Get, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import type { Response } from 'express';
import type { Draft, DraftComparison, DraftOutline, DraftVersion, DraftVersionContent } from '@minga/contracts';
import { AccessService } from '../../platform/access/access.service';
import { CurrentPrincipal, type AuthPrincipal } from '../../platform/access/principal';
import { ApiProblems } from '../../platform/common/api-problems.decorator';
import { IdParam } from '../../platform/common/id-param.decorator';
import { DraftsService } from '../drafts/drafts.service';
import {
  ComparisonQueryDto,
  CreateDraftVersionDto,
  DraftComparisonDto,
  DraftOutlineDto,
  DraftVersionContentDto,
  DraftVersionDto,
  DraftVersionListDto,
  ExportQueryDto,
} from './draft-versions.dto';
import { DraftVersionsService } from './draft-versions.service';

@ApiTags('drafts')
@Controller('drafts/:id')
export class DraftVersionsController {
  constructor(
    private readonly drafts: DraftsService,
    private readonly versions: DraftVersionsService,
    private readonly access: AccessService,
  ) {}

  @Get('versions')
  @ApiProblems([400, 401, 403, 404])
  @ZodResponse({ type: DraftVersionListDto })
  async list(@IdParam() id: string, @CurrentPrincipal() me: AuthPrincipal): Promise<DraftVersion[]> {
    return this.versions.list(await this.draft(id, me, 'read'));
  }

  @Post('versions')
  @ApiProblems([400, 401, 403, 404])
  @ZodResponse({ status: 201, type: DraftVersionDto })
  async create(@IdParam() id: string, @Body() body: CreateDraftVersionDto, @CurrentPrincipal() me: AuthPrincipal): Promise<DraftVersion> {
    return this.versions.name(await this.draft(id, me, 'update'), body.label, me.id);
  }

  @Get('versions/:versionId')
  @ApiProblems([400, 401, 403, 404])
  @ZodResponse({ type: DraftVersionContentDto })
  async read(
    @IdParam() id: string,
    @IdParam('versionId') versionId: string,
    @CurrentPrincipal() me: AuthPrincipal,
  ): Promise<DraftVersionContent> {
    return this.versions.read(await this.draft(id, me, 'read'), versionId);
  }

  @Post('versions/:versionId/restore')
  @ApiProblems([400, 401, 403, 404])
  @ZodResponse({ status: 201, type: DraftVersionDto })
  async restore(
    @IdParam() id: string,
    @IdParam('versionId') versionId: string,
    @CurrentPrincipal() me: AuthPrincipal,
  ): Promise<DraftVersion> {
    return this.versions.restore(await this.draft(id, me, 'editContent'), versionId, me.id);
  }

  @Get('outline')
  @ApiProblems([400, 401, 403, 404])
  @ZodResponse({ type: DraftOutlineDto })
  async outline(@IdParam() id: string, @CurrentPrincipal() me: AuthPrincipal): Promise<DraftOutline> {
    return this.versions.outline(await this.draft(id, me, 'read'));
  }

  @Get('comparison')
  @ApiProblems([400, 401, 403, 404])
  @ZodResponse({ type: DraftComparisonDto })
  async compare(
    @IdParam() id: string,
    @Query() query: ComparisonQueryDto,
    @CurrentPrincipal() me: AuthPrincipal,
  ): Promise<DraftComparison> {
    return this.versions.compare(await this.draft(id, me, 'read'), query.from, query.to);
  }

  @Get('export')
  @ApiProduces('text/markdown', 'text/html', 'text/plain', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
  @ApiProblems([400, 401, 403, 404])
  async export(
    @IdParam() id: string,
    @Query() query: ExportQueryDto,
    @CurrentPrincipal() me: AuthPrincipal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const draft = await this.draft(id, me, 'read');
    const file = await this.versions.export(draft, query.format);
    const filename = `${
      draft.title
        .replace(/[^\p{L}\p{N} _-]+/gu, '')
        .trim()
        .slice(0, 80) || 'draft'
    }.${file.extension}`;
    res.setHeader('Content-Type', file.contentType);
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="draft.${file.extension}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
    );
    return new StreamableFile(typeof file.body === 'string' ? Buffer.from(file.body, 'utf8') : file.body);
  }

  private async draft(id: string, me: AuthPrincipal, action: 'read' | 'update' | 'editContent'): Promise<Draft> {
    const draft = await this.drafts.findOne(id);
    this.access.assert(me, action, { kind: 'Draft', id, cityId: draft.cityId, hubId: draft.hubId });
    return draft;
  }
}
