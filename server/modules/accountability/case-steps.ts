import type { CaseDetailDto } from '../../../core/contracts/accountability.js';
import { AppError } from '../../../core/errors.js';
import type { Actor } from '../../../core/policy.js';
import { CASE_STATUS_LABELS } from '../../../core/accountability.js';
import { shanghaiDay } from '../../../core/shanghai-time.js';
import { readSettings } from '../../platform/settings/settings.repository.js';
import type { Services, Tx } from '../../platform/services.js';
import { notify } from '../notices/notices.js';
import { runStep, type StepSpec } from './case-step.js';
import { addCaseEvent, checkSubjects, setSubjects, updateCase } from './accountability.repository.js';
import { viewCase } from './view-case.js';

const HANDLERS_ONLY = '问责案件由监察室或局纪委书记办理';
const full = (s: Services, actor: Actor, id: string) => (trx: Tx) => viewCase(s, actor, id, trx);

/** A measure of the unit's list (处理意见 and 决定), or 422. */
async function checkMeasure(trx: Tx, unitId: string, measure: string): Promise<void> {
  const regime = (await readSettings(trx, unitId, 'regime')).value;
  if (!regime.accountabilityMeasures.includes(measure))
    throw new AppError(
      'CASE_MEASURE_INVALID',
      `处理意见须从本单位设定的效能问责措施中选择：${regime.accountabilityMeasures.join('、')}`,
    );
}

function spec(ability: StepSpec['ability'], refused: string): StepSpec {
  return { ability, forbidden: HANDLERS_ONLY, refused };
}

/** 线索登记 → 初核. */
export function startPreliminary(
  s: Services,
  actor: Actor,
  id: string,
  input: { version: number; note: string },
  ip: string | null,
): Promise<CaseDetailDto> {
  return runStep(
    s,
    actor,
    id,
    input.version,
    ip,
    spec('preliminary', '只有登记的线索可以开始初核'),
    async ({ trx, row, at }) => {
      await updateCase(trx, row, { status: 'preliminary' }, at);
      await addCaseEvent(trx, { unitId: actor.unitId, caseId: id, kind: 'preliminary', actor, text: input.note, at });
      return { action: 'case.preliminary', to: 'preliminary' };
    },
    full(s, actor, id),
  );
}

/** 初核 → 立案; the persons concerned may be named anew. */
export function fileCase(
  s: Services,
  actor: Actor,
  id: string,
  input: { version: number; note: string; subjectIds?: string[] | undefined },
  ip: string | null,
): Promise<CaseDetailDto> {
  return runStep(
    s,
    actor,
    id,
    input.version,
    ip,
    spec('file', '只有初核中的案件可以立案'),
    async ({ trx, row, at }) => {
      if (input.subjectIds) {
        const ids = await checkSubjects(trx, actor, input.subjectIds);
        await setSubjects(trx, actor.unitId, id, ids, at);
      }
      await updateCase(trx, row, { status: 'filed' }, at);
      await addCaseEvent(trx, {
        unitId: actor.unitId,
        caseId: id,
        kind: 'file',
        actor,
        text: input.note,
        data: input.subjectIds ? { subjectIds: input.subjectIds } : {},
        at,
      });
      return { action: 'case.file', to: 'filed' };
    },
    full(s, actor, id),
  );
}

/** 初核 → 不予立案, with the reason; the breach may be taken up again by a new case. */
export function dismissCase(
  s: Services,
  actor: Actor,
  id: string,
  input: { version: number; reason: string },
  ip: string | null,
): Promise<CaseDetailDto> {
  return runStep(
    s,
    actor,
    id,
    input.version,
    ip,
    spec('dismiss', '只有初核中的案件可以不予立案'),
    async ({ trx, row, at }) => {
      await updateCase(trx, row, { status: 'dismissed', closed: 1, dismiss_reason: input.reason }, at);
      await addCaseEvent(trx, { unitId: actor.unitId, caseId: id, kind: 'dismiss', actor, text: input.reason, at });
      return { action: 'case.dismiss', to: 'dismissed' };
    },
    full(s, actor, id),
  );
}

/** 立案 → 调查: the persons concerned are told (in-app, and by e-mail when it is on) and asked for a statement. */
export function investigateCase(
  s: Services,
  actor: Actor,
  id: string,
  input: { version: number; notice: string },
  ip: string | null,
): Promise<CaseDetailDto> {
  return runStep(
    s,
    actor,
    id,
    input.version,
    ip,
    {
      ability: 'investigate',
      forbidden: HANDLERS_ONLY,
      refused: (f) =>
        f.status === 'filed' && f.subjectIds.length === 0
          ? ['CASE_SUBJECT_REQUIRED', '尚未明确当事人，不能启动调查（请在立案时指定当事人）']
          : ['INVALID_TRANSITION', '只有已立案的案件可以启动调查'],
    },
    async ({ trx, row, at, subjects }) => {
      await updateCase(trx, row, { status: 'investigating', notice_text: input.notice, notified_at: at }, at);
      await addCaseEvent(trx, {
        unitId: actor.unitId,
        caseId: id,
        kind: 'investigate',
        actor,
        text: input.notice,
        data: { notified: subjects.map((p) => p.name) },
        at,
      });
      await notify(s, trx, {
        unitId: actor.unitId,
        userIds: subjects.map((p) => p.id),
        kind: 'case.notice',
        subjectType: 'case_notice',
        subjectId: id,
        title: '问责调查通知',
        body: `${input.notice}\n\n请在“我的问责通知”中查看并提交书面说明或申辩。`,
      });
      return { action: 'case.investigate', to: 'investigating' };
    },
    full(s, actor, id),
  );
}

