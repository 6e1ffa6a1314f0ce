import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { LOCALES, PROBLEM_CODES, isLocale } from '@tc/shared/contracts';
import { RULE_CODES } from '@tc/shared/api';
import { AppModule } from './app.module';

/** Metadata that never refuses a value by itself: conditions, and the whitelist's own marker. */
const NOT_REFUSING = new Set(['conditionalValidation', 'whitelistValidation']);

/**
 * Every validation rule of the API's DTOs reads as a code a screen can say in its reader's language:
 * a rule missing from RULE_CODES would answer the catch-all `invalid` unless it names its own code
 * (`coded(...)`), and a code named so must be one of PROBLEM_CODES.
 */
describe('codes of the rules the API validates with', () => {
  const storage = getMetadataStorage() as unknown as {
    validationMetadatas: Map<unknown, ValidationMetadata[]>;
  };
  const rules = () =>
    [...storage.validationMetadatas.values()].flat().filter((m) => !NOT_REFUSING.has(m.type));

  it('loads the DTOs of every domain', () => {
    expect(AppModule).toBeDefined();
    expect(rules().length).toBeGreaterThan(200);
  });

  it('maps every rule to a code, or the rule names a code of the list', () => {
    const without = rules()
      .filter((m) => {
        const own = (m.context as { code?: unknown } | undefined)?.code;
        if (own !== undefined) return !(PROBLEM_CODES as readonly unknown[]).includes(own);
        return !RULE_CODES[m.type === 'customValidation' ? (m.name ?? '') : m.type];
      })
      .map(
        (m) =>
          `${m.target instanceof Function ? m.target.name : String(m.target)}.${m.propertyName}: ${m.name ?? m.type}`,
      );
    expect([...new Set(without)]).toEqual([]);
  });

  // The web names a field at fault by its label (`problems.fields.names.<property>`), not its path.
  it.each(LOCALES)('has a label in %s for every field a DTO declares', (locale) => {
    const file = join(__dirname, '..', '..', '..', 'web', 'public', 'i18n', `${locale}.json`);
    const names = (
      JSON.parse(readFileSync(file, 'utf8')) as { problems?: { fields?: { names?: Record<string, string> } } }
    ).problems?.fields?.names;
    const properties = new Set(
      [...storage.validationMetadatas.values()]
        .flat()
        // Language keys read as "(français)" after the field they belong to; `judged` is the sliced
        // validation's stand-in, no field of a request.
        .map((m) => m.propertyName)
        .filter((name) => !isLocale(name) && name !== 'judged'),
    );
    expect([...properties].filter((name) => !names?.[name]?.trim()).sort()).toEqual([]);
  });
});
