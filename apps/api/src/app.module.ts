import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE, Reflector } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import { ZodSerializerInterceptor, ZodValidationPipe } from 'nestjs-zod';
import { AccessModule } from './platform/access/access.module';
import { AccessTokenGuard } from './platform/access/access-token.guard';
import { ActionPlansModule } from './core/action-plans/action-plans.module';
import { DashboardsModule } from './core/dashboards/dashboards.module';
import { OpenDataModule } from './core/open-data/open-data.module';
import { AuthModule } from './core/auth/auth.module';
import { SIGN_IN_ROUTE } from './core/auth/sign-in.guards';
import { CalendarsModule } from './core/calendars/calendars.module';
import { CitiesModule } from './core/cities/cities.module';
import { CohortsModule } from './core/cohorts/cohorts.module';
import { ClusterModule } from './platform/cluster/cluster.module';
import { SharedRateLimitStorage } from './platform/cluster/shared-rate-limit-storage';
import { CollabModule } from './platform/collab/collab.module';
import { CommentsModule } from './core/comments/comments.module';
import { DraftVersionsModule } from './core/draft-versions/draft-versions.module';
import { ProblemDetailsFilter } from './platform/common/problem-details.filter';
import { StorableTextMiddleware } from './platform/common/storable-text.middleware';
import { APP_CONFIG, type AppConfig } from './platform/config/app-config';
import { ConfigModule } from './platform/config/config.module';
import { DatabaseModule } from './platform/database/database.module';
import { DraftsModule } from './core/drafts/drafts.module';
import { HealthModule } from './platform/health/health.module';
import { HubsModule } from './core/hubs/hubs.module';
import { InvitationsModule } from './core/invitations/invitations.module';
import { MailModule } from './platform/mail/mail.module';
import { MeetingRoomModule } from './core/meeting-room/meeting-room.module';
import { MeetingsModule } from './core/meetings/meetings.module';
import { ModelPoliciesModule } from './core/model-policies/model-policies.module';
import { NotificationsModule } from './core/notifications/notifications.module';
import { RealtimeModule } from './platform/realtime/realtime.module';
import { RolesModule } from './core/roles/roles.module';
import { SeedModule } from './core/seed/seed.module';
import { UsersModule } from './core/users/users.module';

const reflector = new Reflector();

@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.LOG_LEVEL,
          redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
          // A calendar feed's URL is its secret: logs keep the route, not the token.
          serializers: {
            req: (req: { url?: string }) => ({ ...req, url: req.url?.replace(/(\/api\/calendars\/feeds\/)[^/?]+/, '$1[token]') }),
          },
          autoLogging: { ignore: (req) => req.url?.startsWith('/api/health') ?? false },
        },
      }),
    }),
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        // With several API instances the counters must be shared, or each instance would allow the full limit.
        storage: config.REDIS_URL ? new SharedRateLimitStorage(config.REDIS_URL, `${config.REDIS_KEY_PREFIX}throttle:`) : undefined,
        throttlers: [
          { name: 'default', ttl: 60_000, limit: config.API_RATE_LIMIT },
          {
            name: 'sign-in',
            ttl: 60_000,
            limit: config.SIGN_IN_RATE_LIMIT,
            skipIf: (ctx) => !reflector.get<boolean>(SIGN_IN_ROUTE, ctx.getHandler()),
          },
        ],
      }),
    }),
    DatabaseModule,
    ClusterModule,
    MailModule,
    AccessModule,
    AuthModule,
    RealtimeModule,
    CollabModule,
    HubsModule,
    CitiesModule,
    UsersModule,
    RolesModule,
    InvitationsModule,
    ModelPoliciesModule,
    DraftsModule,
    DraftVersionsModule,
    ActionPlansModule,
    DashboardsModule,
    OpenDataModule,
    CommentsModule,
    NotificationsModule,
    CohortsModule,
    MeetingsModule,
    CalendarsModule,
    MeetingRoomModule,
    HealthModule,
    SeedModule,
  ],
  providers: [
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
    { provide: APP_PIPE, useClass: ZodValidationPipe },
    { provide: APP_INTERCEPTOR, useClass: ZodSerializerInterceptor },
    { provide: APP_GUARD, useClass: ThrottlerGuard },
    { provide: APP_GUARD, useClass: AccessTokenGuard },
  ],
})
export class AppModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(StorableTextMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
