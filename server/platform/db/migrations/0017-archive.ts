import { sql, type Kysely } from 'kysely';

/*
 * Archiving (归档, R5.7 / R1.3): one archive per division and year with its package (a blob,
 * its SHA-256 and the four-property report), one item (件) per archived minutes with its
 * DA/T 46 metadata, the 处室代码 each division was given at its first archiving, and the
 * appraisal decisions (到期鉴定) — append-only, numbered per item. Every key carries the unit.
 *
 * And the regime setting `minutesRetentionYears` (years, 0 = unset), read by nothing until now,
 * becomes the retention per category: a unit that had asked for N years keeps every category at
 * least the shortest period of N years or more; the old key is removed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('archives')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.unit_id'))
    .addColumn('division_id', 'text', (c) => c.notNull().references('divisions.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('division_code', 'text', (c) => c.notNull())
    .addColumn('item_count', 'integer', (c) => c.notNull())
    .addColumn('file_count', 'integer', (c) => c.notNull())
    .addColumn('package_sha256', 'text', (c) => c.notNull()) // the ZIP in the blob store
    .addColumn('package_size', 'bigint', (c) => c.notNull())
    .addColumn('hash_alg', 'text', (c) => c.notNull()) // sha256 | sm3: the manifest's digests
    .addColumn('manifest_digest', 'text', (c) => c.notNull())
    .addColumn('files', 'text', (c) => c.notNull()) // JSON: path, role, item, size, digest, sha256
    .addColumn('report', 'text', (c) => c.notNull()) // JSON: the four-property report at packaging
    .addColumn('facts_digest', 'text', (c) => c.notNull()) // SHA-256 of the facts packed
    .addColumn('archived_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('archived_at', 'text', (c) => c.notNull())
    .execute();
  // One archive per division and year: the second of two requests at once is refused by this.
  await db.schema
    .createIndex('archives_division_year')
    .on('archives')
    .columns(['unit_id', 'division_id', 'year'])
    .unique()
    .execute();

  await db.schema
    .createTable('archive_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.unit_id'))
    .addColumn('archive_id', 'text', (c) => c.notNull().references('archives.id'))
    .addColumn('division_id', 'text', (c) => c.notNull().references('divisions.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull()) // 件号
    .addColumn('code', 'text', (c) => c.notNull()) // 档号
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('minutes_id', 'text', (c) => c.notNull().references('minutes.id')) // the version in force
    .addColumn('title', 'text', (c) => c.notNull()) // 题名
    .addColumn('number', 'text', (c) => c.notNull()) // 文件编号
    .addColumn('doc_date', 'text', (c) => c.notNull()) // 日期, YYYYMMDD
    .addColumn('pages', 'integer', (c) => c.notNull())
    .addColumn('metadata', 'text', (c) => c.notNull()) // JSON: the ten DA/T 46 fields as packed
    .addColumn('retention', 'text', (c) => c.notNull()) // permanent | 30y | 10y (as now, after extensions)
    .addColumn('due_day', 'text') // 到期鉴定 from this day; null for permanent
    .addColumn('state', 'text', (c) => c.notNull()) // kept | destroyed
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('archive_items_archive')
    .on('archive_items')
    .columns(['unit_id', 'archive_id', 'seq'])
    .unique()
    .execute();
  await db.schema.createIndex('archive_items_code').on('archive_items').columns(['unit_id', 'code']).unique().execute();
  // Read-only: "is this meeting archived?" is asked by every command on its minutes, record, items.
  await db.schema
    .createIndex('archive_items_meeting')
    .on('archive_items')
    .columns(['unit_id', 'meeting_id'])
    .unique()
    .execute();
  // The appraisal list: due items, oldest due first, paged by (due_day, id).
  await db.schema.createIndex('archive_items_due').on('archive_items').columns(['unit_id', 'due_day', 'id']).execute();

  await db.schema
    .createTable('archive_division_codes')
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.unit_id'))
    .addColumn('division_id', 'text', (c) => c.notNull().references('divisions.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('assigned_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('archive_division_codes_pk', ['unit_id', 'division_id'])
    .execute();
  await db.schema
    .createIndex('archive_division_codes_code')
    .on('archive_division_codes')
    .columns(['unit_id', 'code'])
    .unique()
    .execute();

  await db.schema
    .createTable('archive_decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.unit_id'))
    .addColumn('item_id', 'text', (c) => c.notNull().references('archive_items.id'))
    .addColumn('seq', 'integer', (c) => c.notNull()) // the item's version the decision was made on
    .addColumn('decision', 'text', (c) => c.notNull()) // destroy | extend
    .addColumn('from_retention', 'text', (c) => c.notNull())
    .addColumn('to_retention', 'text') // extend: the longer period
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('appraisers', 'text', (c) => c.notNull()) // 鉴定小组, as the decision names them
    .addColumn('reference', 'text', (c) => c.notNull()) // the decision's document (e.g. 销毁批准文号)
    .addColumn('decided_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('archive_decisions_item_seq')
    .on('archive_decisions')
    .columns(['unit_id', 'item_id', 'seq'])
    .unique()
    .execute();

  await migrateRetentionSetting(db);
}

/*
 * Frozen here as they were when this migration was written (core/settings.ts and core/archive.ts
 * may change later; a migration must not): the periods, longest first, and the default per category.
 */
