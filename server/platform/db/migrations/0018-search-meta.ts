import { sql, SqliteAdapter, type Kysely } from 'kysely';
import { SEARCH_KINDS } from '../../../../core/search.js';
import { KIND_SPAN, metaTokensOf, type MetaFacts } from '../../../../core/search-meta.js';

/*
 * SQLite's search in one pass over the FTS5 index (R1.3; server/modules/search/fts-meta.ts): each
 * row's filter and permission facts become tokens of a third FTS5 column, `meta_tokens`, and each
 * kind's rows are numbered in their own range of ids (the kind is the id's high part). Existing
 * rows are renumbered into their ranges (every new id is past every old one, so none collide), their
 * meta tokens written from their columns, and the FTS5 table rebuilt with the third column.
 * PostgreSQL keeps its tsvector and its SQL scope: nothing changes there.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return;
  await sql`drop trigger search_documents_ai`.execute(db);
  await sql`drop trigger search_documents_ad`.execute(db);
  await sql`drop trigger search_documents_au`.execute(db);
  await sql`drop table search_fts`.execute(db);
  await sql`alter table search_documents add column meta_tokens text not null default ''`.execute(db);
  const cases = sql.join(
    SEARCH_KINDS.map((k, i) => sql`when ${k} then ${(i + 1) * KIND_SPAN}`),
    sql` `,
  );
  await sql`update search_documents set id = id + (case kind ${cases} else ${(SEARCH_KINDS.length + 1) * KIND_SPAN} end)
    where id < ${KIND_SPAN}`.execute(db);
  // Meta tokens in batches of rows, by id.
  let after = -1;
  for (;;) {
    const rows = await sql<MetaFacts & { id: number }>`select id, unit_id, kind, acl, division_id, status, year,
      owner_id, meeting_id, topic_id, source_division_id, responsible_division_id, co_ids, matter_flags, category,
      speaker_id, object_id from search_documents where id > ${after} order by id limit 2000`.execute(db);
    if (rows.rows.length === 0) break;
    for (const r of rows.rows)
      await sql`update search_documents set meta_tokens = ${metaTokensOf(r)} where id = ${r.id}`.execute(db);
    after = Number(rows.rows[rows.rows.length - 1]!.id);
  }
  await sql`create virtual table search_fts using fts5(
    title_tokens, tokens, meta_tokens, content='search_documents', content_rowid='id',
    tokenize='unicode61 remove_diacritics 0')`.execute(db);
  await sql`insert into search_fts(search_fts) values ('rebuild')`.execute(db);
  await sql`create trigger search_documents_ai after insert on search_documents begin
    insert into search_fts(rowid, title_tokens, tokens, meta_tokens)
      values (new.id, new.title_tokens, new.tokens, new.meta_tokens);
  end`.execute(db);
  await sql`create trigger search_documents_ad after delete on search_documents begin
    insert into search_fts(search_fts, rowid, title_tokens, tokens, meta_tokens)
      values ('delete', old.id, old.title_tokens, old.tokens, old.meta_tokens);
  end`.execute(db);
  await sql`create trigger search_documents_au after update of title_tokens, tokens, meta_tokens on search_documents begin
    insert into search_fts(search_fts, rowid, title_tokens, tokens, meta_tokens)
      values ('delete', old.id, old.title_tokens, old.tokens, old.meta_tokens);
    insert into search_fts(rowid, title_tokens, tokens, meta_tokens)
      values (new.id, new.title_tokens, new.tokens, new.meta_tokens);
  end`.execute(db);
}
