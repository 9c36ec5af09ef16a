import { createSecretKey } from 'node:crypto';
import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PRINCIPAL_RESOLVER } from '../../platform/access/principal-resolver';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { resolveJwtSecret } from '../../platform/config/jwt-secret';
import { InvitationsModule } from '../invitations/invitations.module';
import { RolesModule } from '../roles/roles.module';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { KnownDevicesService } from './known-devices.service';
import { LocalStrategy } from './local.strategy';
import { PrincipalResolverService } from './principal-resolver.service';
import { RefreshTokenEntity } from './refresh-token.entity';
import { RefreshTokensService } from './refresh-tokens.service';
import { SignInLockoutService } from './sign-in-lockout.service';

// Global so the principal resolver reaches HTTP guards and socket middleware without them importing a domain.
@Global()
@Module({
  imports: [
    PassportModule,
    TypeOrmModule.forFeature([RefreshTokenEntity]),
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        // A KeyObject: given a string, jsonwebtoken first tries to parse it as a public key on every verification.
        secret: createSecretKey(Buffer.from(resolveJwtSecret(config))),
        signOptions: { algorithm: 'HS256', expiresIn: config.ACCESS_TOKEN_TTL_SECONDS },
      }),
    }),
    UsersModule,
    RolesModule,
    InvitationsModule,
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    LocalStrategy,
    RefreshTokensService,
    SignInLockoutService,
    KnownDevicesService,
    PrincipalResolverService,
    { provide: PRINCIPAL_RESOLVER, useExisting: PrincipalResolverService },
  ],
  exports: [PRINCIPAL_RESOLVER],
})
export class AuthModule {}
