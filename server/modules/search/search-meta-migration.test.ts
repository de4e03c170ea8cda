import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { TEST_DB } from '../../test/harness.js';
import { openDatabase } from '../../platform/db/database.js';
import { migrateToLatest, MIGRATIONS } from '../../platform/db/migrate.js';
import { KIND_SPAN, kindOfId, metaToken } from '../../../core/search-meta.js';

/**
 * R1.3: 0018-search-meta on an index built before it (SQLite): rows keep their text, move into
 * their kind's range of ids, gain their meta tokens, and the rebuilt FTS5 table finds them by
 * word and by fact — a draft topic and a finished minutes section alike.
 */
describe.runIf(TEST_DB === 'sqlite')('R1.3: the index of an earlier version after 0018-search-meta', () => {
  it('R1.3: rows are renumbered by kind, carry their facts as tokens, and are found again', async () => {
    const db = openDatabase('sqlite::memory:');
    const k = db.kysely as unknown as Kysely<unknown>;
    const before = Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => name < '0018'));
    await migrateToLatest(k, before);
    const unit = randomUUID();
    const division = randomUUID();
    const owner = randomUUID();
    await sql`insert into units (unit_id, name, is_demo, created_at) values (${unit}, '示范局', 0, '2026-01-01T00:00:00Z')`.execute(
      k,
    );
    const row = (id: number, kind: string, acl: string, status: string, tokens: string) =>
      sql`insert into search_documents (id, unit_id, kind, acl, division_id, status, year, owner_id, meeting_id,
        topic_id, source_division_id, responsible_division_id, co_ids, matter_flags, category, speaker_id, source,
        source_id, object_id, part, day, link, updated_at, title, title_tokens, tokens, body)
        values (${id}, ${unit}, ${kind}, ${acl}, ${division}, ${status}, 2025, ${owner}, null, null, null, null, null,
        ' funds ', '专项资金', null, 'x', ${`s${id}`}, ${`o${id}`}, 0, '2025-03-10', '/x', '2026-01-01', '标题', '', ${tokens}, '正文')`.execute(
        k,
      );
    await row(1, 'topic', 'topic', 'draft', '专项 资金 申报');
    await row(2, 'minutes', 'minutes', 'issued', '资金 拨付');
    await row(3, 'opinion', 'meeting', 'decided', '海外仓 资金');
    await migrateToLatest(k);

    const rows = await sql<{ id: number; kind: string; meta_tokens: string }>`select id, kind, meta_tokens
      from search_documents order by kind`.execute(k);
    for (const r of rows.rows) {
      expect(r.id).toBeGreaterThanOrEqual(KIND_SPAN);
      expect(kindOfId(Number(r.id))).toBe(r.kind);
      expect(r.meta_tokens.split(' ')).toEqual(
        expect.arrayContaining([metaToken.unit(unit), metaToken.division(division), metaToken.flag('funds')]),
      );
    }
    const find = async (q: string) =>
      (
        await sql<{
          id: number;
        }>`select rowid as id from search_fts where search_fts match ${q} order by rowid`.execute(k)
      ).rows.map((r) => kindOfId(Number(r.id)));
    expect(await find(`{title_tokens tokens} : ("资金") AND meta_tokens : (${metaToken.unit(unit)})`)).toEqual([
      'minutes',
      'opinion',
      'topic',
    ]);
    expect(
      await find(
        `{title_tokens tokens} : ("资金") AND meta_tokens : (${metaToken.status('draft')} AND ${metaToken.owner(owner)})`,
      ),
    ).toEqual(['topic']);
    // A fact's word is never a text word: the unit's token is not found in the text columns.
    expect(await find(`{title_tokens tokens} : (${metaToken.unit(unit)})`)).toEqual([]);
    await db.close();
  });
});
