import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { EntityManager } from 'typeorm';
import type { AuditSubjectType, Locale } from '@tc/shared/contracts';

/**
 * What a domain tells the audit log about the subjects it owns: what each one is called now. The log
 * keeps ids only (names change, and a person's name is not the log's to keep), so its reader asks the
 * owning domain for the names of a page's subjects, once per page, and reads no other domain's table.
 *
 * The owner of `user` subjects names the actors too (they are people), in the same call.
 */
export interface AuditSubjectLabels {
  /** The subject type this domain owns; one owner per type. */
  readonly subjectType: AuditSubjectType;
  /**
   * What the subjects with these ids are called now, in `locale` where names are translated. `ids` are
   * distinct and as the log holds them, so not necessarily ids of this domain's keys (see
   * {@link uuidsAmong}). A subject missing from the answer (gone, or not an id) is shown without a name.
   */
  labels(ids: readonly string[], locale: Locale, manager: EntityManager): Promise<Map<string, string>>;

  /**
   * The ids of the subjects whose name holds `text` (case ignored), at most `limit` of them: how the
   * reader filters the log by a name (the owner of `user` subjects: the actors, by name or e-mail).
   */
  search?(text: string, limit: number, manager: EntityManager): Promise<string[]>;
}

/**
 * What the territories domain tells the audit log about the tree, for regional admins: the ids of the
 * territories in the subtrees at these materialized paths (`/<root>/…/<id>/`, each path included).
 *
 * The reader filters on the entries' territory ids with this list rather than joining `territories`
 * itself (or a view of it): the tree stays the territories domain's to read, the log's query touches
 * `audit_log` only, and the list is small (a region's subtree is tens to a few thousand rows) and is
 * matched by the `(territory_id, id)` index.
 */
export interface AuditTerritoryScope {
  territoryIdsWithin(paths: readonly string[], manager: EntityManager): Promise<string[]>;
}

const labelsMarker = DiscoveryService.createDecorator<void>();
const territoryScopeMarker = DiscoveryService.createDecorator<void>();

/**
 * Registers a provider as the labels of a subject type: decorate the class and list it in the owning
 * domain's module providers; the audit module finds it at start.
 */
export function AuditLabelsProvider(): <T extends abstract new (...args: never[]) => AuditSubjectLabels>(
  target: T,
) => void {
  return (target) => labelsMarker()(target);
}

/** Registers the provider of {@link AuditTerritoryScope} (exactly one in the app). */
export function AuditTerritoryScopeProvider(): <
  T extends abstract new (...args: never[]) => AuditTerritoryScope,
>(
  target: T,
) => void {
  return (target) => territoryScopeMarker()(target);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The ids among these that are uuids: a domain keyed by uuids asks its table for those only, so an id
 * that is not one (none is written, but the log keeps what it was given) cannot fail the query's cast.
 */
export function uuidsAmong(ids: readonly string[]): string[] {
  return ids.filter((id) => UUID.test(id));
}

/**
 * The labels a query gives for the uuids among `ids`: `sql` reads `id` and `label` with the uuids as `$1`
 * (`WHERE id = ANY($1::uuid[])`) and `more` as `$2`…; rows without a label are left out.
 */
export async function labelsFrom(
  manager: EntityManager,
  ids: readonly string[],
  sql: string,
  more: unknown[] = [],
): Promise<Map<string, string>> {
  const uuids = uuidsAmong(ids);
  if (!uuids.length) return new Map();
  const rows: { id: string; label: string | null }[] = await manager.query(sql, [uuids, ...more]);
  return new Map(rows.filter((r) => r.label !== null).map((r) => [r.id, r.label as string]));
}

/** The contributions of the domains, found among the app's providers when the modules start. */
@Injectable()
export class AuditContributions implements OnModuleInit {
  private readonly labelsByType = new Map<AuditSubjectType, AuditSubjectLabels>();
  private scope: AuditTerritoryScope | null = null;

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    for (const labels of this.instances<AuditSubjectLabels>(labelsMarker.KEY)) {
      const owner = this.labelsByType.get(labels.subjectType);
      if (owner && owner !== labels) {
        throw new Error(
          `Two providers label the audit subjects of type ${labels.subjectType}: ${owner.constructor.name} and ${labels.constructor.name}`,
        );
      }
      this.labelsByType.set(labels.subjectType, labels);
    }
    const scopes = this.instances<AuditTerritoryScope>(territoryScopeMarker.KEY);
    if (scopes.length !== 1) {
      throw new Error(
        `The audit log needs one AuditTerritoryScope provider (the territories domain's); found ${scopes.length}`,
      );
    }
    this.scope = scopes[0] ?? null;
  }

  /** The labels of a subject type, when its owning domain gives them. */
  labelsOf(subjectType: AuditSubjectType): AuditSubjectLabels | undefined {
    return this.labelsByType.get(subjectType);
  }

  get territoryScope(): AuditTerritoryScope {
    if (!this.scope) throw new Error('AuditContributions used before the modules started');
    return this.scope;
  }

  private instances<T>(metadataKey: string): T[] {
    const found = this.discovery
      .getProviders({ metadataKey })
      .map((wrapper) => wrapper.instance as T | undefined)
      .filter((instance): instance is T => instance !== undefined && instance !== null);
    return [...new Set(found)];
  }
}
