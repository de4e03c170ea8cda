import { sql, type Kysely } from 'kysely';

/*
 * Execution tracking (督办, R6.2): one tracked item per decision of issued
 * minutes, its timeline (reports, completion, extensions, decisions, reminders),
 * extension requests (the original deadline stays on the item), and the files
 * reported with progress. Existing free-text decisions get a structured party
 * where the text names one person or one division of the unit; the rest are
 * flagged for the head to complete.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tracking_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.unit_id'))
    .addColumn('division_id', 'text', (c) => c.notNull().references('divisions.id'))
    .addColumn('source_division_id', 'text', (c) => c.notNull().references('divisions.id'))
    .addColumn('source_minutes_id', 'text', (c) => c.notNull().references('minutes.id'))
    .addColumn('source_number', 'text', (c) => c.notNull())
    .addColumn('source_meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('topic_id', 'text', (c) => c.notNull().references('topics.id'))
    .addColumn('topic_title', 'text', (c) => c.notNull())
    .addColumn('decision_index', 'integer', (c) => c.notNull())
    .addColumn('decision_text', 'text', (c) => c.notNull())
    .addColumn('wording', 'text', (c) => c.notNull())
    .addColumn('responsible_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('responsible_division_id', 'text', (c) => c.references('divisions.id'))
    .addColumn('responsible_name', 'text', (c) => c.notNull())
    .addColumn('co_responsible', 'text', (c) => c.notNull()) // JSON [{id, name}]
    .addColumn('co_responsible_ids', 'text', (c) => c.notNull()) // ' id1 id2 ' for the visibility filter
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('needs_completion', 'integer', (c) => c.notNull())
    .addColumn('original_deadline', 'text')
    .addColumn('deadline', 'text')
    .addColumn('extensions', 'integer', (c) => c.notNull())
    .addColumn('matter_flags', 'text', (c) => c.notNull()) // JSON
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('sampled', 'integer', (c) => c.notNull())
    .addColumn('last_activity_day', 'text', (c) => c.notNull())
    .addColumn('termination_minutes_id', 'text', (c) => c.references('minutes.id'))
    .addColumn('termination_reference', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // One item per decision of the minutes: a second issue cannot create it twice.
  await db.schema
    .createIndex('tracking_items_decision')
    .on('tracking_items')
    .columns(['source_minutes_id', 'decision_index'])
    .unique()
    .execute();
  await db.schema
    .createIndex('tracking_items_ledger')
    .on('tracking_items')
    .columns(['unit_id', 'division_id', 'deadline'])
    .execute();
  await db.schema
    .createIndex('tracking_items_responsible')
    .on('tracking_items')
    .columns(['responsible_user_id', 'status'])
    .execute();

  await db.schema
    .createTable('tracking_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.unit_id'))
    .addColumn('item_id', 'text', (c) => c.notNull().references('tracking_items.id'))
    .addColumn('seq', 'integer', (c) => c.notNull()) // the timeline's order, 1, 2, … per item
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('users.id')) // null: the system (jobs)
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull()) // JSON
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('tracking_events_item')
    .on('tracking_events')
    .columns(['item_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('tracking_extensions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.unit_id'))
    .addColumn('item_id', 'text', (c) => c.notNull().references('tracking_items.id'))
    .addColumn('requested_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('from_deadline', 'text', (c) => c.notNull())
    .addColumn('new_deadline', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // pending | approved | rejected
    .addColumn('decided_by', 'text', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // At most one open extension request per item.
  await db.schema
    .createIndex('tracking_extensions_open')
    .on('tracking_extensions')
    .columns(['item_id'])
    .unique()
    .where(sql.ref('status'), '=', 'pending')
    .execute();

  await db.schema
    .createTable('tracking_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.unit_id'))
    .addColumn('item_id', 'text', (c) => c.notNull().references('tracking_items.id'))
    .addColumn('event_id', 'text', (c) => c.references('tracking_events.id')) // null until reported with
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('file_type', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tracking_attachments_item').on('tracking_attachments').columns(['item_id']).execute();

  await structureDecisions(db);
}

interface OldDecision {
  responsible?: string;
  responsibleUserId?: string | null;
  responsibleDivisionId?: string | null;
  needsCompletion?: boolean;
  note?: string;
  outcome?: string;
}

/** The one name of `names` the free text is, or names alone; null when none or several. */
export function matchName(text: string, names: ReadonlyArray<{ id: string; name: string }>): string | null {
  const t = text.trim().replace(/[\s，,、；;：:。．.！!？?…]+$/u, '');
  if (!t) return null;
  const exact = names.filter((n) => n.name === t);
  if (exact.length === 1) return exact[0]?.id ?? null;
  if (exact.length > 1) return null;
  const inside = names.filter((n) => n.name.length >= 2 && t.includes(n.name));
  return inside.length === 1 ? (inside[0]?.id ?? null) : null;
}

/**
 * Free-text decisions: a text that is one user's name (or contains exactly one)
 * names that person, else one division's name that division; the text stays as
 * the note and as the recorded name (the minutes read as before). The rest of
 * the decisions to be executed are flagged for the head to complete.
 */
async function structureDecisions(db: Kysely<unknown>): Promise<void> {
  const q = db as Kysely<{
    record_entries: { id: string; unit_id: string; decisions: string };
    users: { id: string; unit_id: string; display_name: string; active: number };
    divisions: { id: string; unit_id: string; name: string };
  }>;
  const entries = await q.selectFrom('record_entries').select(['id', 'unit_id', 'decisions']).execute();
  if (entries.length === 0) return;
  const users = await q.selectFrom('users').select(['id', 'unit_id', 'display_name']).where('active', '=', 1).execute();
  const divisions = await q.selectFrom('divisions').select(['id', 'unit_id', 'name']).execute();
  for (const e of entries) {
    let list: OldDecision[];
    try {
      list = JSON.parse(e.decisions) as OldDecision[];
    } catch {
      continue;
    }
    if (!Array.isArray(list) || list.length === 0) continue;
    const people = users.filter((u) => u.unit_id === e.unit_id).map((u) => ({ id: u.id, name: u.display_name }));
    const units = divisions.filter((d) => d.unit_id === e.unit_id).map((d) => ({ id: d.id, name: d.name }));
    const moved = list.map((d) => {
      if ('responsibleUserId' in d || 'responsibleDivisionId' in d) return d;
      const text = d.responsible ?? '';
      const userId = matchName(text, people);
      const divisionId = userId ? null : matchName(text, units);
      const executes = d.outcome === 'adopted' || d.outcome === 'escalated';
      return {
        ...d,
        responsible: text,
        responsibleUserId: userId,
        responsibleDivisionId: divisionId,
        ...(text.trim() ? { note: text.trim() } : {}),
        ...(executes && !userId && !divisionId ? { needsCompletion: true } : {}),
      };
    });
    await q
      .updateTable('record_entries')
      .set({ decisions: JSON.stringify(moved) })
      .where('id', '=', e.id)
      .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['tracking_attachments', 'tracking_extensions', 'tracking_events', 'tracking_items'])
    await db.schema.dropTable(t).execute();
}
