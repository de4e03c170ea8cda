import type { Actor } from '../../../core/policy.js';
import { holdsPower } from '../../../core/topics.js';
import { shanghaiDayOfMonth, shanghaiMonth } from '../../../core/shanghai-time.js';
import type { Services } from '../../platform/services.js';
import { countUnreadNotices } from '../notices/notices.repository.js';
import { memoDelegations } from '../topics/topics.repository.js';
import { monthlyTally } from '../meetings/monthly.repository.js';
import { countOpenFilings, countOpenReading } from '../distribution/inbox.repository.js';
import {
  meetingsToAttend,
  meetingsToRecord,
  minutesDue,
  pendingLeave,
  topicsToApprove,
} from './workbench.repository.js';
import { workbenchDto } from './workbench.presenter.js';
import { trackingCounts } from '../tracking/list-items.js';
import { rectificationCounts } from '../inspections/view-inspections.js';

/** 工作台: what waits on the actor, list by list. */
export async function loadWorkbench(s: Services, actor: Actor) {
  const now = s.clock.now();
  const k = s.db.kysely;
  const leaderOf = actor.memberships.filter((m) => m.position !== 'staff').map((m) => m.divisionId);
  const approveIn: string[] = [];
  for (const d of leaderOf)
    if (holdsPower(actor, d, await memoDelegations(s.db, actor.unitId, d), 'approve_topics')) approveIn.push(d);
  const headOf = actor.memberships.filter((m) => m.position === 'head').map((m) => m.divisionId);
  const offices = actor.memberships.filter((m) => m.divisionKind === 'supervision_office').map((m) => m.divisionId);
  // R3.5: after the 20th, a head whose division has not yet met the unit's monthly number is reminded.
  const heads = actor.memberships.filter((x) => x.position === 'head' && x.divisionKind !== 'leadership');
  const remind = heads.length > 0 && shanghaiDayOfMonth(now) > 20;

  const [topics, leaves, meetings, unread, tally, toRead, toSign, due, toRecord, tracking, rectifications] =
    await Promise.all([
      topicsToApprove(k, actor, approveIn),
      pendingLeave(k, actor.unitId),
      meetingsToAttend(k, actor.unitId, actor.userId, new Date(now.getTime() - 86400_000).toISOString()),
      countUnreadNotices(k, actor.unitId, actor.userId),
      remind
        ? monthlyTally(
            k,
            actor.unitId,
            heads.map((m) => ({ id: m.divisionId, name: m.divisionName })),
            shanghaiMonth(now),
            now,
          )
        : Promise.resolve([]),
      countOpenReading(k, actor),
      countOpenFilings(k, actor.unitId, offices),
      minutesDue(k, actor, headOf),
      meetingsToRecord(k, actor),
      trackingCounts(s, actor),
      rectificationCounts(s, actor),
    ]);
  return workbenchDto({
    topics,
    // Leave is decided by the division head, or by the chair when the head asks for it.
    leaves: leaves.filter((l) => (l.user_id === l.head_id ? l.chair_id : l.head_id) === actor.userId),
    meetings,
    unread,
    reminders: tally.filter((d) => d.verdict !== 'met'),
    toRead,
    toSign,
    due,
    toRecord,
    tracking,
    rectifications,
  });
}
