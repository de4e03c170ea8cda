import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, TEST_DB, type TestDb } from '../../test/harness.js';

/**
 * The hand-written table types of schema.ts are what the migrations create:
 * the same tables, the same columns, and a column is nullable in the database
 * exactly when its type admits `null`. TypeScript types are gone at run time,
 * so the expected shape is read from the source text of schema.ts.
 */

interface ColumnShape {
  name: string;
  nullable: boolean;
}
type SchemaShape = Map<string, ColumnShape[]>;

/** Removes comments; schema.ts has no string literals that could hold comment markers. */
function stripComments(src: string): string {
  return src.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/[^\n]*/g, ' ');
}

/** Splits on `sep` where it is not nested inside <…>, (…), […] or {…}. */
function splitTopLevel(text: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '<' || ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === '>' || ch === ')' || ch === ']' || ch === '}') depth--;
    else if (ch === sep && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim());
}

/** The select type of a column type: `Generated<T>` is T, `ColumnType<S, I, U>` is S. */
function selectType(type: string, where: string): string {
  const wrapped = /^(Generated|GeneratedAlways|ColumnType)<([\s\S]*)>$/.exec(type);
  if (!wrapped) return type;
  const args = splitTopLevel(wrapped[2] ?? '', ',');
  const first = args[0];
  if (!first) throw new Error(`schema.ts: empty ${wrapped[1]}<> in ${where}`);
  return selectType(first, where);
}

const PLAIN_TYPE = /^(string|number|bigint|boolean|null|Date|'[^']*'|"[^"]*"|-?\d+(\.\d+)?)$/;

/** Whether a column's TypeScript type admits null; throws on anything it does not understand. */
function nullableOf(type: string, where: string): boolean {
  const members = splitTopLevel(selectType(type.trim(), where), '|').filter((m) => m !== '');
  if (members.length === 0) throw new Error(`schema.ts: no type for ${where}`);
  for (const m of members)
    if (!PLAIN_TYPE.test(m)) throw new Error(`schema.ts: cannot read the type \`${m}\` of ${where}`);
  return members.includes('null');
}

/** Parses the body of an interface into `name: type` members; throws on anything else. */
function membersOf(body: string, where: string): Array<{ name: string; type: string }> {
  if (/[{}]/.test(body)) throw new Error(`schema.ts: nested braces in ${where} are not supported`);
  const out: Array<{ name: string; type: string }> = [];
  for (const raw of body.split(/[;\n]/)) {
    const line = raw.trim().replace(/,$/, '');
    if (line === '') continue;
    const m = /^(readonly\s+)?([A-Za-z_$][\w$]*)(\?)?\s*:\s*(.+)$/.exec(line);
    if (!m) throw new Error(`schema.ts: cannot read the member \`${line}\` of ${where}`);
    if (m[3]) throw new Error(`schema.ts: optional member \`${m[2]}\` of ${where}: a column is always present`);
    out.push({ name: m[2] ?? '', type: (m[4] ?? '').trim() });
  }
  return out;
}

/**
 * The tables and columns schema.ts declares: every `export interface` is read,
 * and `Database` maps table names to the interfaces of their rows.
 */
