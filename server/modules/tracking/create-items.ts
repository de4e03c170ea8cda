import { randomUUID } from 'node:crypto';
import type { Actor } from '../../../core/policy.js';
import { decisionSentence, TRACKED_OUTCOMES, type Decision } from '../../../core/record.js';
import { shanghaiDay } from '../../../core/shanghai-time.js';
import { audit, auditBy, type Services, type Tx } from '../../platform/services.js';
import { loadRecord } from '../meetings/record.repository.js';
import { notify } from '../notices/notices.js';
import { emit } from '../../platform/events.js';
import { addEvent } from './tracking.repository.js';
import { notifyAssigned, responsibleDivision } from './tracking-notices.js';

/**
 * R6.2: issuing the minutes makes every decision to be executed (通过, 报请局党委研究)
 * a tracked item, in the issuing transaction — an issue that fails leaves no
 * item, and an item never exists without its issued minutes. The responsible
 * people are told at once; an item without a party or deadline goes to the head
 * to complete. A correction keeps the items of the minutes it corrects.
 */
export async function createItemsForMinutes(
  s: Services,
  trx: Tx,
  { minutesId, actor, ip }: { minutesId: string; actor: Actor; ip: string | null },
): Promise<number> {
  const m = await trx
    .selectFrom('minutes')
    .select(['id', 'unit_id', 'meeting_id', 'division_id', 'number', 'supersedes_id'])
    .where('id', '=', minutesId)
    .executeTakeFirstOrThrow();
  if (m.supersedes_id) return 0;
  const now = s.clock.now();
  const at = now.toISOString();
  const today = shanghaiDay(now);
  const entries = (await loadRecord(trx, m.meeting_id)).filter((e) => e.status === 'recorded');
  let index = 0;
  let created = 0;
  for (const e of entries) {
    for (const d of e.decisions as Decision[]) {
      const i = index++;
      if (!TRACKED_OUTCOMES.includes(d.outcome)) continue;
      const userId = d.responsibleUserId ?? null;
      const divisionId = d.responsibleDivisionId ?? null;
      const incomplete = !!d.needsCompletion || (!userId && !divisionId) || !d.deadline;
      const id = randomUUID();
      const co = d.coResponsible ?? [];
      await trx
        .insertInto('tracking_items')
        .values({
          id,
          unit_id: m.unit_id,
          division_id: await responsibleDivision(trx, m.division_id, userId, divisionId),
          source_division_id: m.division_id,
          source_minutes_id: m.id,
          source_number: m.number ?? '',
          source_meeting_id: m.meeting_id,
          topic_id: e.topicId,
          topic_title: e.topicTitle,
          decision_index: i,
          decision_text: d.text,
          wording: decisionSentence(d),
          responsible_user_id: userId,
          responsible_division_id: divisionId,
          responsible_name: d.responsible,
          co_responsible: JSON.stringify(co),
          co_responsible_ids: ` ${co.map((p) => p.id).join(' ')} `,
          note: d.note ?? '',
          needs_completion: incomplete ? 1 : 0,
          original_deadline: d.deadline,
          deadline: d.deadline,
          extensions: 0,
          matter_flags: JSON.stringify(e.matterFlags),
          status: 'pending',
          sampled: 0,
          last_activity_day: today,
          termination_minutes_id: null,
          termination_reference: null,
          closed_at: null,
          version: 1,
          created_at: at,
          updated_at: at,
        })
        .execute();
      await addEvent(trx, {
        unitId: m.unit_id,
        itemId: id,
        kind: 'created',
        actor,
        text: `依据纪要${m.number ?? ''}生成督办事项`,
        data: { minutesId: m.id, needsCompletion: incomplete },
        at,
      });
      await emit(s, trx, 'search.stale', { unitId: m.unit_id, source: 'tracking', id });
      await audit(s, trx, {
        ...auditBy(actor, ip),
        action: 'tracking.create',
        subjectType: 'tracking_item',
        subjectId: id,
        data: { minutesId: m.id, number: m.number, topicId: e.topicId, decisionIndex: i, needsCompletion: incomplete },
      });
      if (incomplete)
        await notify(s, trx, {
          unitId: m.unit_id,
          userIds: [actor.userId],
          kind: 'tracking.incomplete',
          subjectType: 'tracking_item',
          subjectId: id,
          title: `督办事项待明确责任人和完成时限：${e.topicTitle}`,
          body: `纪要${m.number ?? ''}的议定事项“${d.text.slice(0, 200)}”尚未明确责任人或完成时限，请补全后交办。`,
        });
      else
        await notifyAssigned(s, trx, {
          id,
          unitId: m.unit_id,
          number: m.number ?? '',
          topicTitle: e.topicTitle,
          decision: d,
        });
      created++;
    }
  }
  return created;
}
