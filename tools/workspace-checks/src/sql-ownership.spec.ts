import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import * as ts from 'typescript';
import { ALLOWED, NOT_SCANNED, type AllowedReference } from './sql-ownership.allow';
import { DECLARED_TABLES } from './sql-ownership.tables';

/**
 * Each table belongs to one domain, and only its domain names it in SQL: a domain reaches another
 * through what that one exports, in SQL the views it publishes. The owners come from `@Entity('name')` in each
 * `libs/<domain>/api` and from sql-ownership.tables.ts; the SQL is every string and template literal of
 * the libraries' non-spec sources, where a table is the name after FROM, JOIN, INTO, UPDATE, TABLE,
 * REFERENCES or TRUNCATE, or after ON when it is not a column (`ON cohorts FOR EACH ROW`, not
 * `ON c.id = …`), and the first argument of a query builder's from/join/into/update. A name spliced in
 * with `${…}` is not seen.
 */

const root = resolve(__dirname, '../../..');

interface Owner {
  domain: string;
  public: boolean;
  /** Where the ownership is stated. */
  source: string;
}

interface Reference {
  line: number;
  table: string;
  /** FROM or JOIN: a read, which a public view allows. */
  read: boolean;
}

interface Finding {
  file: string;
  line: number;
  table: string;
  owner: string;
}

/** The domain of a library source file (`libs/<domain>/api/src/…`), or null outside the api libraries. */
export function domainOf(file: string): string | null {
  return /^libs\/([^/]+)\/api\/src\//.exec(file)?.[1] ?? null;
}

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every non-spec source of the api libraries, relative to the repository root. */
function librarySources(): string[] {
  return readdirSync(join(root, 'libs'))
    .flatMap((lib) => sourceFiles(join(root, 'libs', lib, 'api', 'src')))
    .map((f) => relative(root, f).split('\\').join('/'))
    .sort();
}

function parse(file: string, text: string): ts.SourceFile {
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

function visit(node: ts.Node, fn: (n: ts.Node) => void): void {
  fn(node);
  node.forEachChild((child) => visit(child, fn));
}

/** Table names of `@Entity('name')` / `@Entity({ name })` (and `@ViewEntity`) in a source text. */
export function entityNames(file: string, text: string): string[] {
  const names: string[] = [];
  visit(parse(file, text), (node) => {
    if (!ts.isDecorator(node) || !ts.isCallExpression(node.expression)) return;
    const call = node.expression;
    if (!ts.isIdentifier(call.expression) || !['Entity', 'ViewEntity'].includes(call.expression.text)) return;
    const [arg] = call.arguments;
    if (arg && ts.isStringLiteralLike(arg)) names.push(arg.text);
    if (arg && ts.isObjectLiteralExpression(arg))
      for (const p of arg.properties)
        if (
          ts.isPropertyAssignment(p) &&
          p.name.getText() === 'name' &&
          ts.isStringLiteralLike(p.initializer)
        )
          names.push(p.initializer.text);
  });
  return names;
}

/** Who owns each table and view: the entities of each domain's api library, then the declared list. */
function ownership(): { owners: Map<string, Owner>; conflicts: string[] } {
  const owners = new Map<string, Owner>();
  const conflicts: string[] = [];
  const claim = (table: string, owner: Owner) => {
    const before = owners.get(table);
    if (before)
      conflicts.push(`${table}: ${before.domain} (${before.source}) and ${owner.domain} (${owner.source})`);
    else owners.set(table, owner);
  };
  for (const file of librarySources()) {
    const domain = domainOf(file) as string;
    for (const name of entityNames(file, readFileSync(join(root, file), 'utf8')))
      claim(name, { domain, public: false, source: file });
  }
  for (const t of DECLARED_TABLES)
    claim(t.name, { domain: t.owner, public: !!t.public, source: 'sql-ownership.tables.ts' });
  return { owners, conflicts };
}

const NAME = String.raw`(?:"?public"?\.)?"?([A-Za-z_][A-Za-z0-9_]*)\b"?`;
/** A table after a keyword; `DELETE FROM` is told apart from a read's FROM. */
const AFTER_KEYWORD = new RegExp(
  String.raw`\b(DELETE\s+FROM|FROM|JOIN|INTO|UPDATE|TABLE|REFERENCES|TRUNCATE)\s+(?:ONLY\s+)?${NAME}`,
  'gi',
);
/** `ON <table>` of a trigger, an index or a rule; not `ON t.id = …` (a qualified column). */
const AFTER_ON = new RegExp(String.raw`\bON\s+(?:ONLY\s+)?${NAME}(?!"?\s*\.)`, 'gi');
/** Query-builder methods whose first argument may be a table name. */
const BUILDER_METHODS: Record<string, boolean> = {
  from: true,
  addFrom: true,
  innerJoin: true,
  leftJoin: true,
  innerJoinAndSelect: true,
  leftJoinAndSelect: true,
  into: false,
  update: false,
};

/** The literal's source text with its `${…}` substitutions blanked (newlines kept, so lines still count). */
function literalText(node: ts.Node, sf: ts.SourceFile): string {
  const start = node.getStart(sf);
  const chars = sf.text.slice(start, node.end).split('');
  if (ts.isTemplateExpression(node))
    for (const span of node.templateSpans)
      for (let i = span.expression.pos; i < span.literal.getStart(sf); i++)
        if (chars[i - start] !== '\n') chars[i - start] = ' ';
  return chars.join('');
}

/** The tables named in the SQL of one source text (names the ownership map knows only). */
export function tableReferences(file: string, text: string, known: (table: string) => boolean): Reference[] {
  const sf = parse(file, text);
  const refs: Reference[] = [];
  const lineAt = (pos: number) => sf.getLineAndCharacterOfPosition(pos).line + 1;
  visit(sf, (node) => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateExpression(node)
    ) {
      const sql = literalText(node, sf);
      const start = node.getStart(sf);
      for (const pattern of [AFTER_KEYWORD, AFTER_ON])
        for (const m of sql.matchAll(pattern)) {
          const keyword = pattern === AFTER_ON ? 'ON' : (m[1] as string).toUpperCase();
          const table = (pattern === AFTER_ON ? m[1] : m[2]) as string;
          if (!known(table.toLowerCase())) continue;
          refs.push({
            line: lineAt(start + (m.index ?? 0)),
            table: table.toLowerCase(),
            read: keyword === 'FROM' || keyword === 'JOIN',
          });
        }
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text;
      const [arg] = node.arguments;
      if (method in BUILDER_METHODS && arg && ts.isStringLiteralLike(arg) && known(arg.text.toLowerCase()))
        refs.push({
          line: lineAt(arg.getStart(sf)),
          table: arg.text.toLowerCase(),
          read: BUILDER_METHODS[method] as boolean,
        });
    }
  });
  return refs;
}

