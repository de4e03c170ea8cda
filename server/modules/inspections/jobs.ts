import { sql } from 'kysely';
import { dateCn } from '../../../core/record.js';
import { shanghaiDay, shanghaiMinuteOfDay } from '../../../core/shanghai-time.js';
import { overdueBefore, workingDaysBetween } from '../../../core/tracking.js';
import { once, type Job } from '../../platform/jobs/scheduler.js';
import { readSettings } from '../../platform/settings/settings.repository.js';
import { lock, type Services, type Tx } from '../../platform/services.js';
import { loadCalendar } from '../calendar/calendar.service.js';
import { divisionHeads, REMIND_FROM_MINUTES } from '../distribution/jobs.js';
import { supervisionOfficeUsers } from '../distribution/distribution.js';
import { notifyEach } from '../notices/notices.js';
import { supervisingLeadersOf } from '../tracking/tracking.repository.js';
import { activePeople } from '../tracking/tracking-jobs.repository.js';
import { addFindingEvent, findingRow, type FindingRow } from './inspections.repository.js';

/**
 * Overdue rectifications (R6.4) escalate by the same machinery as the 督办 jobs:
 * on the unit's working days from 09:00 Asia/Shanghai, once per finding and
 * deadline (a returned report's new deadline gets its own), each claim written
 * on the finding's timeline with its recipients in the claim's transaction.
 * Overdue: from the first working day after the deadline, the head and the
 * supervising leaders and the supervision office. Escalated: after the unit's
 * escalation working days, the principal leaders and the discipline secretary.
 */

const BATCH = 500;

async function principalsAndDiscipline(trx: Tx, unitId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('unit_roles')
    .select('user_id')
    .where('unit_id', '=', unitId)
    .where('role', 'in', ['principal_leader', 'discipline_secretary'])
    .execute();
  return rows.map((r) => r.user_id);
}

interface Spec {
  job: string;
  kind: 'overdue' | 'escalated';
  before(cal: Awaited<ReturnType<typeof loadCalendar>>, today: string, escalationDays: number): string;
  recipients(trx: Tx, row: FindingRow): Promise<string[]>;
  title(row: FindingRow): string;
  event(names: string): string;
}

const overdue: Spec = {
  job: 'inspection.overdue',
  kind: 'overdue',
  before: (cal, today) => overdueBefore(cal, today, 1),
  recipients: async (trx, row) => [
    ...(await divisionHeads(trx, row.division_id)),
    ...(await supervisingLeadersOf(trx, row.unit_id, row.division_id)),
    ...(await supervisionOfficeUsers(trx, row.unit_id)),
  ],
  title: (row) => `整改逾期：${row.division_name}（${row.clause}）`,
  event: (names) => `整改逾期通知已发送：${names}`,
};

const escalated: Spec = {
  job: 'inspection.escalate',
  kind: 'escalated',
  before: (cal, today, n) => overdueBefore(cal, today, n),
  recipients: async (trx, row) => [
    ...(await principalsAndDiscipline(trx, row.unit_id)),
    ...(await supervisionOfficeUsers(trx, row.unit_id)),
  ],
  title: (row) => `整改逾期未完成（报局领导）：${row.division_name}（${row.clause}）`,
  event: (names) => `整改逾期未完成，已报局主要领导、局纪委书记和监察室：${names}`,
};

function rectificationJob(spec: Spec): Job {
  return {
    name: spec.job,
    async run(s: Services, now: Date) {
      if (shanghaiMinuteOfDay(now) < REMIND_FROM_MINUTES) return 0;
      const today = shanghaiDay(now);
      let n = 0;
      for (const { unit_id: unitId } of await s.db.kysely.selectFrom('units').select('unit_id').execute()) {
        const cal = await loadCalendar(s.db.kysely, unitId);
        if (!cal.isWorkday(today)) continue;
        const regime = (await readSettings(s.db.kysely, unitId, 'regime')).value;
        const before = spec.before(cal, today, regime.trackingEscalationWorkingDays);
        const due = await s.db.kysely
          .selectFrom('inspection_findings as f')
          .select(['f.id', 'f.deadline'])
          .where('f.unit_id', '=', unitId)
          .where('f.state', '=', 'notified')
          .where('f.deadline', 'is not', null)
          .where('f.deadline', '<', before)
          .where(
            sql<boolean>`not exists (select 1 from job_claims c where c.key = ${`${spec.job}:`} || f.id || ':' || f.deadline)`,
          )
          .orderBy('f.deadline')
          .orderBy('f.id')
          .limit(BATCH)
          .execute();
        for (const d of due) {
          const done = await once(s, spec.job, `${d.id}:${d.deadline}`, unitId, async (trx) => {
            await lock(s, trx, 'inspection_findings', d.id);
            const row = await findingRow(trx, unitId, d.id);
            if (!row || row.state !== 'notified' || row.deadline !== d.deadline) return;
            const people = await activePeople(trx, await spec.recipients(trx, row));
            if (people.length === 0) return;
            const deadline = row.deadline ?? today;
            const late = workingDaysBetween(cal, deadline, today);
            const sent = await notifyEach(s, trx, {
              unitId,
              userIds: people.map((p) => p.id),
              kind: `inspection.${spec.kind}`,
              subjectType: 'inspection_finding',
              subjectId: row.id,
              title: spec.title(row),
              body: `专项检查“${row.inspection_title}”发现的问题（${row.clause}）“${row.description.slice(0, 120)}”，整改期限为 ${dateCn(deadline)}，已逾期 ${late} 个工作日，${row.division_name}尚未报送整改报告。`,
            });
            await addFindingEvent(trx, {
              unitId,
              findingId: row.id,
              kind: spec.kind,
              actorId: null,
              text: spec.event(people.map((p) => p.name).join('、')),
              data: { deadline: row.deadline, recipients: sent },
              at: now.toISOString(),
            });
          });
          if (done) n++;
        }
      }
      return n;
    },
  };
}

export const INSPECTION_JOBS: readonly Job[] = [rectificationJob(overdue), rectificationJob(escalated)];