function parseSchemaSource(source: string): { tables: SchemaShape; unused: string[] } {
  const src = stripComments(source);
  const interfaces = new Map<string, string>();
  const head = /export\s+interface\s+([A-Za-z_$][\w$]*)(\s+extends\s+[^{]+)?\s*\{/g;
  for (let m = head.exec(src); m; m = head.exec(src)) {
    const name = m[1] ?? '';
    if (m[2]) throw new Error(`schema.ts: interface ${name} extends another: not supported`);
    const open = m.index + m[0].length;
    const close = src.indexOf('}', open);
    if (close < 0) throw new Error(`schema.ts: interface ${name} is not closed`);
    if (interfaces.has(name)) throw new Error(`schema.ts: interface ${name} declared twice`);
    interfaces.set(name, src.slice(open, close));
  }
  const declared = src.match(/\binterface\s/g)?.length ?? 0;
  if (declared !== interfaces.size) throw new Error('schema.ts: an interface that is not `export interface X {` style');
  const database = interfaces.get('Database');
  if (database === undefined) throw new Error('schema.ts: no `export interface Database`');

  const tables: SchemaShape = new Map();
  const used = new Set<string>(['Database']);
  for (const { name: table, type } of membersOf(database, 'Database')) {
    const body = interfaces.get(type);
    if (body === undefined)
      throw new Error(`schema.ts: Database.${table} is \`${type}\`, not an interface of this file`);
    if (tables.has(table)) throw new Error(`schema.ts: table ${table} appears twice in Database`);
    used.add(type);
    const columns = membersOf(body, type).map((c) => ({
      name: c.name,
      nullable: nullableOf(c.type, `${type}.${c.name}`),
    }));
    if (columns.length === 0) throw new Error(`schema.ts: ${type} has no columns`);
    tables.set(table, columns);
  }
  const unused = [...interfaces.keys()].filter((n) => !used.has(n) && n.endsWith('Table'));
  return { tables, unused };
}

/** Every difference between the declared and the actual shape, one readable line each. */
function schemaDifferences(declared: SchemaShape, actual: SchemaShape): string[] {
  const out: string[] = [];
  const names = [...new Set([...declared.keys(), ...actual.keys()])].sort();
  for (const table of names) {
    const want = declared.get(table);
    const have = actual.get(table);
    if (!have) {
      out.push(`table ${table}: in schema.ts, not in the database`);
      continue;
    }
    if (!want) {
      out.push(`table ${table}: in the database, not in schema.ts`);
      continue;
    }
    const haveBy = new Map(have.map((c) => [c.name, c]));
    const wantBy = new Map(want.map((c) => [c.name, c]));
    for (const c of want) {
      const h = haveBy.get(c.name);
      if (!h) out.push(`column ${table}.${c.name}: in schema.ts, not in the database`);
      else if (h.nullable !== c.nullable)
        out.push(
          `column ${table}.${c.name}: schema.ts says ${c.nullable ? 'nullable' : 'not null'}, the database ${h.nullable ? 'nullable' : 'not null'}`,
        );
    }
    for (const c of have)
      if (!wantBy.has(c.name)) out.push(`column ${table}.${c.name}: in the database, not in schema.ts`);
  }
  return out;
}

/** What the migrated database holds, in the suite's own schema on PostgreSQL. */
async function introspect(t: TestDb): Promise<SchemaShape> {
  const k = t.db.kysely;
  const tables = (await k.introspection.getTables()).filter(
    (x) => !x.name.startsWith('kysely_') && (t.db.kind !== 'postgres' || x.schema === t.db.schema),
  );
  // SQLite lets a non-INTEGER PRIMARY KEY column of a rowid table hold NULL
  // unless it is declared NOT NULL (a documented legacy quirk), so `text primary
  // key` reads as nullable there. The application always supplies ids and
  // PostgreSQL enforces NOT NULL on every key column; count key columns as not null.
  const keyColumns = new Set<string>();
  if (t.db.kind === 'sqlite') {
    const rows = await sql<{ tbl: string; name: string }>`
      select m.name as tbl, p.name as name
      from sqlite_master m, pragma_table_info(m.name) p
      where m.type = 'table' and p.pk > 0`.execute(k);
    for (const r of rows.rows) keyColumns.add(`${r.tbl}.${r.name}`);
  }
  return new Map(
    tables
      .filter((x) => !isDialectSearchIndex(t.db.kind, x.name))
      .map((x) => [
        x.name,
        x.columns
          .filter((c) => !isDialectSearchIndex(t.db.kind, x.name, c.name))
          .map((c) => ({ name: c.name, nullable: c.isNullable && !keyColumns.has(`${x.name}.${c.name}`) })),
      ]),
  );
}

/**
 * The full-text index of search_documents is each dialect's own (0014-search): on SQLite the FTS5
 * table search_fts and the shadow tables FTS5 keeps beside it (search_fts_data, _idx, _docsize,
 * _config), on PostgreSQL the tsvector column search_documents.tsv. No Kysely query names them
 * through schema.ts; the search repository reaches them in raw SQL.
 */
function isDialectSearchIndex(kind: TestDb['db']['kind'], table: string, column?: string): boolean {
  if (kind === 'sqlite')
    return (
      (column === undefined && /^search_fts(_(data|idx|docsize|config|content))?$/.test(table)) ||
      (table === 'search_documents' && column === 'meta_tokens') // 0018: the FTS5 meta column
    );
  return table === 'search_documents' && column === 'tsv';
}

const SCHEMA_SOURCE = readFileSync(resolve(import.meta.dirname, 'schema.ts'), 'utf8');

describe(`schema.ts matches the migrated database (${TEST_DB})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await freshDb();
  });
  afterAll(async () => {
    await t.drop();
  });

  it('declares every table the migrations create, and nothing else', async () => {
    const { tables, unused } = parseSchemaSource(SCHEMA_SOURCE);
    const actual = await introspect(t);
    expect(actual.size, 'the introspection found no tables: wrong schema?').toBeGreaterThan(0);
    const diffs = [
      ...unused.map((n) => `interface ${n}: declared in schema.ts but not listed in Database`),
      ...schemaDifferences(tables, actual),
    ];
    expect(diffs, `schema.ts and the migrations differ:\n${diffs.join('\n')}`).toEqual([]);
  });

  it.runIf(TEST_DB === 'postgres')('on PostgreSQL, looks only at the suite’s own schema', async () => {
    const all = await t.db.kysely.introspection.getTables();
    const mine = all.filter((x) => x.schema === t.db.schema).map((x) => x.name);
    expect(mine).toContain('units');
    expect(mine).not.toContain('kysely_migration');
  });
});

describe('the schema.ts reader', () => {
  it('reads nullability through unions, Generated<> and ColumnType<>, and skips comments', () => {
    const { tables, unused } = parseSchemaSource(`
      import type { Generated } from 'kysely';
      /** A row. */
      export interface ThingsTable {
        id: string; // the key
        /** may be missing */
        note: string | null;
        n: Generated<number>;
        big: ColumnType<string | number | null, number, number>;
        kind: 'a' | 'b';
      }
      export interface SpareTable { x: string }
      export interface Database {
        things: ThingsTable;
      }
      export type ThingRow = Selectable<ThingsTable>;
    `);
    expect([...tables.entries()]).toEqual([
      [
        'things',
        [
          { name: 'id', nullable: false },
          { name: 'note', nullable: true },
          { name: 'n', nullable: false },
          { name: 'big', nullable: true },
          { name: 'kind', nullable: false },
        ],
      ],
    ]);
    expect(unused).toEqual(['SpareTable']);
  });

  it.each([
    ['no Database interface', 'export interface ATable { a: string }', /no `export interface Database`/],
    [
      'a table whose row type is not declared here',
      'export interface Database { a: Other }',
      /Database\.a is `Other`, not an interface/,
    ],
    [
      'an optional column',
      'export interface ATable { a?: string } export interface Database { a: ATable }',
      /optional member `a` of ATable/,
    ],
    [
      'a type it does not know',
      'export interface ATable { a: Json } export interface Database { a: ATable }',
      /cannot read the type `Json` of ATable\.a/,
    ],
    [
      'a member it cannot read',
      'export interface ATable { [key: string]: string } export interface Database { a: ATable }',
      /cannot read the member/,
    ],
    [
      'an inline object type',
      'export interface ATable { a: { b: string } } export interface Database { a: ATable }',
      /./,
    ],
  ])('fails loudly on %s', (_what, source, error) => {
    expect(() => parseSchemaSource(source)).toThrow(error);
  });

  it('lists every difference, table by table', () => {
    const declared: SchemaShape = new Map([
      [
        'a',
        [
          { name: 'id', nullable: false },
          { name: 'x', nullable: true },
          { name: 'gone', nullable: false },
        ],
      ],
      ['only_ts', [{ name: 'id', nullable: false }]],
    ]);
    const actual: SchemaShape = new Map([
      [
        'a',
        [
          { name: 'id', nullable: false },
          { name: 'x', nullable: false },
          { name: 'extra', nullable: true },
        ],
      ],
      ['only_db', [{ name: 'id', nullable: false }]],
    ]);
    expect(schemaDifferences(declared, actual)).toEqual([
      'column a.x: schema.ts says nullable, the database not null',
      'column a.gone: in schema.ts, not in the database',
      'column a.extra: in the database, not in schema.ts',
      'table only_db: in the database, not in schema.ts',
      'table only_ts: in schema.ts, not in the database',
    ]);
  });
});
