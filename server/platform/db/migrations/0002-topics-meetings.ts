import type { Kysely } from 'kysely';

/* Topics (§2), written material, meetings (§3), leave, attendance, notices. */

export async function up(db: Kysely<unknown>): Promise<void> {
  // R2.2 / R3.2: powers a division head delegates to a deputy (approve topics, convene and chair).
  await db.schema
    .createTable('delegations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.unit_id'))
    .addColumn('division_id', 'text', (c) => c.notNull().references('divisions.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('power', 'text', (c) => c.notNull())
    .addColumn('granted_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('granted_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('delegations_unique')
    .on('delegations')
    .columns(['division_id', 'user_id', 'power'])
    .unique()
    .execute();

  await db.schema
    .createTable('topics')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.unit_id'))
    .addColumn('division_id', 'text', (c) => c.notNull().references('divisions.id'))
    .addColumn('proposer_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('matter_flags', 'text', (c) => c.notNull()) // JSON array
    .addColumn('funds_amount_fen', 'bigint')
    .addColumn('important', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('return_reason', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('topics_division_status')
    .on('topics')
    .columns(['unit_id', 'division_id', 'status'])
    .execute();

  await db.schema
    .createTable('topic_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.unit_id'))
    .addColumn('topic_id', 'text', (c) => c.notNull().references('topics.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('topic_events_topic').on('topic_events').columns(['topic_id', 'seq']).unique().execute();

  await db.schema
    .createTable('attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.unit_id'))
    .addColumn('topic_id', 'text', (c) => c.notNull().references('topics.id'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('file_type', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema.createIndex('attachments_topic').on('attachments').columns(['topic_id']).execute();

  await db.schema
    .createTable('meetings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.unit_id'))
    .addColumn('division_id', 'text', (c) => c.notNull().references('divisions.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('chair_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('recorder_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('convened_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('chair_designated_by', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('cancel_reason', 'text')
    .addColumn('notified_at', 'text')
    .addColumn('started_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('checkin_secret', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('meetings_division_time')
    .on('meetings')
    .columns(['unit_id', 'division_id', 'starts_at'])
    .execute();

  await db.schema
    .createTable('agenda_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.unit_id'))
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('topic_id', 'text', (c) => c.notNull().references('topics.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .execute();
  await db.schema.createIndex('agenda_items_meeting').on('agenda_items').columns(['meeting_id', 'position']).execute();
  await db.schema.createIndex('agenda_items_topic').on('agenda_items').columns(['topic_id']).execute();

  await db.schema
    .createTable('participants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.unit_id'))
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('role', 'text', (c) => c.notNull()) // participant | observer
    .addColumn('attendance', 'text')
    .addColumn('checked_in_at', 'text')
    .addColumn('marked_by', 'text')
    .addColumn('notice_read_at', 'text')
    .execute();
  await db.schema
    .createIndex('participants_unique')
    .on('participants')
    .columns(['meeting_id', 'user_id'])
    .unique()
    .execute();
  await db.schema.createIndex('participants_user').on('participants').columns(['unit_id', 'user_id']).execute();

  await db.schema
    .createTable('meeting_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.unit_id'))
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .execute();

  await db.schema
    .createTable('leave_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.unit_id'))
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('leave_requests_meeting')
    .on('leave_requests')
    .columns(['meeting_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.unit_id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema.createIndex('notices_user').on('notices').columns(['unit_id', 'user_id', 'read_at']).execute();

  await db.schema
    .createTable('feed_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.unit_id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'feed_tokens',
    'notices',
    'leave_requests',
    'meeting_changes',
    'participants',
    'agenda_items',
    'meetings',
    'attachments',
    'topic_events',
    'topics',
    'delegations',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
