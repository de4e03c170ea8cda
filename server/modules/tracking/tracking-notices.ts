import type { Decision } from '../../../core/record.js';
import { dateCn } from '../../../core/record.js';
import type { Services, Tx } from '../../platform/services.js';
import { notify } from '../notices/notices.js';
import { coResponsibleOf, headOf, headsOwn, supervisingLeadersOf } from './tracking.repository.js';

/**
 * The division accountable for an item: the responsible division, else the
 * responsible person's — the meeting's division when they belong to it, else
 * their first division — else the meeting's division.
 */
export async function responsibleDivision(
  trx: Tx,
  sourceDivisionId: string,
  userId: string | null,
  divisionId: string | null,
): Promise<string> {
  if (divisionId) return divisionId;
  if (!userId) return sourceDivisionId;
  const rows = await trx
    .selectFrom('memberships')
    .select('division_id')
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
  if (rows.some((r) => r.division_id === sourceDivisionId)) return sourceDivisionId;
  return rows[0]?.division_id ?? sourceDivisionId;
}

/** Whoever executes the item: the person and the co-responsible, or the responsible division's leaders. */
export async function executors(
  trx: Tx,
  d: Pick<Decision, 'responsibleUserId' | 'responsibleDivisionId' | 'coResponsible'>,
): Promise<string[]> {
  const co = (d.coResponsible ?? []).map((p) => p.id);
  if (d.responsibleUserId) return [d.responsibleUserId, ...co];
  if (!d.responsibleDivisionId) return co;
  const leaders = await trx
    .selectFrom('memberships')
    .select('user_id')
    .where('division_id', '=', d.responsibleDivisionId)
    .where('position', 'in', ['head', 'deputy'])
    .execute();
  return [...leaders.map((l) => l.user_id), ...co];
}

/** R6.2: the responsible people are told at once (in-app, and by e-mail when it is on). */
export async function notifyAssigned(
  s: Services,
  trx: Tx,
  i: { id: string; unitId: string; number: string; topicTitle: string; decision: Decision },
): Promise<void> {
  const d = i.decision;
  await notify(s, trx, {
    unitId: i.unitId,
    userIds: await executors(trx, d),
    kind: 'tracking.assigned',
    subjectType: 'tracking_item',
    subjectId: i.id,
    title: `新的督办事项：${i.topicTitle}`,
    body: `纪要${i.number}议定：${d.text.slice(0, 300)}。责任人：${d.responsible}${
      d.deadline ? `；完成时限：${dateCn(d.deadline)}` : ''
    }。请按期办理并报告进展。`,
  });
}

/** Tells people about a step of an item (completion asked, returned, extension decided …). */
export async function tell(
  s: Services,
  trx: Tx,
  i: { id: string; unit_id: string; topic_title: string },
  userIds: readonly string[],
  kind: string,
  title: string,
  body: string,
): Promise<void> {
  await notify(s, trx, {
    unitId: i.unit_id,
    userIds,
    kind,
    subjectType: 'tracking_item',
    subjectId: i.id,
    title: `${title}：${i.topic_title}`.slice(0, 200),
    body,
  });
}

type ItemParty = {
  unit_id: string;
  division_id: string;
  responsible_user_id: string | null;
  responsible_division_id: string | null;
  co_responsible: string;
};

/** Who executes a stored item (see `executors`). */
export function itemExecutors(trx: Tx, row: ItemParty): Promise<string[]> {
  return executors(trx, {
    responsibleUserId: row.responsible_user_id,
    responsibleDivisionId: row.responsible_division_id,
    coResponsible: coResponsibleOf(row),
  });
}

/** Who decides completion and extensions: the division's head; for the head's own items its supervising leaders. */
export async function itemDeciders(trx: Tx, row: ItemParty): Promise<string[]> {
  const head = await headOf(trx, row.division_id);
  if (headsOwn(row, head)) return supervisingLeadersOf(trx, row.unit_id, row.division_id);
  return head ? [head] : [];
}
