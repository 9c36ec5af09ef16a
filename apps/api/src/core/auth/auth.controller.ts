import { Body, Controller, Delete, HttpCode, Inject, Post, Put, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import type { Request, Response } from 'express';
import { REFRESH_COOKIE, type Session } from '@minga/contracts';
import { CurrentPrincipal, CurrentSession, type AuthPrincipal } from '../../platform/access/principal';
import { Public } from '../../platform/access/public.decorator';
import { ApiProblems } from '../../platform/common/api-problems.decorator';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { InvitationsService } from '../invitations/invitations.service';
import type { UserEntity } from '../users/user.entity';
import { ChangePasswordDto, SessionDto, SignInDto, SignUpDto } from './auth.dto';
import { AuthService, type IssuedSession } from './auth.service';
import { DEVICE_COOKIE, KnownDevicesService } from './known-devices.service';
import { cookieOf } from './request-cookie';
import { LocalAuthGuard, SignInBodyGuard, SignInRoute } from './sign-in.guards';

const COOKIE_PATH = '/api/auth';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly invitations: InvitationsService,
    private readonly knownDevices: KnownDevicesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @SignInRoute()
  @Post('auth/session')
  @HttpCode(200)
  @UseGuards(SignInBodyGuard, LocalAuthGuard)
  @ApiBody({ type: SignInDto })
  @ApiProblems([400, 401, 423, 429], { public: true })
  @ZodResponse({ type: SessionDto })
  async signIn(@Req() req: Request & { user: UserEntity }, @Res({ passthrough: true }) res: Response): Promise<Session> {
    const session = this.respond(res, await this.auth.startSession(req.user.id, req.headers['user-agent']));
    res.cookie(DEVICE_COOKIE, this.knownDevices.remember(cookieOf(req, DEVICE_COOKIE), req.user), this.knownDevices.cookieOptions());
    return session;
  }

  @Public()
  @Post('auth/session/refresh')
  @HttpCode(200)
  @ApiProblems([401], { public: true })
  @ZodResponse({ type: SessionDto })
  async refresh(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<Session> {
    try {
      return this.respond(res, await this.auth.refresh(refreshCookie(req), req.headers['user-agent']));
    } catch (err) {
      res.clearCookie(REFRESH_COOKIE, { path: COOKIE_PATH });
      throw err;
    }
  }

  @Public()
  @Delete('auth/session')
  @HttpCode(204)
  @ApiProblems([], { public: true })
  async signOut(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.signOut(refreshCookie(req));
    res.clearCookie(REFRESH_COOKIE, { path: COOKIE_PATH });
  }

  @Public()
  @SignInRoute()
  @Post('accounts')
  @ApiProblems([400, 409, 410, 429], { public: true })
  @ZodResponse({ status: 201, type: SessionDto })
  async signUp(@Body() body: SignUpDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<Session> {
    const user = await this.invitations.acceptAsNewUser(body);
    return this.respond(res, await this.auth.startSession(user.id, req.headers['user-agent']));
  }

  @SignInRoute()
  @Put('me/password')
  @HttpCode(204)
  @ApiProblems([400, 401, 429])
  async changePassword(
    @Body() body: ChangePasswordDto,
    @CurrentPrincipal() me: AuthPrincipal,
    @CurrentSession() sessionId: string | null,
  ): Promise<void> {
    // The session comes from the access token: the refresh cookie is sent to /api/auth only, never here.
    await this.auth.changePassword(me.id, body, sessionId);
  }

  private respond(res: Response, issued: IssuedSession): Session {
    res.cookie(REFRESH_COOKIE, issued.refresh.token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.publicUrl.startsWith('https://'),
      path: COOKIE_PATH,
      expires: issued.refresh.expiresAt,
    });
    return issued.session;
  }
}

function refreshCookie(req: Request): string | undefined {
  return cookieOf(req, REFRESH_COOKIE);
}