/** References to another domain's tables in one file, but reads of the tables their owners publish. */
export function crossDomain(file: string, text: string, owners: Map<string, Owner>): Finding[] {
  const domain = domainOf(file);
  return tableReferences(file, text, (t) => owners.has(t)).flatMap((ref) => {
    const owner = owners.get(ref.table) as Owner;
    if (owner.domain === domain || (owner.public && ref.read)) return [];
    return [{ file, line: ref.line, table: ref.table, owner: owner.domain }];
  });
}

function covers(entry: AllowedReference, f: Finding): boolean {
  return (
    entry.files.some((p) => (p.endsWith('/') ? f.file.startsWith(p) : f.file === p)) &&
    (entry.tables === '*' || entry.tables.includes(f.table))
  );
}

const describeFinding = (f: Finding) => `${f.file}:${f.line} ${f.table} (${f.owner})`;

/** Table and view names the migrations create. */
function migrationTables(): Map<string, string> {
  const dir = join(root, 'apps/api/src/migrations');
  const created = new Map<string, string>();
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.ts') && n !== 'index.ts')) {
    const text = readFileSync(join(dir, name), 'utf8');
    const create =
      /\bCREATE\s+(?:OR\s+REPLACE\s+)?(?:UNLOGGED\s+)?(?:TABLE|(?:MATERIALIZED\s+)?VIEW)\s+(?:IF\s+NOT\s+EXISTS\s+)?(?:"?public"?\.)?"?([a-z_][a-z0-9_]*)"?/gi;
    for (const m of text.matchAll(create)) created.set((m[1] as string).toLowerCase(), name);
  }
  return created;
}

describe('each table belongs to one domain', () => {
  it('names one owner for every table and view the migrations create, and none they do not', () => {
    const { owners, conflicts } = ownership();
    const created = migrationTables();
    expect(conflicts).toEqual([]);
    expect(created.size).toBeGreaterThan(30);
    const unowned = [...created].filter(([t]) => !owners.has(t)).map(([t, m]) => `${t} (${m})`);
    expect(unowned).toEqual([]);
    const missing = DECLARED_TABLES.filter((t) => !created.has(t.name)).map((t) => t.name);
    expect(missing).toEqual([]);
  });

  it('finds the owners: territories in territories, users in identity, audit_log in audit', () => {
    const { owners } = ownership();
    expect(owners.get('territories')?.domain).toBe('territories');
    expect(owners.get('users')?.domain).toBe('identity');
    expect(owners.get('cohorts')?.domain).toBe('cohorts');
    expect(owners.get('course_versions')?.domain).toBe('catalog');
    expect(owners.get('audit_log')?.domain).toBe('audit');
  });
});

