import nx from '@nx/eslint-plugin';

/**
 * Module boundaries (STYLE.md §2). Each project carries `scope:<domain|shared|demo|app>` and
 * `type:<app|e2e|api|web|ui|contracts>`:
 * - contracts import nothing; ui imports contracts; web imports web/ui/contracts; api imports
 *   api/contracts (never web code); apps import anything.
 * - a domain reaches only the domains listed for it, and only through their `src/index.ts`.
 */
const scopes = {
  'scope:shared': ['scope:shared'],
  // The help page: texts and the contract of its settings; the app tells it who reads.
  'scope:help': ['scope:shared'],
  // The audit log: every domain writes its entries through it, and contributes what the log shows of its
  // subjects (names, the territory tree); it reaches no domain.
  'scope:audit': ['scope:shared'],
  'scope:territories': ['scope:shared', 'scope:audit'],
  'scope:identity': ['scope:shared', 'scope:audit', 'scope:territories'],
  'scope:catalog': ['scope:shared', 'scope:audit', 'scope:territories', 'scope:identity'],
  'scope:cohorts': ['scope:shared', 'scope:audit', 'scope:territories', 'scope:identity', 'scope:catalog'],
  // What people are told, and the job queue that tells them beyond the app: every domain may notify
  // through its public service; it reaches no domain.
  'scope:notifications': ['scope:shared', 'scope:audit'],
  // Portable credentials (Open Badges 3.0): keys, signing, status lists, verification; it knows no
  // course: the awarding domain (learning) states the achievement.
  // Its public verification is rate-limited where identity counts sign-in attempts.
  'scope:credentials': ['scope:shared', 'scope:identity'],
  'scope:learning': [
    'scope:shared',
    'scope:credentials',
    'scope:notifications',
    'scope:audit',
    'scope:territories',
    'scope:identity',
    'scope:catalog',
    'scope:cohorts',
  ],
  // Field practice: tasks of a course version, an enrolment's coach and cohort, completion through learning.
  'scope:practice': [
    'scope:shared',
    'scope:notifications',
    'scope:audit',
    'scope:territories',
    'scope:identity',
    'scope:catalog',
    'scope:cohorts',
    'scope:learning',
  ],
  // A cohort's announcements: who runs the cohort or is enrolled in it (cohorts), lessons' markdown
  // pipeline (catalog).
  'scope:conversation': [
    'scope:shared',
    'scope:notifications',
    'scope:audit',
    'scope:territories',
    'scope:identity',
    'scope:catalog',
    'scope:cohorts',
  ],
  // The field log: the organisations a coach accompanies, their checks, visits and milestones; who a
  // coach is to a trainer (cohorts), the coach's courses and completions (learning), DigComp (catalog).
  'scope:fieldwork': [
    'scope:shared',
    'scope:notifications',
    'scope:audit',
    'scope:territories',
    'scope:identity',
    'scope:catalog',
    'scope:cohorts',
    'scope:learning',
  ],
  // Statistics read the rollups the other domains keep; they reach only territories (the tree) and the
  // catalog (course titles, modules, competences).
  'scope:observatory': [
    'scope:shared',
    'scope:audit',
    'scope:territories',
    'scope:identity',
    'scope:catalog',
  ],
  // A person's rights over their data: the archive reads every domain's rows about a person through
  // its register (person-data.ts), and prints certificates with learning's renderer.
  'scope:privacy': ['scope:shared', 'scope:audit', 'scope:notifications', 'scope:learning'],
  // The demo data (accounts, the demo course, synthetic coaches) seeds through every domain's services; no
  // domain reaches it, only the app (scope:app imports anything).
  'scope:demo': [
    'scope:shared',
    'scope:credentials',
    'scope:notifications',
    'scope:audit',
    'scope:territories',
    'scope:identity',
    'scope:catalog',
    'scope:cohorts',
    'scope:learning',
    'scope:observatory',
    'scope:practice',
    'scope:conversation',
    'scope:fieldwork',
  ],
};

/** The boundaries rule; `specs` widens it for integration specs (the harness and the demo data). */
function moduleBoundaries({ specs = false } = {}) {
  const also = (tags, extra) => (specs ? [...tags, ...extra] : tags);
  return [
    'error',
    {
      enforceBuildableLibDependency: true,
      banTransitiveDependencies: true,
      allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
      depConstraints: [
        { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['*'] },
        { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:contracts'] },
        { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'] },
        // The integration harness: it boots whatever app registers itself, and knows only the contracts.
        { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:contracts'] },
        { sourceTag: 'type:ui', onlyDependOnLibsWithTags: ['type:ui', 'type:contracts'] },
        { sourceTag: 'type:web', onlyDependOnLibsWithTags: ['type:web', 'type:ui', 'type:contracts'] },
        {
          sourceTag: 'type:api',
          onlyDependOnLibsWithTags: also(['type:api', 'type:contracts'], ['type:testing']),
        },
        { sourceTag: 'scope:app', onlyDependOnLibsWithTags: ['*'] },
        ...Object.entries(scopes).map(([sourceTag, allowed]) => ({
          sourceTag,
          onlyDependOnLibsWithTags: also([sourceTag, ...allowed], ['scope:demo']),
        })),
      ],
    },
  ];
}

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: [
      '**/dist',
      '**/out-tsc',
      '**/test-results',
      '**/playwright-report',
      'data/**',
      '**/vite.config.*.timestamp*',
    ],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
    rules: { '@nx/enforce-module-boundaries': moduleBoundaries() },
  },
  {
    // A domain's integration specs boot the whole app through the harness (type:testing) and may read
    // the demo data they run on; the domain's own code may do neither.
    files: ['**/src/integration/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': moduleBoundaries({ specs: true }) },
  },
  {
    // Type-aware rules that catch real bugs: an un-awaited promise is a lost error.
    files: ['**/*.ts'],
    ignores: ['**/*.config.ts', '**/*.config.mts', '**/jest.config.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { arguments: false, attributes: false } },
      ],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      // `_name` says "deliberately unused" (e.g. fields dropped by destructuring).
      '@typescript-eslint/no-unused-vars': [
        'warn',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Specs state what they expect to exist; a failed `!` is a failed test, which is the point.
    files: ['**/*.spec.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
];
