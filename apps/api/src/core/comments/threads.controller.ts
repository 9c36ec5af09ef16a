import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import type { Mentionable, Thread, ThreadPage } from '@minga/contracts';
import { AccessService } from '../../platform/access/access.service';
import { CurrentPrincipal, type AuthPrincipal } from '../../platform/access/principal';
import { ApiProblems } from '../../platform/common/api-problems.decorator';
import { IdParam } from '../../platform/common/id-param.decorator';
import {
  CreateCommentDto,
  CreateThreadDto,
  MentionableListDto,
  MentionableQueryDto,
  ThreadDto,
  ThreadPageDto,
  ThreadQueryDto,
  UpdateCommentDto,
  UpdateThreadDto,
} from './comments.dto';
import { ThreadsService } from './threads.service';

/** Comment threads (and suggestions) on a draft, their comments, and whom one can mention. */
@ApiTags('comments')
@Controller()
export class ThreadsController {
  constructor(
    private readonly threads: ThreadsService,
    private readonly access: AccessService,
  ) {}

  @Get('drafts/:draftId/threads')
  @ApiProblems([400, 401, 403, 404])
  @ZodResponse({ type: ThreadPageDto })
  async list(
    @IdParam('draftId') draftId: string,
    @Query() query: ThreadQueryDto,
    @CurrentPrincipal() me: AuthPrincipal,
  ): Promise<ThreadPage> {
    const draft = await this.threads.draftScope(draftId);
    this.access.assert(me, 'read', draft);
    return this.threads.list(draftId, query, me);
  }

  /** A comment on some words (or on the whole draft), or with kind `suggestion` a proposed rewording of them. */
  @Post('drafts/:draftId/threads')
  @ApiProblems([400, 401, 403, 404, 409])
  @ZodResponse({ status: 201, type: ThreadDto })
  async create(@IdParam('draftId') draftId: string, @Body() body: CreateThreadDto, @CurrentPrincipal() me: AuthPrincipal): Promise<Thread> {
    const draft = await this.threads.draftScope(draftId);
    this.access.assert(me, 'comment', draft);
    return this.threads.create(draft, body, me);
  }

  @Get('drafts/:draftId/mentionable')
  @ApiProblems([400, 401, 403, 404])
  @ZodResponse({ type: MentionableListDto })
  async mentionable(
    @IdParam('draftId') draftId: string,
    @Query() query: MentionableQueryDto,
    @CurrentPrincipal() me: AuthPrincipal,
  ): Promise<Mentionable[]> {
    const draft = await this.threads.draftScope(draftId);
    this.access.assert(me, 'comment', draft);
    return this.threads.mentionable(draft, query);
  }

  @Get('threads/:id')
  @ApiProblems([400, 401, 403, 404])
  @ZodResponse({ type: ThreadDto })
  async get(@IdParam() id: string, @CurrentPrincipal() me: AuthPrincipal): Promise<Thread> {
    const scope = await this.threads.threadScope(id);
    this.access.assert(me, 'read', scope.resource);
    return this.threads.get(id);
  }

  /** Resolve or reopen: the thread's author, the draft's editors, the hub's coordinators. */
  @Patch('threads/:id')
  @ApiProblems([400, 401, 403, 404])
  @ZodResponse({ type: ThreadDto })
  async update(@IdParam() id: string, @Body() body: UpdateThreadDto, @CurrentPrincipal() me: AuthPrincipal): Promise<Thread> {
    const scope = await this.threads.threadScope(id);
    this.access.assert(me, 'resolve', scope.resource);
    return this.threads.setStatus(scope, body.status, me);
  }

  @Post('threads/:id/comments')
  @ApiProblems([400, 401, 403, 404])
  @ZodResponse({ status: 201, type: ThreadDto })
  async reply(@IdParam() id: string, @Body() body: CreateCommentDto, @CurrentPrincipal() me: AuthPrincipal): Promise<Thread> {
    const scope = await this.threads.threadScope(id);
    this.access.assert(me, 'comment', scope.draft);
    return this.threads.reply(scope, body.body, me);
  }

  @Patch('comments/:id')
  @ApiProblems([400, 401, 403, 404, 409])
  @ZodResponse({ type: ThreadDto })
  async editComment(@IdParam() id: string, @Body() body: UpdateCommentDto, @CurrentPrincipal() me: AuthPrincipal): Promise<Thread> {
    const scope = await this.threads.commentScope(id);
    this.access.assert(me, 'update', scope.resource);
    return this.threads.editComment(scope, body.body, me);
  }

  /** Leaves a placeholder without the text. */
  @Delete('comments/:id')
  @HttpCode(204)
  @ApiProblems([400, 401, 403, 404])
  async deleteComment(@IdParam() id: string, @CurrentPrincipal() me: AuthPrincipal): Promise<void> {
    const scope = await this.threads.commentScope(id);
    this.access.assert(me, 'delete', scope.resource);
    await this.threads.deleteComment(scope, me);
  }
}
