import { Inject, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, IsNull } from 'typeorm';
import type { Session } from '@tc/shared/contracts';
import { RefreshTokenEntity } from '../entities/refresh-token.entity';
import { UserEntity } from '../entities/user.entity';
import { newOpaqueToken, normalizeEmail, sha256 } from '../crypto.util';
import { IDENTITY_OPTIONS, type IdentityOptions } from '../identity.options';
import { flatRows } from '../links/links.service';
import { PasswordService } from '../password.service';
import { loadMe } from '../users/user-views';

/** A session as the controller needs it: the body, and the refresh token for the cookie. */
export interface IssuedSession {
  session: Session;
  refreshToken: string;
  refreshExpiresAt: Date;
}

/** Same words for unknown e-mail, wrong password and disabled account: nothing to enumerate. */
export const SIGN_IN_FAILED = 'E-mail or password is incorrect.';

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(IDENTITY_OPTIONS) private readonly options: IdentityOptions,
    private readonly jwt: JwtService,
    private readonly passwords: PasswordService,
  ) {}

  async signIn(email: string, password: string): Promise<IssuedSession> {
    const user = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: normalizeEmail(email) })
      .getOne();
    const ok = await this.passwords.verify(user?.passwordHash ?? null, password);
    if (!user || !ok || user.disabledAt) {
      this.logger.log(
        { email: normalizeEmail(email), reason: !user ? 'unknown' : !ok ? 'password' : 'disabled' },
        'Sign-in refused',
      );
      throw new UnauthorizedException(SIGN_IN_FAILED);
    }
    return this.startSession(user.id, randomUUID());
  }

  /** Issues an access token and a new refresh token in the given family. */
  async startSession(userId: string, familyId: string): Promise<IssuedSession> {
    const refreshToken = newOpaqueToken();
    const refreshExpiresAt = new Date(Date.now() + this.options.refreshTokenTtl * 1000);
    await this.dataSource.manager.insert(RefreshTokenEntity, {
      familyId,
      userId,
      tokenHash: sha256(refreshToken),
      expiresAt: refreshExpiresAt,
    });
    const accessToken = await this.jwt.signAsync(
      { sub: userId, typ: 'access' },
      { expiresIn: this.options.accessTokenTtl },
    );
    const me = await loadMe(this.dataSource.manager, userId);
    return {
      session: { accessToken, expiresIn: this.options.accessTokenTtl, me },
      refreshToken,
      refreshExpiresAt,
    };
  }

  /**
   * Rotates a refresh token. A token that was already rotated (or revoked) is a replay: the whole family
   * is revoked, so whoever holds the newer token is signed out too.
   */
  async refresh(token: string | undefined): Promise<IssuedSession> {
    if (!token) throw new UnauthorizedException('No session.');
    const row = await this.dataSource.manager.findOne(RefreshTokenEntity, {
      where: { tokenHash: sha256(token) },
    });
    if (!row) throw new UnauthorizedException('No session.');
    const claimed = flatRows(
      await this.dataSource.query(
        `UPDATE refresh_tokens SET used_at = now()
          WHERE id = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now() RETURNING id`,
        [row.id],
      ),
    );
    if (!claimed.length) {
      if (row.usedAt) {
        await this.revokeFamily(row.familyId);
        this.logger.warn(
          { userId: row.userId, familyId: row.familyId },
          'Refresh token reused: session family revoked',
        );
      }
      throw new UnauthorizedException('Your session has ended; sign in again.');
    }
    const active = await this.dataSource.manager.exists(UserEntity, {
      where: { id: row.userId, disabledAt: IsNull() },
    });
    if (!active) {
      await this.revokeFamily(row.familyId);
      throw new UnauthorizedException('Your session has ended; sign in again.');
    }
    return this.startSession(row.userId, row.familyId);
  }

  async signOut(token: string | undefined): Promise<void> {
    if (!token) return;
    const row = await this.dataSource.manager.findOne(RefreshTokenEntity, {
      where: { tokenHash: sha256(token) },
    });
    if (row) await this.revokeFamily(row.familyId);
  }

  private async revokeFamily(familyId: string): Promise<void> {
    await this.dataSource.manager.update(
      RefreshTokenEntity,
      { familyId, revokedAt: IsNull() },
      { revokedAt: new Date() },
    );
  }
}
