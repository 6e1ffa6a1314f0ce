import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { transactionQuery } from '@tc/shared/api';
import { CREDENTIALS_OPTIONS, type ResolvedCredentialsOptions } from './credentials.options';
import { didWebOf } from './did-web';
import { DID_V1_CONTEXT, MULTIKEY_CONTEXT } from './document-loader';
import { KeyVault } from './key-vault';
import { vcLibraries, type JsonObject, type MultikeyPair } from './vc-libraries';

interface KeyRow {
  id: string;
  public_key_multibase: string;
  secret_key_sealed: string;
  created_at: Date;
  retired_at: Date | null;
}

/**
 * The issuer's Ed25519 keys: one signs, the retired ones still verify. Generated on first start, the
 * secret half sealed (AES-256-GCM) in `credential_issuer_keys`; rotation adds a key with a new id and
 * retires the signing one. The DID document lists every key.
 */
@Injectable()
export class IssuerKeysService implements OnApplicationBootstrap {
  readonly did: string;
  private readonly vault: KeyVault;
  /** Opened key pairs by id (a key never changes once made). */
  private readonly opened = new Map<string, MultikeyPair>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CREDENTIALS_OPTIONS) options: ResolvedCredentialsOptions,
  ) {
    this.did = didWebOf(options.publicUrl);
    this.vault = new KeyVault(options.keySecret);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.signingKey();
  }

  /** The key that signs now; the first one is made here. */
  async signingKey(manager: EntityManager = this.dataSource.manager): Promise<MultikeyPair> {
    let row = (await this.rows(manager)).find((r) => !r.retired_at);
    if (!row) {
      await this.insertKey(manager, new Date());
      row = (await this.rows(manager)).find((r) => !r.retired_at);
    }
    if (!row) throw new Error('No issuer key could be made.');
    return this.open(row);
  }

  /** A new signing key (id from today's date), the current one retired: both stay in the DID document. */
  async rotate(now = new Date()): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      await transactionQuery(manager, 'LOCK TABLE credential_issuer_keys IN SHARE ROW EXCLUSIVE MODE', []);
      await transactionQuery(
        manager,
        'UPDATE credential_issuer_keys SET retired_at = $1 WHERE retired_at IS NULL',
        [now],
      );
      return this.insertKey(manager, now);
    });
  }

  /** The `did:web` DID document: every key as a Multikey verification method, all for assertions. */
  async didDocument(manager: EntityManager = this.dataSource.manager): Promise<JsonObject> {
    const rows = await this.rows(manager);
    const methods = rows.map((r) => ({
      id: `${this.did}#${r.id}`,
      type: 'Multikey',
      controller: this.did,
      publicKeyMultibase: r.public_key_multibase,
    }));
    return {
      '@context': [DID_V1_CONTEXT, MULTIKEY_CONTEXT],
      id: this.did,
      verificationMethod: methods,
      assertionMethod: methods.map((m) => m.id),
    };
  }

  private async rows(manager: EntityManager): Promise<KeyRow[]> {
    return transactionQuery<KeyRow>(
      manager,
      'SELECT id, public_key_multibase, secret_key_sealed, created_at, retired_at FROM credential_issuer_keys ORDER BY created_at, id',
      [],
    );
  }

  /** A fresh key pair under `key-YYYY-MM-DD` (a suffix when that id is taken); none when another process just made the signing key. */
  private async insertKey(manager: EntityManager, now: Date): Promise<string> {
    const taken = new Set((await this.rows(manager)).map((r) => r.id));
    const day = `key-${now.toISOString().slice(0, 10)}`;
    let id = day;
    for (let n = 2; taken.has(id); n++) id = `${day}-${n}`;
    const pair = await vcLibraries().Ed25519Multikey.generate({
      id: `${this.did}#${id}`,
      controller: this.did,
    });
    const exported = await pair.export({ publicKey: true, secretKey: true });
    await transactionQuery(
      manager,
      `INSERT INTO credential_issuer_keys (id, public_key_multibase, secret_key_sealed, created_at)
       VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [id, exported['publicKeyMultibase'], this.vault.seal(String(exported['secretKeyMultibase']), id), now],
    );
    return id;
  }

  private async open(row: KeyRow): Promise<MultikeyPair> {
    const cached = this.opened.get(row.id);
    if (cached) return cached;
    const pair = await vcLibraries().Ed25519Multikey.from({
      '@context': MULTIKEY_CONTEXT,
      type: 'Multikey',
      id: `${this.did}#${row.id}`,
      controller: this.did,
      publicKeyMultibase: row.public_key_multibase,
      secretKeyMultibase: this.vault.open(row.secret_key_sealed, row.id),
    });
    this.opened.set(row.id, pair);
    return pair;
  }
}
