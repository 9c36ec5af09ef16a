import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import type { Contribution, Page, Thread } from '@minga/contracts';
import { AccessService } from '../../platform/access/access.service';
import { CurrentPrincipal, type AuthPrincipal } from '../../platform/access/principal';
import { ApiProblems } from '../../platform/common/api-problems.decorator';
import { IdParam } from '../../platform/common/id-param.decorator';
import { ContributionPageDto, ContributionQueryDto, ThreadDto } from './comments.dto';
import { SuggestionsService } from './suggestions.service';
import { ThreadsService } from './threads.service';

/** Deciding suggested changes (only those who may edit the draft's text), and the record of accepted ones. */
@ApiTags('comments')
@Controller()
export class SuggestionsController {
  constructor(
    private readonly suggestions: SuggestionsService,
    private readonly threads: ThreadsService,
    private readonly access: AccessService,
  ) {}

  /** Applies the replacement through the live document; 409 when the text it replaces has changed. */
  @Post('suggestions/:id/accept')
  @HttpCode(200)
  @ApiProblems([400, 401, 403, 404, 409])
  @ZodResponse({ status: 200, type: ThreadDto })
  async accept(@IdParam() id: string, @CurrentPrincipal() me: AuthPrincipal): Promise<Thread> {
    const scope = await this.threads.threadScope(id);
    this.access.assert(me, 'editContent', scope.draft);
    return this.suggestions.accept(scope, me);
  }

  @Post('suggestions/:id/reject')
  @HttpCode(200)
  @ApiProblems([400, 401, 403, 404, 409])
  @ZodResponse({ status: 200, type: ThreadDto })
  async reject(@IdParam() id: string, @CurrentPrincipal() me: AuthPrincipal): Promise<Thread> {
    const scope = await this.threads.threadScope(id);
    this.access.assert(me, 'editContent', scope.draft);
    return this.suggestions.reject(scope, me);
  }

  @Get('drafts/:draftId/contributions')
  @ApiProblems([400, 401, 403, 404])
  @ZodResponse({ type: ContributionPageDto })
  async contributions(
    @IdParam('draftId') draftId: string,
    @Query() query: ContributionQueryDto,
    @CurrentPrincipal() me: AuthPrincipal,
  ): Promise<Page<Contribution>> {
    const draft = await this.threads.draftScope(draftId);
    this.access.assert(me, 'read', draft);
    return this.suggestions.contributions(draftId, query);
  }
}
