/**
 * Invalid and hostile requests generated from the API's own OpenAPI document.
 *
 * `fuzzCases` walks every operation of the document and yields requests that are wrong on purpose:
 * wrong types, missing required and unknown fields, nulls, 1 MB strings and 10,000-item arrays, unicode
 * edge cases, malformed JSON and CSV, bodies above the body limit, wrong content types, path traversal
 * and SQL/script payloads in path ids and query strings. Deterministic: everything comes from a seeded
 * PRNG, so a failing case is found again with the same seed and index.
 *
 * Every request that could change data (any method but GET) carries at least one violation that the API
 * must refuse (an unknown field, a wrong type, a missing required field, a broken body), or addresses a
 * resource that does not exist: none of them may change the database.
 */
export * from './document';
export * from './corpus';
export * from './cases';
