import { DynamicModule, Module } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TerritoriesModule } from '@tc/territories/api';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { AuthService } from './auth/auth.service';
import { BackgroundWork } from './background-work';
import { SignInLockoutService } from './auth/sign-in-lockout.service';
import { SignInThrottlerStorage } from './auth/sign-in-throttler.storage';
import { ActionTokenEntity } from './entities/action-token.entity';
import { RefreshTokenEntity } from './entities/refresh-token.entity';
import { SignInFailureEntity } from './entities/sign-in-failure.entity';
import { RoleAssignmentEntity } from './entities/role-assignment.entity';
import { UserEntity } from './entities/user.entity';
import { IDENTITY_OPTIONS, type IdentityOptions } from './identity.options';
import { LinkAcceptance } from './links/link-acceptance';
import { LinksService } from './links/links.service';
import { MailService } from './mail/mail.service';
import { PasswordService } from './password.service';
import { PrincipalService } from './principal.service';
import { MeController } from './users/me.controller';
import { UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';
import { UserDirectory } from './users/user-directory.service';
import { Provisioning } from './users/provisioning.service';
import { UserAuditLabels } from './user-audit-labels';

export const IDENTITY_ENTITIES = [
  UserEntity,
  RoleAssignmentEntity,
  RefreshTokenEntity,
  ActionTokenEntity,
  SignInFailureEntity,
];

function emailOf(req: Record<string, unknown>): string {
  const body = req['body'] as { email?: unknown } | undefined;
  return typeof body?.email === 'string' ? body.email.trim().toLowerCase() : '';
}

@Module({})
export class IdentityModule {
  static forRoot(options: IdentityOptions): DynamicModule {
    const windowMs = options.signInLimits.windowSeconds * 1000;
    return {
      module: IdentityModule,
      // Other domains inject UserDirectory without importing the configured module again.
      global: true,
      imports: [
        TypeOrmModule.forFeature(IDENTITY_ENTITIES),
        TerritoriesModule,
        JwtModule.register({
          // A KeyObject, not the string: jsonwebtoken would otherwise try (and fail) to parse the string
          // as a public key on every verification, which costed a third of the CPU under load.
          secret: createSecretKey(Buffer.from(options.jwtSecret)),
          signOptions: { algorithm: 'HS256' },
          verifyOptions: { algorithms: ['HS256'] },
        }),
        ThrottlerModule.forRoot({
          // In Redis when configured (shared by every API process), else in this process's memory.
          storage: new SignInThrottlerStorage(options.signInLimits.redis),
          throttlers: [
            { name: 'ip', ttl: windowMs, limit: options.signInLimits.perIp },
            {
              name: 'account',
              ttl: windowMs,
              limit: options.signInLimits.perAccount,
              // Requests without an e-mail (refresh of a link) fall back to the IP throttler alone.
              skipIf: (ctx) => emailOf(ctx.switchToHttp().getRequest()) === '',
              getTracker: (req) => `account:${emailOf(req)}`,
            },
          ],
        }),
      ],
      controllers: [AuthController, MeController, UsersController],
      providers: [
        { provide: IDENTITY_OPTIONS, useValue: options },
        AuthService,
        BackgroundWork,
        SignInLockoutService,
        LinksService,
        LinkAcceptance,
        MailService,
        PasswordService,
        PrincipalService,
        UsersService,
        UserDirectory,
        Provisioning,
        UserAuditLabels,
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [IDENTITY_OPTIONS, PasswordService, UserDirectory, Provisioning, LinksService, LinkAcceptance],
    };
  }
}
