import type { LocalizedName } from './locale';

export const TERRITORY_LEVELS = ['root', 'country', 'region', 'province', 'commune'] as const;
export type TerritoryLevel = (typeof TERRITORY_LEVELS)[number];

/** The levels that have ISO 3166-2 codes; below them (communes) codes are local. */
export const ISO_CODED_LEVELS: readonly TerritoryLevel[] = ['root', 'country', 'region', 'province'];

/** An ISO 3166-2 code: a country (MA) or one of its subdivisions (MA-02, MA-BER). */
export const ISO_TERRITORY_CODE = /^[A-Z]{2}(-[A-Z0-9]{1,3})?$/;

/**
 * A local code, for the levels below the province (communes have no ISO code): upper-case letters and
 * digits in groups joined by `-` or `.`, at most {@link TERRITORY_CODE_MAX} characters — the province's
 * code and a number (MA-BER-003), or an official commune code (11.051.03).
 */
export const LOCAL_TERRITORY_CODE = /^[A-Z0-9]+([-.][A-Z0-9]+)*$/;
export const TERRITORY_CODE_MAX = 12;

export interface Territory {
  id: string;
  parentId: string | null;
  level: TerritoryLevel;
  /** ISO 3166-2 code where one exists (MA, MA-02, MA-BER…); below the province, a local code. */
  code: string | null;
  name: LocalizedName;
  /** How many direct children it has. */
  childCount: number;
}

export interface TerritoryDetail extends Territory {
  /** From the root down to the parent, in order. */
  ancestors: Territory[];
}

export interface CreateTerritoryRequest {
  parentId: string;
  level: TerritoryLevel;
  code?: string | null;
  /**
   * Every language above the commune level; a commune needs one name, and the languages left empty take
   * it (French, else English, else Arabic; Arabic falls back to French first).
   */
  name: Partial<LocalizedName>;
}

export interface UpdateTerritoryRequest {
  /** Moving a territory: it may not go under itself or one of its descendants. */
  parentId?: string;
  code?: string | null;
  /** An empty name of a commune takes the fallback again (see CreateTerritoryRequest). */
  name?: Partial<LocalizedName>;
}

/** `GET /territories/search`: territories whose name (in any language) or code matches. */
export interface TerritorySearchQuery {
  q: string;
  /** Only in the subtree of this territory (itself included). */
  within?: string;
}
