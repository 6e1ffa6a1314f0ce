import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// jsdom lays nothing out and the spec build drops component styles: the rules are read instead.
const flat = (file: string) => readFileSync(join(__dirname, file), 'utf8').replace(/\s+/g, ' ');

describe.each([
  ['markdown preview', 'markdown-editor.component.ts', '.tc-md-html'],
  ['course preview', '../course-preview/course-preview.page.scss', '.tc-html'],
])('tables in the %s', (_name, file, scope) => {
  const css = flat(file);
  const rule = (selector: string) =>
    new RegExp(`${scope.replace('.', '\\.')} ::ng-deep ${selector} \\{([^}]*)\\}`);

  it('draw a border round every cell and pad it', () => {
    const cells = css.match(rule(':is\\(th, td\\)'))?.[1] ?? '';
    expect(cells).toMatch(/border: 1px solid/);
    expect(cells).toMatch(/padding-inline: 0\.75rem/);
    expect(cells).toMatch(/text-align: start/);
  });

  it('scroll sideways in their own box when wider than a phone', () => {
    const table = css.match(rule('table'))?.[1] ?? '';
    expect(table).toMatch(/overflow-x: auto/);
    expect(table).toMatch(/border-collapse: collapse/);
  });
});
