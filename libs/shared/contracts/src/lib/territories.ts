import type { LocalizedName } from './locale';

export const TERRITORY_LEVELS = ['root', 'country', 'region', 'province', 'commune'] as const;
export type TerritoryLevel = (typeof TERRITORY_LEVELS)[number];

export interface Territory {
  id: string;
  parentId: string | null;
  level: TerritoryLevel;
  /** ISO 3166-2 code where one exists (MA, MA-02, MA-BER…). */
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
  name: LocalizedName;
}

export interface UpdateTerritoryRequest {
  /** Moving a territory: it may not go under itself or one of its descendants. */
  parentId?: string;
  code?: string | null;
  name?: Partial<LocalizedName>;
}
