import { randomUUID } from 'node:crypto';
import type { Locale } from '@tc/shared/contracts';
import { OB_V3_CONTEXT, VC_V2_CONTEXT } from './document-loader';
import { OB_SCHEMA_URL } from './schema';
import { vcLibraries, type DocumentLoader, type JsonObject, type MultikeyPair } from './vc-libraries';

/** A competence the achievement aligns to (DigComp 2.2 for our courses). */
export interface AchievementAlignment {
  /** "1.1" */
  code: string;
  name: string;
  /** Where the framework describes it. */
  url: string;
  framework: string;
}

/** What was achieved, as the domain that awards it words it (in `language`). */
export interface AchievementStatement {
  /** A stable URI of the achievement (one per course version). */
  id: string;
  name: string;
  description: string;
  /** What had to be done (markdown). */
  criteria: string;
  version: string;
  language: Locale;
  alignments: AchievementAlignment[];
}

/** A credential to issue for something a domain awards (`reference`: its own id of that thing). */
export interface IssueCredentialRequest {
  reference: string;
  recipientName: string;
  achievement: AchievementStatement;
  /** When it was earned (kept across re-issues). */
  awardedAt: Date;
}

/** The issuer as OB 3.0 describes it (a Profile), in one language. */
export interface IssuerProfile extends JsonObject {
  id: string;
  type: string[];
  name: string;
  url: string;
  image: { id: string; type: 'Image' };
  description: string;
}

export interface StatusEntry {
  list: number;
  index: number;
  listUrl: string;
}

/** ISO 8601 without milliseconds, as VC examples write dates. */
export function isoSeconds(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** The unsigned OpenBadgeCredential (VC 2.0 data model, OB 3.0.3 context). */
export function buildOpenBadge(
  request: IssueCredentialRequest,
  issuer: IssuerProfile,
  status: StatusEntry,
  validFrom: Date,
): JsonObject {
  const a = request.achievement;
  return {
    '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT],
    id: `urn:uuid:${randomUUID()}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: a.name,
    description: a.description,
    issuer,
    validFrom: isoSeconds(validFrom),
    awardedDate: isoSeconds(request.awardedAt),
    credentialSubject: {
      type: ['AchievementSubject'],
      name: request.recipientName,
      // OB 3.0: a subject without `id` names its holder with at least one identifier.
      identifier: [
        { type: 'IdentityObject', hashed: false, identityHash: request.recipientName, identityType: 'name' },
      ],
      achievement: {
        id: a.id,
        type: ['Achievement'],
        achievementType: 'Certificate',
        name: a.name,
        description: a.description,
        criteria: { narrative: a.criteria },
        version: a.version,
        inLanguage: a.language,
        ...(a.alignments.length
          ? {
              alignment: a.alignments.map((al) => ({
                type: ['Alignment'],
                targetCode: al.code,
                targetName: al.name,
                targetFramework: al.framework,
                targetType: 'ceasn:Competency',
                targetUrl: al.url,
              })),
            }
          : {}),
      },
    },
    credentialStatus: {
      id: `${status.listUrl}#${status.index}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(status.index),
      statusListCredential: status.listUrl,
    },
    credentialSchema: [{ id: OB_SCHEMA_URL, type: 'JsonSchema' }],
  };
}

/**
 * Signs with a Data Integrity proof (`eddsa-rdfc-2022`, assertionMethod). The proof goes out as an
 * array: OB 3.0's JSON schema writes every multi-valued property as one (the signature covers the
 * proof-less document, so the shape of `proof` does not change what was signed).
 */
export async function signCredential(
  credential: JsonObject,
  key: MultikeyPair,
  documentLoader: DocumentLoader,
  date?: Date,
): Promise<JsonObject> {
  const { vc, DataIntegrityProof, cryptosuite } = vcLibraries();
  const suite = new DataIntegrityProof({
    signer: key.signer(),
    cryptosuite,
    ...(date ? { date: isoSeconds(date) } : {}),
  });
  const signed = await vc.issue({ credential: structuredClone(credential), suite, documentLoader });
  const proof = signed['proof'];
  return { ...signed, proof: Array.isArray(proof) ? proof : [proof] };
}
