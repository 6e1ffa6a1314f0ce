/**
 * Counts that many coaches move at once (the observatory's rollups, the cohorts' progress counters) are
 * not updated by the coaches' transactions: each appends its moves to a delta table, and one folder
 * (the app's `CountFolder`) applies them to the shared rows every {@link FOLD_EVERY_MS}, in one
 * transaction that deletes what it applied.
 */

/** How often the folder applies the pending deltas: how far behind those counts may be. */
export const FOLD_EVERY_MS = 2000;

/**
 * The session-level advisory lock a folder holds while it folds: one fold at a time across every API
 * process on the database. Whoever holds it keeps every folder out (a spec checking what is exact
 * before a fold does).
 */
export const FOLD_LOCK_KEY = '6514931520776410817';
