import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(__dirname, '../../..');

/** The rows of docs/security.md's tables: package (in backticks) → the installed version it reviewed. */
function reviewedVersions(markdown: string): Map<string, string> {
  const rows = new Map<string, string>();
  for (const line of markdown.split('\n')) {
    // | `package` | installed | advisories checked | verdict |
    const cells = line.split('|').map((cell) => cell.trim());
    const name = /^`([^`]+)`$/.exec(cells[1] ?? '')?.[1];
    if (name && !rows.has(name)) rows.set(name, cells[2] ?? '');
  }
  return rows;
}

/** Every runtime dependency without a row, or whose row reviewed another version than the pinned one. */
function unreviewed(dependencies: Record<string, string>, markdown: string): string[] {
  const reviewed = reviewedVersions(markdown);
  return Object.entries(dependencies).flatMap(([name, pinned]) => {
    const version = reviewed.get(name);
    if (version === undefined) return [`${name} ${pinned}: no row in docs/security.md`];
    if (version !== pinned) return [`${name} ${pinned}: docs/security.md reviewed ${version}`];
    return [];
  });
}

describe('docs/security.md reviews every runtime dependency at its pinned version', () => {
  it('has a row for each package in "dependencies", naming the version package.json pins', () => {
    const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const review = readFileSync(resolve(root, 'docs/security.md'), 'utf8');
    expect(Object.keys(pkg.dependencies).length).toBeGreaterThan(0);
    expect(unreviewed(pkg.dependencies, review)).toEqual([]);
  });

  it('the check itself sees a missing row and a row for another version', () => {
    const review = [
      '| package | installed | advisories checked | verdict |',
      '| --- | --- | --- | --- |',
      '| `pg` | 8.23.1 | none found | not affected |',
      '| `fastify` | 5.10.0 | GHSA-x | fixed by bump to 5.12.8 |',
    ].join('\n');
    expect(unreviewed({ pg: '8.23.1', fastify: '5.12.8', sharp: '0.35.5' }, review)).toEqual([
      'fastify 5.12.8: docs/security.md reviewed 5.10.0',
      'sharp 0.35.5: no row in docs/security.md',
    ]);
  });
});
