import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { transactionQuery } from '@tc/shared/api';
import { CREDENTIALS_OPTIONS, type ResolvedCredentialsOptions } from './credentials.options';
import { documentLoader, VC_V2_CONTEXT } from './document-loader';
import { IssuerKeysService } from './issuer-keys.service';
import { isoSeconds, signCredential, type StatusEntry } from './open-badge';
import { vcLibraries, type JsonObject } from './vc-libraries';

/**
 * Entries are handed out from a counter, then scattered over the list by an affine map with an odd
 * multiplier, a bijection modulo 2^17 (lists have 131,072 entries): credentials issued one after the
 * other do not sit side by side, so a list does not tell who was revoked by the order of issue. (Not
 * secret: whoever knows the map can undo it; the spec's full random assignment would need retries.)
 */
const LIST_SIZE = 131_072;
const scatter = (n: number) => (n * 92_821 + 48_271) % LIST_SIZE;

/** The Bitstring Status Lists (`revocation`) of the credentials we issue. */
@Injectable()
export class StatusListsService {
  private readonly baseUrl: string;
  /** The signed list credential per list, until a bit of it changes. */
  private readonly signed = new Map<number, { version: string; credential: JsonObject }>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly keys: IssuerKeysService,
    @Inject(CREDENTIALS_OPTIONS) options: ResolvedCredentialsOptions,
  ) {
    this.baseUrl = `${options.publicUrl}/api/v1/credentials/status/`;
  }

  listUrl(list: number): string {
    return `${this.baseUrl}${list}`;
  }

  /** The next free entry, in the caller's transaction (the counter row's lock orders concurrent issues). */
  async allocate(manager: EntityManager): Promise<StatusEntry> {
    for (;;) {
      const [row] = await transactionQuery<{ id: number; n: number; size: number }>(
        manager,
        `UPDATE credential_status_lists SET next_index = next_index + 1
          WHERE id = (SELECT max(id) FROM credential_status_lists)
          RETURNING id, next_index - 1 AS n, size`,
        [],
      );
      if (!row) throw new Error('No status list.');
      if (row.n < row.size) return { list: row.id, index: scatter(row.n), listUrl: this.listUrl(row.id) };
      await transactionQuery(
        manager,
        'INSERT INTO credential_status_lists (id, size) VALUES ($1, $2) ON CONFLICT DO NOTHING',
        [row.id + 1, LIST_SIZE],
      );
    }
  }

  /** Whether an entry of one of our lists is set, read now from the database (null: no such list). */
  async isSet(
    list: number,
    index: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<boolean | null> {
    const [row] = await transactionQuery<{ size: number; set: boolean }>(
      manager,
      `SELECT l.size, EXISTS (SELECT 1 FROM issued_credentials c
                               WHERE c.status_list = l.id AND c.status_index = $2 AND c.revoked_at IS NOT NULL) AS set
         FROM credential_status_lists l WHERE l.id = $1`,
      [list, index],
    );
    if (!row || index < 0 || index >= row.size) return null;
    return row.set;
  }

  /** Our entry's list and index, when `status` points into one of our lists. */
  ours(status: JsonObject): { list: number; index: number } | null {
    const url = status['statusListCredential'];
    const index = Number(status['statusListIndex']);
    if (typeof url !== 'string' || !url.startsWith(this.baseUrl) || !Number.isInteger(index)) return null;
    const list = Number(url.slice(this.baseUrl.length));
    return Number.isInteger(list) && list > 0 ? { list, index } : null;
  }

  /**
   * The list as a signed BitstringStatusListCredential (GZIP, base64url multibase), signed again only
   * after one of its bits changed. Null: no such list.
   */
  async credential(list: number): Promise<JsonObject | null> {
    const [meta] = await transactionQuery<{ size: number; revoked: number; latest: Date | null }>(
      this.dataSource.manager,
      `SELECT l.size, count(c.status_index)::int AS revoked, max(c.revoked_at) AS latest
         FROM credential_status_lists l
         LEFT JOIN issued_credentials c ON c.status_list = l.id AND c.revoked_at IS NOT NULL
        WHERE l.id = $1 GROUP BY l.size`,
      [list],
    );
    if (!meta) return null;
    const version = `${meta.revoked}:${meta.latest?.toISOString() ?? ''}`;
    const cached = this.signed.get(list);
    if (cached?.version === version) return cached.credential;
    const rows = await transactionQuery<{ status_index: number }>(
      this.dataSource.manager,
      'SELECT status_index FROM issued_credentials WHERE status_list = $1 AND revoked_at IS NOT NULL',
      [list],
    );
    const { BitstringStatusList } = vcLibraries();
    const bits = new BitstringStatusList({ length: meta.size });
    for (const r of rows) bits.setStatus(r.status_index, true);
    const url = this.listUrl(list);
    const unsigned: JsonObject = {
      '@context': [VC_V2_CONTEXT],
      id: url,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: this.keys.did,
      validFrom: isoSeconds(new Date()),
      credentialSubject: {
        id: `${url}#list`,
        type: 'BitstringStatusList',
        statusPurpose: 'revocation',
        encodedList: await bits.encode(),
      },
    };
    const key = await this.keys.signingKey();
    const credential = await signCredential(
      unsigned,
      key,
      documentLoader(async (did) => (did === this.keys.did ? this.keys.didDocument() : null)),
    );
    this.signed.set(list, { version, credential });
    return credential;
  }
}
