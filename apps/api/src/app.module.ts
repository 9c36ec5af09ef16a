import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE, Reflector } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import { ZodSerializerInterceptor, ZodValidationPipe } from 'nestjs-zod';
import { AccessModule } from './access/access.module';
import { AccessTokenGuard } from './access/access-token.guard';
import { ActionPlansModule } from './action-plans/action-plans.module';
import { DashboardsModule } from './dashboards/dashboards.module';
import { OpenDataModule } from './open-data/open-data.module';
import { AuthModule } from './auth/auth.module';
import { SIGN_IN_ROUTE } from './auth/sign-in.guards';
import { CalendarsModule } from './calendars/calendars.module';
import { CitiesModule } from './cities/cities.module';
import { CohortsModule } from './cohorts/cohorts.module';
import { ClusterModule } from './cluster/cluster.module';
import { SharedRateLimitStorage } from './cluster/shared-rate-limit-storage';
import { CollabModule } from './collab/collab.module';
import { CommentsModule } from './comments/comments.module';
import { DraftVersionsModule } from './draft-versions/draft-versions.module';
import { ProblemDetailsFilter } from './common/problem-details.filter';
import { StorableTextMiddleware } from './common/storable-text.middleware';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { DraftsModule } from './drafts/drafts.module';
import { HealthModule } from './health/health.module';
import { HubsModule } from './hubs/hubs.module';
import { InvitationsModule } from './invitations/invitations.module';
import { MailModule } from './mail/mail.module';
import { MeetingRoomModule } from './meeting-room/meeting-room.module';
import { MeetingsModule } from './meetings/meetings.module';
import { ModelPoliciesModule } from './model-policies/model-policies.module';
import { NotificationsModule } from './notifications/notifications.module';
import { RealtimeModule } from './realtime/realtime.module';
import { RolesModule } from './roles/roles.module';
import { SeedModule } from './seed/seed.module';
import { UsersModule } from './users/users.module';

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
