import type { TrackingDetailDto, TrackingItemDto } from '../../../core/contracts/tracking.js';
import type { Actor } from '../../../core/policy.js';
import { trackingAbilities, type ItemFacts } from '../../../core/policies/tracking.js';
import type { MatterFlag, RegimeSettings } from '../../../core/settings.js';
import { lightOf } from '../../../core/tracking.js';
import type { WorkingDayCalendar } from '../../../core/calendar/working-days.js';
import { coResponsibleOf, recipientsOf, type ItemRow, type timelineOf } from './tracking.repository.js';

/** What every item's lights are computed against: the unit's calendar, today and its settings. */
export interface LightContext {
  cal: WorkingDayCalendar;
  today: string;
  regime: Pick<RegimeSettings, 'trackingDueSoonWorkingDays' | 'trackingStalledWorkingDays'>;
}

export function itemDto(actor: Actor, row: ItemRow, facts: ItemFacts, ctx: LightContext): TrackingItemDto {
  const l = lightOf(
    ctx.cal,
    ctx.today,
    {
      dueSoonWorkingDays: ctx.regime.trackingDueSoonWorkingDays,
      stalledWorkingDays: ctx.regime.trackingStalledWorkingDays,
    },
    { status: row.status, deadline: row.deadline, lastActivityDay: row.last_activity_day },
  );
  const years = [ctx.today, row.deadline].filter((d): d is string => !!d).map((d) => Number(d.slice(0, 4)));
  return {
    id: row.id,
    version: Number(row.version),
    status: row.status,
    light: l.light,
    stalled: l.stalled,
    overdueWorkingDays: l.overdueWorkingDays,
    provisional: l.light !== null && years.some((y) => !ctx.cal.isPublished(y)),
    sourceMinutesId: row.source_minutes_id,
    sourceNumber: row.source_number,
    sourceMeetingId: row.source_meeting_id,
    sourceDivisionId: row.source_division_id,
    sourceDivisionName: row.source_division_name,
    topicId: row.topic_id,
    topicTitle: row.topic_title,
    decisionText: row.decision_text,
    wording: row.wording,
    divisionId: row.division_id,
    divisionName: row.division_name,
    responsibleUserId: row.responsible_user_id,
    responsibleDivisionId: row.responsible_division_id,
    responsibleName: row.responsible_name,
    coResponsible: coResponsibleOf(row),
    note: row.note,
    needsCompletion: Number(row.needs_completion) === 1,
    originalDeadline: row.original_deadline,
    deadline: row.deadline,
    extensions: Number(row.extensions),
    matterFlags: JSON.parse(row.matter_flags) as MatterFlag[],
    sampled: Number(row.sampled) === 1,
    terminationReference: row.termination_reference,
    lastActivityDay: row.last_activity_day,
    createdAt: row.created_at,
    closedAt: row.closed_at,
    abilities: trackingAbilities(actor, facts).now,
  };
}

export function detailDto(base: TrackingItemDto, t: Awaited<ReturnType<typeof timelineOf>>): TrackingDetailDto {
  return {
    ...base,
    timeline: t.events.map((e) => ({
      id: e.id,
      kind: e.kind,
      actorId: e.actor_id,
      actorName: e.actor_name,
      text: e.text,
      data: JSON.parse(e.data) as Record<string, unknown>,
      attachments: t.files
        .filter((f) => f.event_id === e.id)
        .map((f) => ({ id: f.id, filename: f.filename, size: Number(f.size), fileType: f.file_type })),
      receipts: recipientsOf(e.data).map((r) => ({
        userId: r.userId,
        name: r.name,
        readAt: t.reads.get(r.noticeId) ?? null,
      })),
      at: e.created_at,
    })),
    extensionRequests: t.extensions.map((x) => ({
      id: x.id,
      requestedBy: x.requester,
      reason: x.reason,
      fromDeadline: x.from_deadline,
      newDeadline: x.new_deadline,
      status: x.status,
      decidedBy: x.decider,
      decidedAt: x.decided_at,
      note: x.note,
      createdAt: x.created_at,
    })),
  };
}
