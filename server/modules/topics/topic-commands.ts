import { randomUUID } from 'node:crypto';
import { AppError } from '../../../core/errors.js';
import type { Actor } from '../../../core/policy.js';
import type { TopicDto } from '../../../core/contracts/topics.js';
import { impliedBy, MATTER_FLAG_LABELS, type MatterFlag } from '../../../core/settings.js';
import {
  hasWrittenMaterial,
  holdsPower,
  isImportantMatter,
  positionIn,
  topicTransition,
  yuanToFen,
  type TopicAction,
  type TopicStatus,
} from '../../../core/topics.js';
import { audit, auditBy, inTransaction, lock, type Services, type Tx } from '../../platform/services.js';
import { readSettings } from '../../platform/settings/settings.repository.js';
import { getTopicDto, loadDelegations, readableTopic } from './topics.repository.js';
import { topicAbilities } from '../../../core/policies/topic.js';
import { notify, settleNotices } from '../notices/notices.js';
import { updateVersioned } from '../../platform/db/versioned.js';
import { emit } from '../../platform/events.js';

export interface TopicInput {
  title: string;
  description: string;
  category: string;
  matterFlags: MatterFlag[];
  fundsAmountYuan?: string | null | undefined;
  important: boolean;
}

async function validated(trx: Tx, unitId: string, input: TopicInput) {
  const regime = (await readSettings(trx, unitId, 'regime')).value;
  if (!regime.topicCategories.includes(input.category)) {
    throw new AppError('VALIDATION_FAILED', `议题分类“${input.category}”不在本单位的议题内容分类中`);
  }
  const flags = [...new Set(input.matterFlags)];
  const offList = flags.filter((f) => !regime.matterFlags.includes(f));
  if (offList.length > 0) throw new AppError('VALIDATION_FAILED', '包含本单位未启用的事项标注');
  // R2.4 / R4.1 / R1.2: importance is not self-declared — the category implies flags the proposer cannot clear.
  const implied = impliedBy(regime, input.category);
  const missing = implied.matterFlags.filter((f) => !flags.includes(f));
  if (missing.length > 0)
    throw new AppError(
      'MATTER_FLAG_REQUIRED',
      `议题分类“${input.category}”须标注“${missing.map((f) => MATTER_FLAG_LABELS[f]).join('、')}”事项，不能取消`,
      { required: missing },
    );
  const important = input.important || implied.important;
  let fen: number | null = null;
  if (flags.includes('funds')) {
    fen = input.fundsAmountYuan ? yuanToFen(input.fundsAmountYuan) : null;
    if (fen === null) throw new AppError('VALIDATION_FAILED', '涉及资金的议题须填写金额（元）');
  } else if (input.fundsAmountYuan) {
    throw new AppError('VALIDATION_FAILED', '未标注“资金”的议题不填写金额');
  }
  return { flags, fen, regime, important };
}

export async function recordTopicEvent(
  trx: Tx,
  s: Services,
  actor: Actor | null,
  topicId: string,
  unitId: string,
  action: string,
  note: string | null = null,
) {
  // The topic's events are numbered: writers of one topic queue on its row.
  await lock(s, trx, 'topics', topicId);
  const last = await trx
    .selectFrom('topic_events')
    .select((eb) => eb.fn.max('seq').as('m'))
    .where('topic_id', '=', topicId)
    .executeTakeFirst();
  await trx
    .insertInto('topic_events')
    .values({
      id: randomUUID(),
      unit_id: unitId,
      topic_id: topicId,
      seq: Number(last?.m ?? 0) + 1,
      at: s.clock.now().toISOString(),
      actor_id: actor?.userId ?? null,
      actor_name: actor?.displayName ?? '系统',
      action,
      note,
    })
    .execute();
  // R1.3: every change of a topic (text, status, flags, material) records its event: the index follows.
  await emit(s, trx, 'search.stale', { unitId, source: 'topic', id: topicId });
}

/**
 * Creates a topic in one of the actor's divisions. The head's own topic is
 * approved at once (R2.1); anyone else's is a draft to submit (R2.2).
 */
