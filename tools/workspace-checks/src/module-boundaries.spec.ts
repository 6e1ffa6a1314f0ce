import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');

/** Lints a probe file placed inside a project (so its tags apply), then removes it. */
function lintProbe(project: string, code: string, rule = '@nx/enforce-module-boundaries'): string[] {
  const file = join(root, project, 'src', `boundary-probe-${process.pid}.ts`);
  writeFileSync(file, code);
  try {
    // The ESLint CLI in its own process, from the project's folder (so its own config applies), as `nx lint` runs it.
    const run = spawnSync(
      process.execPath,
      [require.resolve('eslint/bin/eslint.js'), '--format', 'json', file],
      { cwd: join(root, project), encoding: 'utf8' },
    );
    const results = JSON.parse(run.stdout) as { messages: { ruleId: string | null; message: string }[] }[];
    return (results[0]?.messages ?? []).filter((m) => m.ruleId === rule).map((m) => m.message);
  } finally {
    rmSync(file, { force: true });
  }
}

describe('@nx/enforce-module-boundaries restricts imports by scope and type', () => {
  it('refuses web code importing node (api) code', () => {
    const errors = lintProbe(
      'libs/territories/web',
      "import { TerritoriesModule } from '@tc/territories/api';\nexport const x = TerritoriesModule;\n",
    );
    expect(errors.join('\n')).toMatch(/type:web.*can only depend on libs tagged with/s);
  });

  it('refuses a domain reaching a domain it may not depend on', () => {
    const errors = lintProbe(
      'libs/territories/api',
      "import { IdentityModule } from '@tc/identity/api';\nexport const x = IdentityModule;\n",
    );
    // identity already depends on territories, so the rule may name the cycle before the scope.
    expect(errors.join('\n')).toMatch(
      /scope:territories.*can only depend on libs tagged with|Circular dependency between "territories-api" and "identity-api"/s,
    );
  });

  it('refuses contracts importing anything', () => {
    const errors = lintProbe(
      'libs/shared/contracts',
      "import { ProblemDetailsFilter } from '@tc/shared/api';\nexport const x = ProblemDetailsFilter;\n",
    );
    expect(errors.length).toBeGreaterThan(0);
  });

  it('refuses deep imports into another library', () => {
    const errors = lintProbe(
      'libs/identity/api',
      "import { TerritoryEntity } from '../../../territories/api/src/lib/entities/territory.entity';\nexport const x = TerritoryEntity;\n",
    );
    expect(errors.length).toBeGreaterThan(0);
  });

  it('allows what the rules allow: identity api using territories api and contracts', () => {
    const errors = lintProbe(
      'libs/identity/api',
      "import { TerritoriesService } from '@tc/territories/api';\nimport type { Role } from '@tc/shared/contracts';\nexport const x = TerritoriesService;\nexport type R = Role;\n",
    );
    expect(errors).toEqual([]);
  });
});

describe('the shared Angular lint configuration', () => {
  it('applies to every Angular project: a component without the tc- prefix is refused', () => {
    const code =
      "import { Component } from '@angular/core';\n@Component({ selector: 'app-thing', template: '' })\nexport class ThingComponent {}\n";
    expect(lintProbe('libs/shared/ui', code, '@angular-eslint/component-selector')).toHaveLength(1);
    expect(lintProbe('apps/web', code, '@angular-eslint/component-selector')).toHaveLength(1);
  });
});
