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
import { SignInLockoutService } from './sign-in-lockout.service';

/** A session as the controller needs it: the body, and the refresh token for the cookie. */
export interface IssuedSession {
  session: Session;
  refreshToken: string;
  refreshExpiresAt: Date;
}

/** Same words for unknown e-mail, wrong password and disabled account: nothing to enumerate. */
export const SIGN_IN_FAILED = 'E-mail or password is incorrect.';

/**
 * The one answer to a refused sign-in: the same 401 problem whatever the reason; during a lockout (of
 * a real or an unknown address alike) it adds `Retry-After`.
 */
function signInRefused(retryAfterSeconds: number | null): UnauthorizedException {
  return new UnauthorizedException({
    message: SIGN_IN_FAILED,
    error: 'Unauthorized',
    statusCode: 401,
    ...(retryAfterSeconds !== null ? { headers: { 'Retry-After': String(retryAfterSeconds) } } : {}),
  });
}

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(IDENTITY_OPTIONS) private readonly options: IdentityOptions,
    private readonly jwt: JwtService,
    private readonly passwords: PasswordService,
    private readonly lockout: SignInLockoutService,
  ) {}

  async signIn(email: string, password: string): Promise<IssuedSession> {
    const address = normalizeEmail(email);
    // A locked address is refused before its password is even looked at (right or wrong).
    const locked = await this.lockout.lockedFor(address);
    if (locked !== null) {
      this.logger.log({ email: address, reason: 'locked' }, 'Sign-in refused');
      throw signInRefused(locked);
    }
    const user = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: address })
      .getOne();
    const ok = await this.passwords.verify(user?.passwordHash ?? null, password);
    if (!user || !ok || user.disabledAt) {
      this.logger.log(
        { email: address, reason: !user ? 'unknown' : !ok ? 'password' : 'disabled' },
        'Sign-in refused',
      );
      // Unknown addresses count like real ones, so a lockout says nothing about which accounts exist.
      const lockedNow = ok
        ? null
        : await this.lockout.recordFailure(
            address,
            user ? { id: user.id, territoryId: user.territoryId } : null,
          );
      throw signInRefused(lockedNow);
    }
    await this.lockout.reset(address);
    return this.startSession(user.id, randomUUID(), new Date());
  }

  /**
   * Issues an access token and a new refresh token in the given family. The refresh token expires at
   * the earliest of its own lifetime, the idle timeout and the session's absolute timeout.
   */
  async startSession(userId: string, familyId: string, sessionStartedAt: Date): Promise<IssuedSession> {
    const refreshToken = newOpaqueToken();
    const { idleSeconds, absoluteSeconds } = this.options.sessionTimeouts;
    const now = Date.now();
    const refreshExpiresAt = new Date(
      Math.min(
        now + Math.min(this.options.refreshTokenTtl, idleSeconds) * 1000,
        sessionStartedAt.getTime() + absoluteSeconds * 1000,
      ),
    );
    await this.dataSource.manager.insert(RefreshTokenEntity, {
      familyId,
      userId,
      tokenHash: sha256(refreshToken),
      expiresAt: refreshExpiresAt,
      sessionStartedAt,
    });
    // `sid` names the session (the refresh-token family): the token is refused once that session ends.
    const accessToken = await this.jwt.signAsync(
      { sub: userId, sid: familyId, typ: 'access' },
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
   * is revoked, so whoever holds the newer token is signed out too. A family idle for longer than the
   * idle timeout (its newest token is that old) or begun longer ago than the absolute timeout is over:
   * revoked, and the person signs in again. The timeouts are checked on every refresh (not only through
   * the token's expiry), so shortening them applies to the sessions already open.
   */
  async refresh(token: string | undefined): Promise<IssuedSession> {
    if (!token) throw new UnauthorizedException('No session.');
    const row = await this.dataSource.manager.findOne(RefreshTokenEntity, {
      where: { tokenHash: sha256(token) },
    });
    if (!row) throw new UnauthorizedException('No session.');
    const { idleSeconds, absoluteSeconds } = this.options.sessionTimeouts;
    const claimed = flatRows(
      await this.dataSource.query(
        `UPDATE refresh_tokens SET used_at = now()
          WHERE id = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
            AND created_at > now() - $2::int * interval '1 second'
            AND session_started_at > now() - $3::int * interval '1 second'
          RETURNING id`,
        [row.id, idleSeconds, absoluteSeconds],
      ),
    );
    if (!claimed.length) {
      if (row.usedAt) {
        await this.revokeFamily(row.familyId);
        this.logger.warn(
          { userId: row.userId, familyId: row.familyId },
          'Refresh token reused: session family revoked',
        );
      } else if (await this.timedOut(row.id, idleSeconds, absoluteSeconds)) {
        await this.revokeFamily(row.familyId);
        this.logger.log({ userId: row.userId, familyId: row.familyId }, 'Session timed out');
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
    return this.startSession(row.userId, row.familyId, row.sessionStartedAt);
  }

  /** Whether the token's family is past its idle or absolute timeout (or the token past its expiry). */
  private async timedOut(tokenId: string, idleSeconds: number, absoluteSeconds: number): Promise<boolean> {
    const rows: { over: boolean }[] = await this.dataSource.query(
      `SELECT (revoked_at IS NULL AND (expires_at <= now()
                 OR created_at <= now() - $2::int * interval '1 second'
                 OR session_started_at <= now() - $3::int * interval '1 second')) AS over
         FROM refresh_tokens WHERE id = $1`,
      [tokenId, idleSeconds, absoluteSeconds],
    );
    return rows[0]?.over === true;
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
