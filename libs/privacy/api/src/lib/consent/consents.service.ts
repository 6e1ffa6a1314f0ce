import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { consentHistory, recordConsent } from '@tc/audit/api';
import {
  OWN_CONSENT_PURPOSES,
  type ConsentRecord,
  type MyConsents,
  type OwnConsentPurpose,
} from '@tc/shared/contracts';
import { transactionQuery, type AuthPrincipal } from '@tc/shared/api';

/**
 * What withdrawing each consent ends, in the transaction that records the withdrawal: the processing
 * that consent grounded stops at once, whatever the state of the record (data given before consents
 * were recorded goes too). The rows belong to identity and notifications; this domain writes them as
 * erasure does (sql-ownership.allow.ts), the one place that answers for a person's rights.
 */
const WITHDRAWALS: Record<OwnConsentPurpose, (m: EntityManager, userId: string) => Promise<number>> = {
  demographics: async (m, userId) =>
    (
      await transactionQuery(
        m,
        `UPDATE users SET gender = NULL, birth_year = NULL, updated_at = now()
          WHERE id = $1 AND (gender IS NOT NULL OR birth_year IS NOT NULL) RETURNING 1`,
        [userId],
      )
    ).length,
  push: async (m, userId) =>
    (
      await transactionQuery(m, `DELETE FROM push_subscriptions WHERE recipient_id = $1 RETURNING 1`, [
        userId,
      ])
    ).length,
  digest: async (m, userId) =>
    (
      await transactionQuery(
        m,
        `UPDATE notification_settings SET email_mode = 'off', updated_at = now()
          WHERE user_id = $1 AND email_mode = 'digest' RETURNING 1`,
        [userId],
      )
    ).length,
};

/**
 * A person's consents (`/me/consents`): where each purpose stands, with the date and words of its
 * latest record, and the whole history; withdrawing one records the withdrawal and ends what it
 * grounded. Giving happens where the processing starts (the profile, push, e-mail settings), each
 * domain recording it with recordConsent; the records themselves are the audit lib's table.
 */
@Injectable()
export class ConsentsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async mine(principal: AuthPrincipal): Promise<MyConsents> {
    return this.read(this.dataSource.manager, principal.userId);
  }

  /** Withdraws the person's consent to a purpose: the data it grounded goes, and the history says so. */
  async withdraw(principal: AuthPrincipal, purpose: OwnConsentPurpose): Promise<MyConsents> {
    return this.dataSource.transaction(async (manager) => {
      const userId = principal.userId;
      const [latest] = await consentHistory(manager, { userId }, purpose);
      const cleared = await WITHDRAWALS[purpose](manager, userId);
      if (latest?.given || cleared > 0) {
        // The record is the trace of the withdrawal (who, when, which words): no audit entry besides.
        await recordConsent(manager, { subject: { userId }, purpose, given: false, recordedBy: userId });
      }
      return this.read(manager, userId);
    });
  }

  private async read(manager: EntityManager, userId: string): Promise<MyConsents> {
    const history = (await consentHistory(manager, { userId })).filter((r) =>
      (OWN_CONSENT_PURPOSES as readonly string[]).includes(r.purpose),
    );
    return {
      current: OWN_CONSENT_PURPOSES.map((purpose) => {
        const latest: ConsentRecord | null = history.find((r) => r.purpose === purpose) ?? null;
        return { purpose, given: latest?.given ?? false, latest };
      }),
      history,
    };
  }
}