describe('no domain names another domain’s tables in SQL', () => {
  const { owners } = ownership();
  const findings = librarySources().flatMap((file) =>
    crossDomain(file, readFileSync(join(root, file), 'utf8'), owners),
  );

  it('reads only its own tables and the views their owners publish (file:line table (owner))', () => {
    const left = findings.filter((f) => !ALLOWED.some((entry) => covers(entry, f)));
    expect(left.map(describeFinding)).toEqual([]);
  });

  it('keeps no allow-list entry that matches nothing', () => {
    const stale = ALLOWED.filter((e) => !findings.some((f) => covers(e, f)));
    expect(stale.map((e) => e.files.join(', '))).toEqual([]);
    for (const e of ALLOWED) expect(e.reason.length).toBeGreaterThan(10);
  });

  it('names, for what it does not scan, places that exist', () => {
    expect(NOT_SCANNED.filter((n) => !existsSync(join(root, n.path))).map((n) => n.path)).toEqual([]);
  });
});

describe('the check itself (probes)', () => {
  const owners = new Map<string, Owner>([
    ['territories', { domain: 'territories', public: false, source: 'probe' }],
    ['territory_tree', { domain: 'territories', public: true, source: 'probe' }],
    ['obs_funnel_all', { domain: 'observatory', public: false, source: 'probe' }],
    ['cohorts', { domain: 'cohorts', public: false, source: 'probe' }],
    ['lesson_progress', { domain: 'cohorts', public: false, source: 'probe' }],
  ]);
  const probe = (file: string, code: string) => crossDomain(file, code, owners).map(describeFinding);
  const observatory = 'libs/observatory/api/src/lib/probe.ts';

  it('reports a query joining another domain’s table, with its line and owner', () => {
    const code = [
      "const params = ['/a/'];",
      'export const sql = `SELECT sum(f.enrolled) FROM obs_funnel_all f',
      '  JOIN "territories" t ON t.id = f.territory_id WHERE t.path LIKE $1`;',
    ].join('\n');
    expect(probe(observatory, code)).toEqual([`${observatory}:3 territories (territories)`]);
  });

  it('does not report the domain’s own tables, nor a read of a published view', () => {
    expect(probe(observatory, "export const a = 'SELECT k FROM obs_funnel_all WHERE true';")).toEqual([]);
    expect(
      probe(
        observatory,
        'export const b = `SELECT f.* FROM obs_funnel_all f JOIN territory_tree t ON t.id = f.territory_id`;',
      ),
    ).toEqual([]);
    expect(
      probe('libs/territories/api/src/lib/probe.ts', "const c = 'UPDATE territories SET path = $1';"),
    ).toEqual([]);
  });

  it('reports writes to a published view, triggers on another domain’s table, query-builder joins', () => {
    expect(probe(observatory, "const a = 'INSERT INTO territory_tree (id) VALUES ($1)';")).toHaveLength(1);
    expect(
      probe(
        observatory,
        'const b = `CREATE TRIGGER x AFTER INSERT ON "lesson_progress"\n FOR EACH STATEMENT`;',
      ),
    ).toEqual([`${observatory}:1 lesson_progress (cohorts)`]);
    expect(probe(observatory, "qb.innerJoin('cohorts', 'c', 'c.id = f.cohort_id');")).toEqual([
      `${observatory}:1 cohorts (cohorts)`,
    ]);
    expect(probe(observatory, "const d = 'DELETE FROM cohorts WHERE id = $1';")).toHaveLength(1);
  });

  it('does not take a qualified column after ON, a spliced name or prose without SQL for a table', () => {
    const code = [
      'const a = `SELECT 1 FROM obs_funnel_all f JOIN ${table} c ON cohorts.id = f.cohort_id`;',
      "const b = 'cohorts';",
      '// SELECT * FROM cohorts',
    ].join('\n');
    expect(probe(observatory, code)).toEqual([]);
  });

  it('sees entities by their table names', () => {
    const code =
      "@Entity('cohorts')\nexport class CohortEntity {}\n@Entity({ name: 'cohort_trainers' })\nexport class T {}\n";
    expect(entityNames('probe.ts', code)).toEqual(['cohorts', 'cohort_trainers']);
  });
});
