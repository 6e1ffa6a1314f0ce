import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { CredentialVerification, Locale } from '@tc/shared/contracts';
import { transactionQuery } from '@tc/shared/api';
import { CREDENTIALS_OPTIONS, type ResolvedCredentialsOptions } from './credentials.options';
import { documentLoader } from './document-loader';
import { IssuerKeysService } from './issuer-keys.service';
import {
  buildOpenBadge,
  signCredential,
  type IssueCredentialRequest,
  type IssuerProfile,
} from './open-badge';
import { StatusListsService } from './status-lists.service';
import { verifyOpenBadge, type StatusAnswer } from './verifier';
import type { DocumentLoader, JsonObject } from './vc-libraries';

/** The issuer's name and description in each language (OB 3.0 Profile, one language per document). */
const ISSUER_TEXTS: Record<Locale, { name: string; description: string }> = {
  fr: {
    name: 'Coaching territorial',
    description:
      'Plateforme de formation des coachs territoriaux aux compétences numériques (référentiel DigComp 2.2).',
  },
  ar: {
    name: 'التدريب الترابي',
    description: 'منصة لتكوين المدربين الترابيين في الكفايات الرقمية (الإطار المرجعي DigComp 2.2).',
  },
  en: {
    name: 'Territorial coaching',
    description: 'A platform that trains territorial coaches in digital skills (DigComp 2.2 framework).',
  },
};

/**
 * Open Badges 3.0 credentials: issued and revoked inside the awarding domain's transaction, kept
 * signed as issued, verified as any third party would (offline: bundled contexts, our own DID from the
 * database, `did:key`). Knows nothing of courses: the awarding domain states the achievement.
 */
@Injectable()
export class CredentialsService {
  private readonly publicUrl: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly keys: IssuerKeysService,
    private readonly statusLists: StatusListsService,
    @Inject(CREDENTIALS_OPTIONS) options: ResolvedCredentialsOptions,
  ) {
    this.publicUrl = options.publicUrl;
  }

  get issuerDid(): string {
    return this.keys.did;
  }

  /** The issuer's profile in one language (the credential's). */
  issuerProfile(language: Locale): IssuerProfile {
    const texts = ISSUER_TEXTS[language];
    return {
      id: this.keys.did,
      type: ['Profile'],
      name: texts.name,
      url: this.publicUrl,
      image: { id: `${this.publicUrl}/icons/icon-512.png`, type: 'Image' },
      description: texts.description,
    };
  }

  /** The profile in every language, for the public issuer route. */
  issuerProfiles(): Record<Locale, IssuerProfile> {
    return { fr: this.issuerProfile('fr'), ar: this.issuerProfile('ar'), en: this.issuerProfile('en') };
  }

  /**
   * Issues, in the caller's transaction, a signed credential for `request.reference`. A credential
   * issued for it before is replaced, and its status bit set: it stated what is no longer so.
   */
  async issue(
    manager: EntityManager,
    request: IssueCredentialRequest,
    now = new Date(),
  ): Promise<JsonObject> {
    await transactionQuery(
      manager,
      `UPDATE issued_credentials SET replaced_at = $2, revoked_at = COALESCE(revoked_at, $2)
        WHERE reference = $1 AND replaced_at IS NULL`,
      [request.reference, now],
    );
    const status = await this.statusLists.allocate(manager);
    const unsigned = buildOpenBadge(request, this.issuerProfile(request.achievement.language), status, now);
    const key = await this.keys.signingKey(manager);
    const credential = await signCredential(unsigned, key, this.loader(manager), now);
    await transactionQuery(
      manager,
      `INSERT INTO issued_credentials (id, reference, document, status_list, status_index, issued_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        String(credential['id']).slice('urn:uuid:'.length),
        request.reference,
        JSON.stringify(credential),
        status.list,
        status.index,
        now,
      ],
    );
    return credential;
  }

  /** Sets the status bit of every credential issued for `reference`, in the caller's transaction. */
  async revoke(manager: EntityManager, reference: string, at = new Date()): Promise<number> {
    const rows = await transactionQuery<{ id: string }>(
      manager,
      'UPDATE issued_credentials SET revoked_at = $2 WHERE reference = $1 AND revoked_at IS NULL RETURNING id',
      [reference, at],
    );
    return rows.length;
  }

  /** The current credential issued for `reference`, as signed (null: none). */
  async current(
    reference: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<JsonObject | null> {
    const [row] = await transactionQuery<{ document: JsonObject }>(
      manager,
      'SELECT document FROM issued_credentials WHERE reference = $1 AND replaced_at IS NULL',
      [reference],
    );
    return row?.document ?? null;
  }

  /** Verifies any OB 3.0 credential, ours or another issuer's whose key resolves offline. */
  async verify(credential: unknown, now = new Date()): Promise<CredentialVerification> {
    return verifyOpenBadge(credential, {
      documentLoader: this.loader(this.dataSource.manager),
      readStatus: (status) => this.readStatus(status),
      now,
    });
  }

  /** The document loader: bundled contexts, our DID document from the database, `did:key`. */
  private loader(manager: EntityManager): DocumentLoader {
    return documentLoader(async (did) => (did === this.keys.did ? this.keys.didDocument(manager) : null));
  }

  /** Our lists are read from the database (a revocation shows at once); others cannot be fetched offline. */
  private async readStatus(status: JsonObject): Promise<StatusAnswer> {
    if (status['type'] !== 'BitstringStatusListEntry' || status['statusPurpose'] !== 'revocation')
      return 'status-unreachable';
    const entry = this.statusLists.ours(status);
    if (!entry) return 'status-unreachable';
    const set = await this.statusLists.isSet(entry.list, entry.index);
    if (set === null) return 'status-unreachable';
    return set ? 'revoked' : 'ok';
  }
}
