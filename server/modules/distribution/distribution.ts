import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { Services, Tx } from '../../platform/services.js';
import type { Actor } from '../../../core/policy.js';
import type { WorkingDayCalendar } from '../../../core/calendar/working-days.js';
import { shanghaiDay } from '../../../core/shanghai-time.js';
import {
  deliveryStatus,
  PURPOSE_LABELS,
  type DistributionPurpose,
  type DistributionStatus,
} from '../../../core/distribution.js';
import { readSettings } from '../../platform/settings/settings.repository.js';
import { members, rankFactsOf } from '../org/org.repository.js';
import { inRankOrder } from '../../../core/org.js';
import { RECIPIENT_ROLES, type RegimeSettings } from '../../../core/settings.js';
import { loadCalendar } from '../calendar/calendar.service.js';
import { notify } from '../notices/notices.js';

type Q = Kysely<Database> | Tx;

/** The calendar day a meeting was held (or was to be held) in Asia/Shanghai. */
export function meetingDayOf(m: { starts_at: string; started_at: string | null }): string {
  return shanghaiDay(new Date(m.started_at ?? m.starts_at));
}

/**
 * The meeting's distribution deadline (R5.8–R5.10), created once per held
 * meeting — when it closes, when its minutes are issued, or by the deadline job
 * for a meeting that was never closed. Inserting twice changes nothing.
 */
