import { sql, SqliteAdapter, type Kysely } from 'kysely';

/*
 * Chinese full-text search (R1.3, issue 14). One row per findable paragraph — a topic, a section of
 * issued minutes, a record's discussion, an opinion, a decision, a tracked item, an attachment's
 * text — with the facts its filters and its permission check need, the text it shows and the
 * tokens (jieba words joined by spaces, core/search.ts) it is found by.
 *
 * The full-text index is the dialect's own, over the same tokens:
 *  - SQLite: an FTS5 table (unicode61) with search_documents as its external content, kept in step
 *    by triggers; bm25 with the title column weighted.
 *  - PostgreSQL: a tsvector column written by the application as a literal of the same tokens
 *    (title tokens weight A) — no text-search parser in between — under a GIN index; ts_rank.
 * schema-match.test.ts knows these two are the dialect's and not in schema.ts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  await db.schema
    .createTable('search_documents')
    .addColumn('id', 'integer', (c) =>
      sqlite ? c.primaryKey().autoIncrement() : c.primaryKey().generatedByDefaultAsIdentity(),
    )
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.unit_id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    // Who may open it: the rule of its module ('topic', 'meeting', 'minutes', 'tracking') and its facts.
    .addColumn('acl', 'text', (c) => c.notNull())
    .addColumn('division_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('owner_id', 'text')
    .addColumn('meeting_id', 'text')
    .addColumn('topic_id', 'text')
    .addColumn('source_division_id', 'text')
    .addColumn('responsible_division_id', 'text')
    .addColumn('co_ids', 'text')
    .addColumn('matter_flags', 'text', (c) => c.notNull()) // ' funds project '
    .addColumn('category', 'text')
    .addColumn('speaker_id', 'text')
    // The object whose change rebuilds this row (topic, record, minutes, tracked item), and the row's own.
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('object_id', 'text', (c) => c.notNull())
    .addColumn('part', 'integer', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('link', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    // The long text last: the filters and the permission check read a row without reaching it (SQLite).
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('title_tokens', 'text', (c) => c.notNull())
    .addColumn('tokens', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('search_documents_source')
    .on('search_documents')
    .columns(['unit_id', 'source', 'source_id'])
    .execute();
  if (sqlite) {
    await sql`create virtual table search_fts using fts5(
      title_tokens, tokens, content='search_documents', content_rowid='id', tokenize='unicode61 remove_diacritics 0')`.execute(
      db,
    );
    await sql`create trigger search_documents_ai after insert on search_documents begin
      insert into search_fts(rowid, title_tokens, tokens) values (new.id, new.title_tokens, new.tokens);
    end`.execute(db);
    await sql`create trigger search_documents_ad after delete on search_documents begin
      insert into search_fts(search_fts, rowid, title_tokens, tokens) values ('delete', old.id, old.title_tokens, old.tokens);
    end`.execute(db);
    await sql`create trigger search_documents_au after update of title_tokens, tokens on search_documents begin
      insert into search_fts(search_fts, rowid, title_tokens, tokens) values ('delete', old.id, old.title_tokens, old.tokens);
      insert into search_fts(rowid, title_tokens, tokens) values (new.id, new.title_tokens, new.tokens);
    end`.execute(db);
  } else {
    await sql`alter table search_documents add column tsv tsvector not null`.execute(db);
    await sql`create index search_documents_tsv on search_documents using gin (tsv)`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    await sql`drop table search_fts`.execute(db);
  }
  await db.schema.dropTable('search_documents').execute();
}
