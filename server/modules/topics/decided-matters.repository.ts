import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { Actor } from '../../../core/policy.js';
import { MEETING_DECIDES, type Decision } from '../../../core/record.js';
import { fenToYuan } from '../../../core/topics.js';
import { shanghaiDay } from '../../../core/shanghai-time.js';
import type { MatterFlag } from '../../../core/settings.js';
import { toNumber } from '../../platform/db/database.js';
import { keysetPage, type PageRequest } from '../../platform/db/cursor.js';

/**
 * R4.1: every decided topic that carried a larger-matter flag (project, funds,
 * major penalty, delegated power), with the meeting that decided it, the
 * decisions of its record and the number of the minutes — what oversight
 * checks the bureau's registers against. A page at a time, newest meeting
 * first (then agenda item); the flags are matched in SQL so every page is full.
 */
export async function decidedMatters(
  db: Kysely<Database>,
  actor: Actor,
  divisionIds: readonly string[],
  range: { from: string; to: string },
  page: PageRequest,
) {
  if (divisionIds.length === 0) return { items: [], nextCursor: null };
  const q = db
    .selectFrom('topics as t')
    .innerJoin('divisions as d', 'd.id', 't.division_id')
    .innerJoin('agenda_items as a', (j) => j.onRef('a.topic_id', '=', 't.id').on('a.outcome', '=', 'discussed'))
    .innerJoin('meetings as m', (j) => j.onRef('m.id', '=', 'a.meeting_id').on('m.status', '=', 'closed'))
    .leftJoin('record_entries as r', (j) => j.onRef('r.meeting_id', '=', 'm.id').onRef('r.topic_id', '=', 't.id'))
    .leftJoin('minutes as n', (j) => j.onRef('n.meeting_id', '=', 'm.id').on('n.status', '=', 'issued'))
    .select([
      't.id',
      't.title',
      't.division_id',
      'd.name as division_name',
      't.matter_flags',
      't.funds_amount_fen',
      'm.id as meeting_id',
      'm.title as meeting_title',
      'm.starts_at',
      'm.started_at',
      'r.decisions',
      'n.number',
      'a.id as agenda_item_id',
    ])
    .where('t.unit_id', '=', actor.unitId)
    .where('t.status', '=', 'decided')
    .where('t.division_id', 'in', divisionIds)
    .where('m.starts_at', '>=', range.from)
    .where('m.starts_at', '<', range.to)
    // matter_flags is a JSON array of flag names: a flag is there when its quoted name is.
    .where((eb) => eb.or(MEETING_DECIDES.map((f) => eb('t.matter_flags', 'like', `%"${f}"%`))));
  const { items, nextCursor } = await keysetPage(
    q,
    {
      columns: ['m.starts_at', 'a.id'],
      types: ['string', 'string'],
      direction: 'desc',
      key: (r) => [r.starts_at, r.agenda_item_id],
    },
    page,
  );
  return {
    nextCursor,
    items: items
      .map((r) => ({ r, flags: JSON.parse(r.matter_flags) as MatterFlag[] }))
      .map(({ r, flags }) => ({
        topicId: r.id,
        title: r.title,
        divisionId: r.division_id,
        divisionName: r.division_name,
        matterFlags: flags,
        fundsAmountYuan: r.funds_amount_fen === null ? null : fenToYuan(toNumber(r.funds_amount_fen)),
        meetingId: r.meeting_id,
        meetingTitle: r.meeting_title,
        meetingDay: shanghaiDay(new Date(r.started_at ?? r.starts_at)),
        decisions: (JSON.parse(r.decisions ?? '[]') as Decision[]).map((d) => d.text),
        minutesNumber: r.number,
      })),
  };
}
