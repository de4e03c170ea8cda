import { AppError } from '../../../core/errors.js';
import type { Decision } from '../../../core/record.js';
import type { Tx } from '../../platform/services.js';

/** A decision as the recorder sends it: the party picked from the org, free text only as a note. */
export interface DecisionInput {
  text: string;
  outcome: Decision['outcome'];
  responsibleUserId?: string | null | undefined;
  responsibleDivisionId?: string | null | undefined;
  coResponsibleIds?: string[] | undefined;
  note?: string | undefined;
  deadline: string | null;
}

/**
 * R6.2: resolves each decision's responsible party against the unit's org — a
 * person who is an active user of the unit or one of its active divisions, never
 * both — and its co-responsible people; the deadline is not before the meeting's
 * day. The names are taken now, as the record shows them from then on.
 */
export async function resolveDecisions(
  trx: Tx,
  unitId: string,
  meetingDay: string,
  input: readonly DecisionInput[],
): Promise<Decision[]> {
  const userIds = new Set<string>();
  const divisionIds = new Set<string>();
  for (const d of input) {
    if (d.responsibleUserId && d.responsibleDivisionId)
      throw new AppError('RESPONSIBLE_INVALID', '责任人与责任处室只能选择其一');
    if (d.responsibleUserId) userIds.add(d.responsibleUserId);
    if (d.responsibleDivisionId) divisionIds.add(d.responsibleDivisionId);
    for (const c of d.coResponsibleIds ?? []) userIds.add(c);
    if (d.deadline && d.deadline < meetingDay)
      throw new AppError('DEADLINE_BEFORE_MEETING', `完成时限不能早于会议日期（${meetingDay}）`);
  }
  const users = userIds.size
    ? await trx
        .selectFrom('users')
        .select(['id', 'display_name'])
        .where('unit_id', '=', unitId)
        .where('active', '=', 1)
        .where('id', 'in', [...userIds])
        .execute()
    : [];
  const divisions = divisionIds.size
    ? await trx
        .selectFrom('divisions')
        .select(['id', 'name'])
        .where('unit_id', '=', unitId)
        .where('active', '=', 1)
        .where('id', 'in', [...divisionIds])
        .execute()
    : [];
  const userName = new Map(users.map((u) => [u.id, u.display_name]));
  const divisionName = new Map(divisions.map((d) => [d.id, d.name]));
  return input.map((d) => {
    const person = d.responsibleUserId ? userName.get(d.responsibleUserId) : undefined;
    const division = d.responsibleDivisionId ? divisionName.get(d.responsibleDivisionId) : undefined;
    if (d.responsibleUserId && person === undefined)
      throw new AppError('RESPONSIBLE_INVALID', '责任人须为本单位在职人员');
    if (d.responsibleDivisionId && division === undefined)
      throw new AppError('RESPONSIBLE_INVALID', '责任处室须为本单位的处室');
    const co = [...new Set(d.coResponsibleIds ?? [])];
    if (co.some((c) => c === d.responsibleUserId)) throw new AppError('RESPONSIBLE_INVALID', '协办人不能同时是责任人');
    const coResponsible = co.map((c) => {
      const name = userName.get(c);
      if (name === undefined) throw new AppError('RESPONSIBLE_INVALID', '协办人须为本单位在职人员');
      return { id: c, name };
    });
    return {
      text: d.text,
      outcome: d.outcome,
      responsible: person ?? division ?? '',
      deadline: d.deadline,
      responsibleUserId: d.responsibleUserId ?? null,
      responsibleDivisionId: d.responsibleDivisionId ?? null,
      ...(coResponsible.length ? { coResponsible } : {}),
      ...(d.note ? { note: d.note } : {}),
    };
  });
}
