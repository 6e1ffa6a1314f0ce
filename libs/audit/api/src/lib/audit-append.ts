/**
 * The audit log's bulk append, for a domain that records many changes in one statement (a thousand role
 * grants stay one round trip): an INSERT of the rows `select` yields, which are, in this order, the
 * actor_id (uuid), action, subject_type, subject_id (text), territory_id (uuid) and details (jsonb) of
 * the entries writeAudit would write one at a time. It goes after the caller's CTE, in the same
 * statement, so the entries commit or roll back with the change they record.
 */
export function auditAppendSql(select: string): string {
  return `INSERT INTO audit_log (actor_id, action, subject_type, subject_id, territory_id, details)
       ${select}`;
}
