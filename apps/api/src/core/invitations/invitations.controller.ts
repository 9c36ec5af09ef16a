import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import type { CreatedInvitation, Invitation, InvitationPreview, Page, User } from '@minga/contracts';
import { AccessService } from '../../platform/access/access.service';
import { CurrentPrincipal, type AuthPrincipal } from '../../platform/access/principal';
import { Public } from '../../platform/access/public.decorator';
import { ApiProblems } from '../../platform/common/api-problems.decorator';
import { IdParam } from '../../platform/common/id-param.decorator';
import { Problem } from '../../platform/common/problem';
import { UserDto } from '../users/users.dto';
import { UsersService } from '../users/users.service';
import {
  AcceptInvitationDto,
  CreatedInvitationDto,
  CreateInvitationDto,
  InvitationPageDto,
  InvitationPreviewDto,
  InvitationQueryDto,
} from './invitations.dto';
import { InvitationsService } from './invitations.service';

@ApiTags('invitations')
@Controller('invitations')
export class InvitationsController {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly users: UsersService,
    private readonly access: AccessService,
  ) {}

  @Get()
  @ApiProblems([400, 401, 403])
  @ZodResponse({ type: InvitationPageDto })
  list(@Query() query: InvitationQueryDto, @CurrentPrincipal() me: AuthPrincipal): Promise<Page<Invitation>> {
    const isAdmin = me.roles.some((r) => r.role === 'admin');
    if (!isAdmin) {
      if (!query.hubId) throw new Problem('forbidden', 'Choose a hub you coordinate to see its invitations');
      this.access.assert(me, 'read', { kind: 'Invitation', role: 'expert', scopeHubId: query.hubId, cityId: null });
    }
    return this.invitations.list(query, me);
  }

  @Post()
  @ApiProblems([400, 401, 403])
  @ZodResponse({ status: 201, type: CreatedInvitationDto })
  create(@Body() body: CreateInvitationDto, @CurrentPrincipal() me: AuthPrincipal): Promise<CreatedInvitation> {
    return this.invitations.create(body, me);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiProblems([400, 401, 403, 404, 409])
  async revoke(@IdParam() id: string, @CurrentPrincipal() me: AuthPrincipal): Promise<void> {
    const { invitation, scopeHubId } = await this.invitations.findWithScope(id);
    this.access.assert(me, 'delete', { kind: 'Invitation', role: invitation.role, scopeHubId, cityId: invitation.cityId });
    await this.invitations.revoke(id);
  }

  @Public()
  @Get('preview/:token')
  @ApiProblems([400, 410], { public: true })
  @ZodResponse({ type: InvitationPreviewDto })
  preview(@Param('token') token: string): Promise<InvitationPreview> {
    if (token.length < 20 || token.length > 200) throw new Problem('invitation_invalid', 'This invitation link is not valid');
    return this.invitations.preview(token);
  }

  @Post('accept')
  @HttpCode(200)
  @ApiProblems([400, 401, 403, 410])
  @ZodResponse({ type: UserDto })
  async accept(@Body() body: AcceptInvitationDto, @CurrentPrincipal() me: AuthPrincipal): Promise<User> {
    await this.invitations.acceptForExistingUser(body.invitationToken, me);
    return this.users.view(me.id, me);
  }
}
