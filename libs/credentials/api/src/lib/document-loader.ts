import { vcLibraries, type DocumentLoader, type JsonObject } from './vc-libraries';

export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OB_V3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
export const DID_V1_CONTEXT = 'https://www.w3.org/ns/did/v1';
export const MULTIKEY_CONTEXT = 'https://w3id.org/security/multikey/v1';

/** Thrown for any URL the loader does not serve: it never goes to the network. */
export class UnresolvableDocumentError extends Error {
  constructor(readonly url: string) {
    super(`Not resolvable offline: ${url}`);
  }
}

/** Our own DID documents, from the database (never over HTTP, not even to ourselves). */
export type OwnDidResolver = (did: string) => Promise<JsonObject | null>;

/** A DID document's verification method by its id, with the context a verifier needs to read it. */
function methodOf(didDocument: JsonObject, id: string): JsonObject | null {
  const methods = (didDocument['verificationMethod'] as JsonObject[] | undefined) ?? [];
  const method = methods.find((m) => m['id'] === id);
  return method ? { '@context': MULTIKEY_CONTEXT, ...method } : null;
}

/** `did:key` for Ed25519 (`z6Mk…`): the key is the identifier, so it resolves without anyone. */
async function didKeyDocument(did: string): Promise<JsonObject | null> {
  const fingerprint = did.slice('did:key:'.length);
  if (!/^z6Mk[1-9A-HJ-NP-Za-km-z]+$/.test(fingerprint)) return null;
  const key = await vcLibraries().Ed25519Multikey.from({
    '@context': MULTIKEY_CONTEXT,
    type: 'Multikey',
    id: `${did}#${fingerprint}`,
    controller: did,
    publicKeyMultibase: fingerprint,
  });
  const method = {
    id: `${did}#${fingerprint}`,
    type: 'Multikey',
    controller: did,
    publicKeyMultibase: key.publicKeyMultibase,
  };
  return {
    '@context': [DID_V1_CONTEXT, MULTIKEY_CONTEXT],
    id: did,
    verificationMethod: [method],
    assertionMethod: [method.id],
    authentication: [method.id],
  };
}

/**
 * The only document loader signing and verifying use: the JSON-LD contexts the packages ship (VC 2.0,
 * OB 3.0.x, Data Integrity, Multikey, Bitstring Status List, plus `extra` for tests), our own DID and its
 * keys (from `own`), and `did:key`. Anything else throws `UnresolvableDocumentError`.
 */
export function documentLoader(own: OwnDidResolver, extra: Map<string, unknown> = new Map()): DocumentLoader {
  const { contexts } = vcLibraries();
  return async (url: string) => {
    const context = contexts.get(url) ?? extra.get(url);
    if (context) return { contextUrl: null, documentUrl: url, document: context };
    const [did, fragment] = url.split('#');
    let didDocument: JsonObject | null = null;
    if (did?.startsWith('did:key:')) didDocument = await didKeyDocument(did);
    else if (did?.startsWith('did:')) didDocument = await own(did);
    if (didDocument) {
      const document = fragment === undefined ? didDocument : methodOf(didDocument, url);
      if (document) return { contextUrl: null, documentUrl: url, document };
    }
    throw new UnresolvableDocumentError(url);
  };
}