export async function createTopic(
  s: Services,
  actor: Actor,
  divisionId: string,
  input: TopicInput,
  ip: string | null,
): Promise<TopicDto> {
  const position = positionIn(actor, divisionId);
  if (!position) throw new AppError('FORBIDDEN', '只能在本人所在处室提出议题');
  return inTransaction(s, async (trx) => {
    const { flags, fen, important } = await validated(trx, actor.unitId, input);
    const id = randomUUID();
    const now = s.clock.now().toISOString();
    const byHead = position === 'head';
    await trx
      .insertInto('topics')
      .values({
        id,
        unit_id: actor.unitId,
        division_id: divisionId,
        proposer_id: actor.userId,
        title: input.title,
        description: input.description,
        category: input.category,
        matter_flags: JSON.stringify(flags),
        funds_amount_fen: fen,
        important: important ? 1 : 0,
        status: byHead ? 'approved' : 'draft',
        return_reason: null,
        submitted_at: byHead ? now : null,
        decided_by: byHead ? actor.userId : null,
        decided_at: byHead ? now : null,
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await recordTopicEvent(trx, s, actor, id, actor.unitId, byHead ? 'created_by_head' : 'created');
    await audit(s, trx, {
      ...auditBy(actor, ip),
      action: 'topic.create',
      subjectType: 'topic',
      subjectId: id,
      data: { divisionId, title: input.title, status: byHead ? 'approved' : 'draft' },
    });
    return getTopicDto(trx, actor, id);
  });
}

/** Loads, checks the version and the transition, then applies `change`. */
async function transition(
  s: Services,
  actor: Actor,
  id: string,
  version: number,
  action: Extract<TopicAction, 'submit' | 'approve' | 'return' | 'withdraw'>,
  ip: string | null,
  check: (row: Awaited<ReturnType<typeof readableTopic>>, trx: Tx) => Promise<void>,
  extra: Record<string, string | number | null> = {},
  note: string | null = null,
): Promise<TopicDto> {
  return inTransaction(s, async (trx) => {
    // Checks such as R2.4's material count are read under the topic's lock, so no upload or removal slips between.
    await lock(s, trx, 'topics', id);
    const row = await readableTopic(trx, actor, id);
    if (Number(row.version) !== version) throw new AppError('CONFLICT');
    await check(row, trx);
    const next = topicTransition(row.status as TopicStatus, action);
    const now = s.clock.now().toISOString();
    await updateVersioned(trx, 'topics', { id, version }, { status: next, updated_at: now, ...extra });
    await recordTopicEvent(trx, s, actor, id, actor.unitId, action, note);
    await audit(s, trx, {
      ...auditBy(actor, ip),
      action: `topic.${action}`,
      subjectType: 'topic',
      subjectId: id,
      data: { from: row.status, to: next, ...(note ? { note } : {}) },
    });
    if (action === 'submit') {
      // R2.2: whoever may approve is told — the head and authorised deputies, never the proposer.
      const delegations = await loadDelegations(trx, actor.unitId, row.division_id);
      const approvers = await trx
        .selectFrom('memberships')
        .select(['user_id', 'position'])
        .where('division_id', '=', row.division_id)
        .where('position', 'in', ['head', 'deputy'])
        .execute();
      await notify(s, trx, {
        unitId: actor.unitId,
        userIds: approvers
          .filter(
            (m) =>
              m.position === 'head' || delegations.some((d) => d.userId === m.user_id && d.power === 'approve_topics'),
          )
          .map((m) => m.user_id)
          .filter((u) => u !== row.proposer_id),
        kind: 'topic.submitted',
        subjectType: 'topic',
        subjectId: id,
        title: `议题待审核：${row.title}`,
        body: `${actor.displayName}提交了议题“${row.title}”，请审核。`,
      });
    } else {
      // The matter is settled (approved, returned or withdrawn): the approvers' to-do notices are done.
      await settleNotices(s, trx, { subjectType: 'topic', subjectId: id, kinds: ['topic.submitted'] });
    }
    if (action === 'approve' || action === 'return') {
      await notify(s, trx, {
        unitId: actor.unitId,
        userIds: [row.proposer_id],
        kind: `topic.${action}`,
        subjectType: 'topic',
        subjectId: id,
        title: action === 'approve' ? `议题已通过审核：${row.title}` : `议题被退回：${row.title}`,
        body:
          action === 'approve'
            ? `${actor.displayName}已同意将该议题列入处务会议题。${note ? `\n审核意见：${note}` : ''}`
            : `退回理由：${note ?? ''}`,
      });
    }
    return getTopicDto(trx, actor, id);
  });
}

export async function updateTopic(
  s: Services,
  actor: Actor,
  id: string,
  input: TopicInput & { version: number },
  ip: string | null,
): Promise<TopicDto> {
  return inTransaction(s, async (trx) => {
    await lock(s, trx, 'topics', id);
    const row = await readableTopic(trx, actor, id);
    if (row.proposer_id !== actor.userId) throw new AppError('FORBIDDEN', '只有提出人可以修改议题');
    if (Number(row.version) !== input.version)
      throw new AppError('CONFLICT', undefined, { current: await getTopicDto(trx, actor, id) });
    topicTransition(row.status as TopicStatus, 'edit');
    const { flags, fen, important } = await validated(trx, actor.unitId, input);
    await updateVersioned(
      trx,
      'topics',
      { id, version: input.version },
      {
        title: input.title,
        description: input.description,
        category: input.category,
        matter_flags: JSON.stringify(flags),
        funds_amount_fen: fen,
        important: important ? 1 : 0,
        updated_at: s.clock.now().toISOString(),
      },
      () => getTopicDto(trx, actor, id),
    );
    await recordTopicEvent(trx, s, actor, id, actor.unitId, 'edited');
    await audit(s, trx, { ...auditBy(actor, ip), action: 'topic.update', subjectType: 'topic', subjectId: id });
    return getTopicDto(trx, actor, id);
  });
}

/** R2.2 submit; R2.4 a staff-proposed important matter needs written material. */
export function submitTopic(s: Services, actor: Actor, id: string, version: number, ip: string | null) {
  const now = s.clock.now().toISOString();
  return transition(
    s,
    actor,
    id,
    version,
    'submit',
    ip,
    async (row, trx) => {
      if (row.proposer_id !== actor.userId) throw new AppError('FORBIDDEN', '只有提出人可以提交议题');
      const flags = JSON.parse(row.matter_flags) as MatterFlag[];
      if (!isImportantMatter({ important: Number(row.important) === 1, matterFlags: flags })) return;
      const regime = (await readSettings(trx, actor.unitId, 'regime')).value;
      const att = await trx
        .selectFrom('attachments')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('topic_id', '=', id)
        .where('deleted_at', 'is', null)
        .executeTakeFirstOrThrow();
      if (!hasWrittenMaterial(Number(att.n), row.description, regime.writtenStatementMinChars)) {
        throw new AppError(
          'MATERIAL_REQUIRED',
          `重要事项须附书面材料：请上传附件，或在议题说明中写明不少于 ${regime.writtenStatementMinChars} 字的书面说明`,
        );
      }
    },
    { submitted_at: now, return_reason: null },
  );
}

async function requireApprover(
  trx: Tx,
  actor: Actor,
  row: { division_id: string; proposer_id: string },
): Promise<void> {
  const delegations = await loadDelegations(trx, actor.unitId, row.division_id);
  if (!holdsPower(actor, row.division_id, delegations, 'approve_topics')) {
    throw new AppError('FORBIDDEN', '只有处室主要负责人或其授权的负责人可以审核议题');
  }
  // R2.2: nobody approves or returns a topic they proposed; it goes to the head.
  if (row.proposer_id === actor.userId) throw new AppError('SELF_APPROVAL');
}

/** R2.2: the approver agrees, with an optional comment kept in the topic's history and the audit. */
export function approveTopic(
  s: Services,
  actor: Actor,
  id: string,
  version: number,
  ip: string | null,
  comment?: string,
) {
  return transition(
    s,
    actor,
    id,
    version,
    'approve',
    ip,
    (row, trx) => requireApprover(trx, actor, row),
    { decided_by: actor.userId, decided_at: s.clock.now().toISOString() },
    comment || null,
  );
}

export function returnTopic(s: Services, actor: Actor, id: string, version: number, reason: string, ip: string | null) {
  return transition(
    s,
    actor,
    id,
    version,
    'return',
    ip,
    (row, trx) => requireApprover(trx, actor, row),
    { return_reason: reason, decided_by: actor.userId, decided_at: s.clock.now().toISOString() },
    reason,
  );
}

export function withdrawTopic(s: Services, actor: Actor, id: string, version: number, ip: string | null) {
  return transition(s, actor, id, version, 'withdraw', ip, async (row) => {
    // 撤回 is the proposer's; the approver refuses by 退回 (return, with a reason).
    if (row.proposer_id !== actor.userId)
      throw new AppError('FORBIDDEN', '只有提出人可以撤回议题；审核人不同意的，请使用“退回”并说明理由');
    if (row.status === 'draft')
      throw new AppError('INVALID_TRANSITION', '议题尚未提交，无需撤回：草稿仍由您保留，可继续修改');
  });
}

/**
 * R1.2 / R4.1: the approver adds matter flags (and importance) a proposer left
 * out — from submission until the topic is decided; a flag is never removed here.
 */
export async function addTopicFlags(
  s: Services,
  actor: Actor,
  id: string,
  input: { version: number; add: MatterFlag[]; important?: true | undefined; fundsAmountYuan?: string | undefined },
  ip: string | null,
): Promise<TopicDto> {
  return inTransaction(s, async (trx) => {
    await lock(s, trx, 'topics', id);
    const row = await readableTopic(trx, actor, id);
    const delegations = await loadDelegations(trx, actor.unitId, row.division_id);
    const approver = holdsPower(actor, row.division_id, delegations, 'approve_topics');
    const abilities = topicAbilities(
      { userId: actor.userId, approver, isHead: false },
      { status: row.status as TopicStatus, proposerId: row.proposer_id },
    );
    if (!approver) throw new AppError('FORBIDDEN', '只有处室主要负责人或其授权的负责人可以补充事项标注');
    if (!abilities.addFlags) throw new AppError('INVALID_TRANSITION', '议题已研究或未提交，不能补充事项标注');
    if (Number(row.version) !== input.version) throw new AppError('CONFLICT');
    const regime = (await readSettings(trx, actor.unitId, 'regime')).value;
    const before = JSON.parse(row.matter_flags) as MatterFlag[];
    const added = [...new Set(input.add)].filter((f) => !before.includes(f));
    if (added.some((f) => !regime.matterFlags.includes(f)))
      throw new AppError('VALIDATION_FAILED', '包含本单位未启用的事项标注');
    let fen = row.funds_amount_fen === null ? null : Number(row.funds_amount_fen);
    if (added.includes('funds')) {
      fen = input.fundsAmountYuan ? yuanToFen(input.fundsAmountYuan) : null;
      if (fen === null) throw new AppError('VALIDATION_FAILED', '补充“资金”标注时须填写金额（元）');
    }
    const flags = [...before, ...added];
    const important = Number(row.important) === 1 || input.important === true;
    await updateVersioned(
      trx,
      'topics',
      { id, version: input.version },
      {
        matter_flags: JSON.stringify(flags),
        funds_amount_fen: fen,
        important: important ? 1 : 0,
        updated_at: s.clock.now().toISOString(),
      },
    );
    const note = [...added.map((f) => MATTER_FLAG_LABELS[f]), ...(input.important ? ['重要事项'] : [])].join('、');
    await recordTopicEvent(trx, s, actor, id, actor.unitId, 'flags_added', note || null);
    await audit(s, trx, {
      ...auditBy(actor, ip),
      action: 'topic.add_flags',
      subjectType: 'topic',
      subjectId: id,
      data: { added, important },
    });
    return getTopicDto(trx, actor, id);
  });
}