/** 调查 → 处理意见: a measure from the unit's list, with its reasons. */
export function proposeMeasure(
  s: Services,
  actor: Actor,
  id: string,
  input: { version: number; measure: string; reason: string },
  ip: string | null,
): Promise<CaseDetailDto> {
  return runStep(
    s,
    actor,
    id,
    input.version,
    ip,
    spec('propose', '只有调查中的案件可以提出处理意见'),
    async ({ trx, row, at }) => {
      await checkMeasure(trx, actor.unitId, input.measure);
      await updateCase(
        trx,
        row,
        { status: 'proposed', proposed_measure: input.measure, proposal_reason: input.reason, proposed_at: at },
        at,
      );
      await addCaseEvent(trx, {
        unitId: actor.unitId,
        caseId: id,
        kind: 'propose',
        actor,
        text: input.reason,
        data: { measure: input.measure },
        at,
      });
      return { action: 'case.propose', to: 'proposed' };
    },
    full(s, actor, id),
  );
}

/**
 * 处理意见 → 决定: who decided, on which day, at which meeting (one of the
 * unit's meetings or a free reference), and the measure. The discipline
 * secretary or a principal leader records it; the persons concerned are told.
 */
export function decideCase(
  s: Services,
  actor: Actor,
  id: string,
  input: {
    version: number;
    measure: string;
    decidedBy: string;
    decidedOn: string;
    meetingId?: string | undefined;
    meetingReference: string;
    text: string;
  },
  ip: string | null,
): Promise<CaseDetailDto> {
  return runStep(
    s,
    actor,
    id,
    input.version,
    ip,
    {
      ability: 'decide',
      forbidden: '处理决定由局纪委书记或局主要领导记录',
      refused: '只有已提出处理意见的案件可以记录处理决定',
    },
    async ({ trx, row, at, today, subjects }) => {
      await checkMeasure(trx, actor.unitId, input.measure);
      if (input.decidedOn > today) throw new AppError('VALIDATION_FAILED', '决定日期不能晚于今天');
      let reference = input.meetingReference;
      if (input.meetingId) {
        const m = await trx
          .selectFrom('meetings as m')
          .innerJoin('divisions as d', 'd.id', 'm.division_id')
          .select(['m.title', 'm.starts_at', 'm.started_at', 'd.name'])
          .where('m.unit_id', '=', actor.unitId)
          .where('m.id', '=', input.meetingId)
          .executeTakeFirst();
        if (!m) throw new AppError('VALIDATION_FAILED', '所选会议不存在');
        if (!reference) reference = `${m.name} ${shanghaiDay(new Date(m.started_at ?? m.starts_at))} ${m.title}`;
      }
      await updateCase(
        trx,
        row,
        {
          status: 'decided',
          decided_measure: input.measure,
          decided_by: input.decidedBy,
          decided_on: input.decidedOn,
          decision_meeting_id: input.meetingId ?? null,
          decision_reference: reference,
          decision_text: input.text,
          decision_recorded_by: actor.userId,
          decided_at: at,
        },
        at,
      );
      await addCaseEvent(trx, {
        unitId: actor.unitId,
        caseId: id,
        kind: 'decide',
        actor,
        text: input.text,
        data: {
          measure: input.measure,
          decidedBy: input.decidedBy,
          decidedOn: input.decidedOn,
          meetingReference: reference,
        },
        at,
      });
      await notify(s, trx, {
        unitId: actor.unitId,
        userIds: subjects.map((p) => p.id),
        kind: 'case.decision',
        subjectType: 'case_notice',
        subjectId: id,
        title: '问责处理决定',
        body: `经${input.decidedBy}（${reference}）于 ${input.decidedOn} 决定：${input.measure}。${input.text}`,
      });
      return { action: 'case.decide', to: 'decided' };
    },
    full(s, actor, id),
  );
}

/** 决定 (or 不予立案) → 归档. */
export function archiveCase(
  s: Services,
  actor: Actor,
  id: string,
  input: { version: number; note: string },
  ip: string | null,
): Promise<CaseDetailDto> {
  return runStep(
    s,
    actor,
    id,
    input.version,
    ip,
    spec('archive', `只有${CASE_STATUS_LABELS.decided}或${CASE_STATUS_LABELS.dismissed}的案件可以归档`),
    async ({ trx, row, at }) => {
      await updateCase(trx, row, { status: 'archived', closed: 1, archived_at: at }, at);
      await addCaseEvent(trx, { unitId: actor.unitId, caseId: id, kind: 'archive', actor, text: input.note, at });
      return { action: 'case.archive', to: 'archived' };
    },
    full(s, actor, id),
  );
}