export async function ensureDistribution(
  s: Services,
  trx: Tx,
  meetingId: string,
  cal?: WorkingDayCalendar,
): Promise<NonNullable<Awaited<ReturnType<typeof distributionRow>>>> {
  const existing = await distributionRow(trx, meetingId);
  if (existing) return existing;
  const m = await trx
    .selectFrom('meetings')
    .select(['id', 'unit_id', 'division_id', 'starts_at', 'started_at'])
    .where('id', '=', meetingId)
    .executeTakeFirstOrThrow();
  const now = s.clock.now().toISOString();
  await trx
    .insertInto('distributions')
    .values({
      meeting_id: m.id,
      unit_id: m.unit_id,
      division_id: m.division_id,
      ...(await deadlineOf(trx, m, cal)),
      status: 'pending',
      minutes_id: null,
      issued_at: null,
      overdue_at: null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('meeting_id').doNothing())
    .execute();
  const row = await distributionRow(trx, meetingId);
  if (!row) throw new Error('distribution row vanished');
  return row;
}

/** A meeting's deadline from the unit's calendar and setting, in the columns of `distributions`. */
export async function deadlineOf(
  db: Q,
  m: { unit_id: string; starts_at: string; started_at: string | null },
  cal?: WorkingDayCalendar,
) {
  const calendar = cal ?? (await loadCalendar(db, m.unit_id));
  const n = (await readSettings(db, m.unit_id, 'regime')).value.distributionWorkingDays;
  const day = meetingDayOf(m);
  const due = calendar.distributionDeadline(day, n);
  return {
    meeting_day: day,
    working_days: n,
    due_date: due.date,
    deadline: due.deadline,
    provisional: due.provisional ? 1 : 0,
  };
}

export function distributionRow(db: Q, meetingId: string) {
  return db.selectFrom('distributions').selectAll().where('meeting_id', '=', meetingId).executeTakeFirst();
}

export interface Recipient {
  purpose: DistributionPurpose;
  role: string;
  userId: string | null;
  divisionId: string | null;
  /** The person's name (report and circulation), for the printed 分送 line. */
  name: string | null;
}

/**
 * Who the minutes of a division's meeting go to, from the unit's regime settings
 * (defaults: the regulation); observers only when the unit's setting says so (R3.4).
 */
export async function recipientsOf(
  trx: Q,
  unitId: string,
  divisionId: string,
  regime: RegimeSettings,
  meetingId: string,
): Promise<Recipient[]> {
  const out: Recipient[] = [];
  if (regime.reportRecipientRoles.length > 0) {
    const roles = await trx
      .selectFrom('unit_roles as r')
      .innerJoin('users as u', 'u.id', 'r.user_id')
      .leftJoin('unit_role_divisions as rd', 'rd.unit_role_id', 'r.id')
      .select(['r.user_id', 'r.role', 'rd.division_id', 'u.display_name'])
      .where('r.unit_id', '=', unitId)
      .where('u.active', '=', 1)
      .where('r.role', 'in', regime.reportRecipientRoles)
      .orderBy('u.username')
      .execute();
    const byUser = new Map<string, { name: string; roles: Set<string> }>();
    for (const r of roles) {
      if (r.role === 'supervising_leader' && r.division_id !== divisionId) continue;
      const v = byUser.get(r.user_id) ?? { name: r.display_name, roles: new Set<string>() };
      v.roles.add(r.role);
      byUser.set(r.user_id, v);
    }
    const rankOf = await rankFactsOf(trx, unitId, divisionId, [...byUser.keys()]);
    const ranked = inRankOrder([...byUser], ([userId, v]) => rankOf(userId, v.name));
    for (const [userId, v] of ranked)
      out.push({
        purpose: 'report',
        role: RECIPIENT_ROLES.filter((r) => v.roles.has(r)).join(','),
        userId,
        divisionId: null,
        name: v.name,
      });
  }
  if (regime.circulateToDivision) {
    for (const m of await members(trx, unitId, divisionId))
      out.push({ purpose: 'circulate', role: 'member', userId: m.user_id, divisionId: null, name: m.display_name });
  }
  if (regime.distributeToObservers) {
    const observers = await trx
      .selectFrom('participants as p')
      .innerJoin('users as u', 'u.id', 'p.user_id')
      .select(['p.user_id', 'u.display_name'])
      .where('p.meeting_id', '=', meetingId)
      .where('p.role', '=', 'observer')
      .where('u.active', '=', 1)
      .execute();
    const rankOf = await rankFactsOf(
      trx,
      unitId,
      divisionId,
      observers.map((o) => o.user_id),
    );
    for (const o of inRankOrder(observers, (x) => rankOf(x.user_id, x.display_name)))
      if (!out.some((r) => r.userId === o.user_id))
        out.push({ purpose: 'circulate', role: 'observer', userId: o.user_id, divisionId: null, name: o.display_name });
  }
  if (regime.fileWithSupervisionOffice) {
    const offices = await trx
      .selectFrom('divisions')
      .select('id')
      .where('unit_id', '=', unitId)
      .where('kind', '=', 'supervision_office')
      .where('active', '=', 1)
      .execute();
    for (const o of offices)
      out.push({ purpose: 'file', role: 'supervision_office', userId: null, divisionId: o.id, name: null });
  }
  return out;
}

/** Everyone who acts for the supervision office (its members). */
export async function supervisionOfficeUsers(db: Q, unitId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('memberships as m')
    .innerJoin('divisions as d', 'd.id', 'm.division_id')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select('m.user_id')
    .where('m.unit_id', '=', unitId)
    .where('d.kind', '=', 'supervision_office')
    .where('u.active', '=', 1)
    .execute();
  return [...new Set(rows.map((r) => r.user_id))];
}

/**
 * Issuing minutes distributes them in the same transaction (R5.8–R5.10): one
 * entry per recipient from the settings of the moment, each with the meeting's
 * deadline; minutes issued after it still go out, marked late. A correction is
 * distributed again to the same circle, due N working days after its own issue.
 */
export async function distributeMinutes(
  s: Services,
  trx: Tx,
  actor: Actor,
  minutes: { id: string; meeting_id: string; division_id: string; revision: number; number: string; title: string },
  recipients: readonly Recipient[],
): Promise<{ status: DistributionStatus; entries: number }> {
  const cal = await loadCalendar(trx, actor.unitId);
  const regime = (await readSettings(trx, actor.unitId, 'regime')).value;
  const dist = await ensureDistribution(s, trx, minutes.meeting_id, cal);
  const now = s.clock.now();
  const nowIso = now.toISOString();
  let due = { date: dist.due_date, deadline: dist.deadline, provisional: Number(dist.provisional) === 1 };
  let status = dist.status as DistributionStatus;
  if (minutes.revision === 0) {
    status = deliveryStatus(due.deadline, nowIso);
    await trx
      .updateTable('distributions')
      .set({ status, minutes_id: minutes.id, issued_at: nowIso, updated_at: nowIso })
      .where('meeting_id', '=', minutes.meeting_id)
      .execute();
  } else {
    due = cal.distributionDeadline(shanghaiDay(now), regime.distributionWorkingDays);
    await trx
      .updateTable('distributions')
      .set({ minutes_id: minutes.id, updated_at: nowIso })
      .where('meeting_id', '=', minutes.meeting_id)
      .execute();
  }
  if (recipients.length > 0)
    await trx
      .insertInto('distribution_entries')
      .values(
        recipients.map((r) => ({
          id: randomUUID(),
          unit_id: actor.unitId,
          minutes_id: minutes.id,
          meeting_id: minutes.meeting_id,
          purpose: r.purpose,
          recipient_role: r.role,
          recipient_id: r.userId,
          recipient_division_id: r.divisionId,
          due_date: due.date,
          deadline: due.deadline,
          provisional: due.provisional ? 1 : 0,
          sent_at: nowIso,
          // The head who signs has read what they signed.
          read_at: r.userId === actor.userId ? nowIso : null,
          received_at: null,
          received_by: null,
          created_at: nowIso,
        })),
      )
      .execute();
  const heading = `${minutes.number}（${minutes.title}）`;
  for (const purpose of ['report', 'circulate'] as const) {
    const userIds = recipients
      .filter((r) => r.purpose === purpose && r.userId && r.userId !== actor.userId)
      .map((r) => r.userId as string);
    await notify(s, trx, {
      unitId: actor.unitId,
      userIds,
      kind: 'minutes.distributed',
      subjectType: 'minutes',
      subjectId: minutes.id,
      title: `${PURPOSE_LABELS[purpose]}：${heading}`,
      body: `会议纪要${heading}已印发，请查阅并确认“已阅”。${status === 'late' ? '（本纪要超过分送时限印发）' : ''}`,
    });
  }
  if (recipients.some((r) => r.purpose === 'file'))
    await notify(s, trx, {
      unitId: actor.unitId,
      userIds: await supervisionOfficeUsers(trx, actor.unitId),
      kind: 'minutes.filed',
      subjectType: 'minutes',
      subjectId: minutes.id,
      title: `${PURPOSE_LABELS.file}：${heading}`,
      body: `会议纪要${heading}已报监察室备案，请签收。`,
    });
  return { status, entries: recipients.length };
}

/**
 * After the calendar changed on the days `from`…`to`: a deadline can only move
 * (or lose its provisional mark) when a changed day lies between its meeting day
 * and its due date, so exactly those are computed again — issued or not; the
 * status follows (an issue that was on time against a provisional deadline may
 * turn late, and the other way round). Returns how many meetings' deadlines changed.
 */
export async function recomputeDeadlines(
  s: Services,
  trx: Tx,
  unitId: string,
  range: { from: string; to: string },
): Promise<number> {
  const cal = await loadCalendar(trx, unitId);
  const nowIso = s.clock.now().toISOString();
  const rows = await trx
    .selectFrom('distributions')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('meeting_day', '<', range.to)
    .where('due_date', '>=', range.from)
    .execute();
  let changed = 0;
  for (const d of rows) {
    const due = cal.distributionDeadline(d.meeting_day, Number(d.working_days));
    const provisional = due.provisional ? 1 : 0;
    if (due.deadline === d.deadline && provisional === Number(d.provisional)) continue;
    changed++;
    const status = d.issued_at
      ? deliveryStatus(due.deadline, d.issued_at)
      : due.deadline < nowIso
        ? 'overdue'
        : 'pending';
    await trx
      .updateTable('distributions')
      .set({
        due_date: due.date,
        deadline: due.deadline,
        provisional,
        status,
        overdue_at: status === 'overdue' ? (d.overdue_at ?? nowIso) : null,
        updated_at: nowIso,
      })
      .where('meeting_id', '=', d.meeting_id)
      .execute();
    await trx
      .updateTable('distribution_entries')
      .set({ due_date: due.date, deadline: due.deadline, provisional })
      .where('meeting_id', '=', d.meeting_id)
      .where('deadline', '=', d.deadline)
      .execute();
  }
  // Corrections carry their own deadline, counted from their issue day.
  const corrections = await trx
    .selectFrom('distribution_entries as e')
    .innerJoin('minutes as m', 'm.id', 'e.minutes_id')
    .select(['e.minutes_id', 'm.issued_at'])
    .distinct()
    .where('e.unit_id', '=', unitId)
    .where('m.revision', '>', 0)
    .where('e.due_date', '>=', range.from)
    .execute();
  const n = (await readSettings(trx, unitId, 'regime')).value.distributionWorkingDays;
  for (const c of corrections) {
    if (!c.issued_at || shanghaiDay(new Date(c.issued_at)) >= range.to) continue;
    const due = cal.distributionDeadline(shanghaiDay(new Date(c.issued_at)), n);
    await trx
      .updateTable('distribution_entries')
      .set({ due_date: due.date, deadline: due.deadline, provisional: due.provisional ? 1 : 0 })
      .where('minutes_id', '=', c.minutes_id)
      .execute();
  }
  return changed;
}
