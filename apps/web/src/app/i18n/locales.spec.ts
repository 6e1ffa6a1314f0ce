import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  AGE_BANDS,
  COHORT_STATUSES,
  GENDERS,
  GENDER_CATEGORIES,
  INVITATION_STATES,
  LESSON_KINDS,
  LOCALES,
  MEDIA_TYPES,
  OBSERVATORY_GROUPS,
  ORGANISATION_TYPES,
  PROGRESS_REJECTIONS,
  QUESTION_TYPES,
  ROLES,
  TERRITORY_LEVELS,
  type Locale,
} from '@tc/shared/contracts';

type Tree = { [key: string]: string | Tree };

const root = join(__dirname, '..', '..', '..', '..', '..');
const i18nDir = join(root, 'apps', 'web', 'public', 'i18n');

function load(locale: Locale): Tree {
  return JSON.parse(readFileSync(join(i18nDir, `${locale}.json`), 'utf8')) as Tree;
}

/** Every leaf key as a dotted path. */
function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`),
  );
}

function lookup(tree: Tree, path: string): string | Tree | undefined {
  return path
    .split('.')
    .reduce<string | Tree | undefined>(
      (node, part) => (node && typeof node === 'object' ? node[part] : undefined),
      tree,
    );
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|html)$/.test(name) && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

const files = Object.fromEntries(LOCALES.map((l) => [l, load(l)])) as Record<Locale, Tree>;

describe('translation files', () => {
  it.each(LOCALES.flatMap((a) => LOCALES.filter((b) => b !== a).map((b) => [a, b] as const)))(
    'every key of %s.json is also in %s.json',
    (from, to) => {
      const missing = keys(files[from]).filter((k) => typeof lookup(files[to], k) !== 'string');
      expect(missing).toEqual([]);
    },
  );

  it('has no empty translation', () => {
    for (const locale of LOCALES) {
      const empty = keys(files[locale]).filter((k) => !(lookup(files[locale], k) as string).trim());
      expect({ locale, empty }).toEqual({ locale, empty: [] });
    }
  });

  it('uses the same {{ parameters }} in every language', () => {
    const params = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
    // A plural form whose word says the number (Arabic's zero, one and two: «إشعاران») may leave
    // {{ count }} out; it may never add a parameter.
    const wordSaysNumber = (key: string) => /\.(zero|one|two)$/.test(key);
    for (const key of keys(files.fr)) {
      const expected = params(lookup(files.fr, key) as string);
      for (const locale of LOCALES) {
        const found = params(lookup(files[locale], key) as string);
        const allowed = wordSaysNumber(key) && found.every((p) => expected.includes(p)) ? found : expected;
        expect({ key, locale, params: found }).toEqual({ key, locale, params: allowed });
      }
    }
  });

  it('translates every key the templates and code use', () => {
    // Every web-side folder, found rather than listed, so that a new lib cannot slip through.
    const libs = readdirSync(join(root, 'libs')).flatMap((domain) =>
      readdirSync(join(root, 'libs', domain))
        .filter((kind) => kind === 'web' || kind === 'ui' || kind.startsWith('web-'))
        .map((kind) => `libs/${domain}/${kind}/src`),
    );
    const dirs = ['apps/web/src', ...libs];
    expect(dirs).toEqual(
      expect.arrayContaining([
        'libs/identity/web/src',
        'libs/territories/web/src',
        'libs/catalog/web/src',
        'libs/cohorts/web/src',
        'libs/learning/web/src',
        'libs/observatory/web/src',
        'libs/shared/ui/src',
      ]),
    );
    const used = new Set<string>();
    // Keys start with a top-level section of the French file (or one of the historical ones).
    const sections = new Set([
      ...Object.keys(files.fr),
      ...'app languages nav userMenu roles common signIn forgot acceptLink home profile territories users paginator courses cohorts learning verify observatory'.split(
        ' ',
      ),
    ]);
    const pattern = new RegExp(`['"]((?:${[...sections].join('|')})\\.[\\w.]*\\w)['"]`, 'g');
    for (const file of dirs.flatMap((d) => sources(join(root, d)))) {
      for (const m of readFileSync(file, 'utf8').matchAll(pattern)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(100);
    const missing = [...used].filter((k) => typeof lookup(files.fr, k) !== 'string');
    expect(missing).toEqual([]);
  });

  it('translates every value of the enums shown on screen', () => {
    const expected = [
      ...ROLES.map((r) => `roles.${r}`),
      ...ROLES.flatMap((r) => [`home.offer.${r}.title`, `home.offer.${r}.text`]),
      ...TERRITORY_LEVELS.map((l) => `territories.level.${l}`),
      ...ORGANISATION_TYPES.map((t) => `profile.organisationTypes.${t}`),
      ...GENDERS.map((g) => `profile.genders.${g}`),
      ...['active', 'invited', 'disabled'].map((s) => `users.statuses.${s}`),
      ...LOCALES.flatMap((l) => [`languages.${l}`, `languages.short.${l}`]),
      ...['notFound', 'expired', 'other'].map((e) => `acceptLink.errors.${e}`),
      ...['active', 'archived'].map((s) => `courses.status.${s}`),
      ...LESSON_KINDS.map((k) => `courses.kinds.${k}`),
      ...MEDIA_TYPES.map((t) => `courses.media.types.${t}`),
      ...QUESTION_TYPES.map((t) => `courses.quiz.types.${t}`),
      ...['true', 'false'].map((k) => `courses.quiz.tf.${k}`),
      ...['noPrompt', 'tooFewOptions', 'noCorrect', 'notOneCorrect', 'optionText', 'noAnswer'].map(
        (i) => `courses.quiz.issues.${i}`,
      ),
      ...COHORT_STATUSES.map((s) => `cohorts.status.${s}`),
      ...(['running', 'closed'] as const).flatMap((s) => [
        `cohorts.statusChange.to.${s}`,
        `cohorts.statusChange.confirm.${s}`,
      ]),
      ...['regenerate', 'off'].flatMap((a) => [`cohorts.joinCode.${a}`, `cohorts.joinCode.confirm.${a}`]),
      ...['none', 'date', 'days'].map((m) => `cohorts.deadlines.modes.${m}`),
      ...['added', 'removed', 'changed'].map((g) => `cohorts.upgrade.lessons.${g}`),
      ...['added', 'removed'].map((g) => `cohorts.upgrade.modules.${g}`),
      ...INVITATION_STATES.flatMap((s) => [
        `cohorts.invitations.state.${s}`,
        `cohorts.invitations.count.${s}`,
      ]),
      ...['active', 'invited', 'disabled'].map((s) => `cohorts.roster.account.${s}`),
      ...['name', 'progress', 'lastActivity'].map((k) => `cohorts.roster.sortBy.${k}`),
      ...['asc', 'desc'].map((o) => `cohorts.roster.order.${o}`),
      ...['email', 'fullName', 'territoryCode', 'preferredLanguage', 'row'].map(
        (f) => `cohorts.import.columns.${f}`,
      ),
      ...['dryRun', 'commit'].map((b) => `cohorts.import.sending.${b}`),
      ...['not_started', 'started', 'completed', 'passed', 'failed'].map((s) => `learning.state.${s}`),
      ...['start', 'end'].flatMap((p) => [`learning.assessment.${p}Title`, `learning.assessment.${p}Text`]),
      ...['progress', 'attempt'].map((k) => `learning.offline.kind.${k}`),
      ...PROGRESS_REJECTIONS.map((r) => `learning.offline.reasons.${r}`),
      ...OBSERVATORY_GROUPS.flatMap((g) => [`observatory.groupBy.${g}`, `observatory.byGroup.${g}`]),
      ...GENDER_CATEGORIES.map((g) => `observatory.gender.${g}`),
      ...AGE_BANDS.map((b) => `observatory.ageBand.${b}`),
      ...[
        'enrolled',
        'started',
        'completed',
        'certified',
        'withdrawn',
        'completionRate',
        'medianDaysToCompletion',
        'quizAttempted',
        'quizPassed',
        'quizPassRate',
      ].map((m) => `observatory.measures.${m}`),
      ...['csv', 'xlsx'].map((f) => `observatory.download.${f}`),
      'signIn.errors.invalid',
      'signIn.errors.tooMany',
    ];
    const missing = expected.filter((k) => typeof lookup(files.fr, k) !== 'string');
    expect(missing).toEqual([]);
  });
});
