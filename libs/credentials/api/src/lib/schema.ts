import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonObject } from './vc-libraries';

/** The OB 3.0 AchievementCredential JSON schema's id, named by our credentials' `credentialSchema`. */
export const OB_SCHEMA_URL =
  'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json';

let validate: ReturnType<Ajv2019['compile']> | undefined;

/**
 * JSON-LD lets a property with one value drop its array (`"proof": {…}`); the OB 3.0 JSON schema wants
 * arrays for its multi-valued properties (the spec's "JSON-LD" schemas accept both). The verifier
 * compacts the other way before validating: these properties, when single, become one-element arrays.
 */
const ARRAYS = ['proof', 'credentialSchema', 'evidence', 'endorsement', 'termsOfUse'];

export interface SchemaResult {
  valid: boolean;
  /** The first fault: the instance path and what the schema says. */
  detail?: string;
}

/** Validates a credential against the OB 3.0 AchievementCredential schema (shipped in assets/). */
export function validateOpenBadge(credential: JsonObject): SchemaResult {
  if (!validate) {
    const schema = JSON.parse(
      readFileSync(join(__dirname, 'assets', 'ob_v3p0_achievementcredential_schema.json'), 'utf8'),
    ) as Record<string, unknown>;
    const ajv = new Ajv2019({ strict: false, allErrors: false });
    addFormats(ajv);
    validate = ajv.compile(schema);
  }
  const copy: JsonObject = { ...credential };
  for (const key of ARRAYS) {
    const value = copy[key];
    if (value !== undefined && !Array.isArray(value)) copy[key] = [value];
  }
  if (validate(copy)) return { valid: true };
  const error = validate.errors?.[0];
  return {
    valid: false,
    detail: error ? `${error.instancePath || '/'} ${error.message ?? ''}`.trim() : undefined,
  };
}