const PERIODS = ['permanent', '30y', '10y'] as const;
type Period = (typeof PERIODS)[number];
const DEFAULT_BY_CATEGORY: Array<{ category: string; period: Period }> = [
  { category: '传达学习局党委及局领导工作部署', period: '30y' },
  { category: '汇报工作情况及阶段性工作总结', period: '30y' },
  { category: '须经处务会研究决定的事项', period: 'permanent' },
  { category: '商务发展重要课题研究', period: '30y' },
  { category: '处室业务工作（含行政许可和非行政许可审批）', period: '30y' },
  { category: '须报请局党委、局领导研究决定的事项', period: 'permanent' },
  { category: '专项资金的使用和分配', period: 'permanent' },
  { category: '面向企业的座谈会、研讨会、展览会和培训', period: '10y' },
  { category: '出国（境）考察、参展及其他经贸活动', period: '30y' },
  { category: '重大处罚事项', period: 'permanent' },
];
const periodOf = (p: unknown): Period => ((PERIODS as readonly unknown[]).includes(p) ? (p as Period) : '30y');
const longer = (a: Period, b: Period): Period => (PERIODS.indexOf(a) <= PERIODS.indexOf(b) ? a : b);
/** The shortest period that keeps minutes `years` years; null for 0 (unset). */
const forYears = (years: number): Period | null =>
  !Number.isFinite(years) || years <= 0 ? null : years <= 10 ? '10y' : years <= 30 ? '30y' : 'permanent';

/** The old `minutesRetentionYears` becomes the retention per category (see above). */
export async function migrateRetentionSetting(db: Kysely<unknown>): Promise<void> {
  const rows = await sql<{ unit_id: string; value: string }>`
    select unit_id, value from settings where section = 'regime'
  `.execute(db);
  for (const row of rows.rows) {
    let value: Record<string, unknown>;
    try {
      value = JSON.parse(row.value) as Record<string, unknown>;
    } catch {
      continue; // unreadable: readSettings falls back to the defaults anyway
    }
    if (!('minutesRetentionYears' in value)) continue;
    const asked = forYears(Number(value.minutesRetentionYears));
    delete value.minutesRetentionYears;
    if (asked) {
      const atLeast = (p: unknown): Period => longer(periodOf(p), asked);
      value.archiveRetentionDefault = atLeast(value.archiveRetentionDefault ?? '30y');
      const byCategory = Array.isArray(value.archiveRetentionByCategory)
        ? (value.archiveRetentionByCategory as Array<{ category: string; period: unknown }>)
        : DEFAULT_BY_CATEGORY;
      value.archiveRetentionByCategory = byCategory.map((c) => ({ category: c.category, period: atLeast(c.period) }));
    }
    await sql`update settings set value = ${JSON.stringify(value)} where unit_id = ${row.unit_id} and section = 'regime'`.execute(
      db,
    );
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('archive_decisions').execute();
  await db.schema.dropTable('archive_division_codes').execute();
  await db.schema.dropTable('archive_items').execute();
  await db.schema.dropTable('archives').execute();
}
