import type { Kysely } from 'kysely';
import type { CaseDetailDto, CaseNoticeDto } from '../../../core/contracts/accountability.js';
import { AppError } from '../../../core/errors.js';
import { can, type Actor } from '../../../core/policy.js';
import { caseAbilities } from '../../../core/policies/accountability.js';
import type { Database } from '../../platform/db/schema.js';
import type { PageRequest } from '../../platform/db/cursor.js';
import { readSettings } from '../../platform/settings/settings.repository.js';
import type { Services, Tx } from '../../platform/services.js';
import { detailDto, noticeDto, summaryDto } from './accountability.presenter.js';
import {
  casePage,
  caseRow,
  factsOf,
  noticePage,
  subjectsOf,
  timelineOf,
  type CaseFilter,
} from './accountability.repository.js';

type Q = Kysely<Database> | Tx;
const UNSEEN = '问责案件不存在或无权查看';

/**
 * A case the actor may see in some way, or 404 — the same answer whether it
 * does not exist or is not theirs to know of (the three administrators, anyone
 * not concerned, a person concerned not yet told).
 */
export async function visibleCase(db: Q, actor: Actor, id: string) {
  const row = await caseRow(db, actor.unitId, id);
  if (!row) throw new AppError('NOT_FOUND', UNSEEN);
  const subjects = (await subjectsOf(db, actor.unitId, [id])).get(id) ?? [];
  const facts = factsOf(
    row,
    subjects.map((p) => p.id),
  );
  const abilities = caseAbilities(actor, facts);
  if (!abilities.access) throw new AppError('NOT_FOUND', UNSEEN);
  return { row, subjects, facts, abilities };
}

/** The whole case (R6.3): for those who see cases; a person concerned sees it only as their notice (403). */
export async function viewCase(s: Services, actor: Actor, id: string, db: Q = s.db.kysely): Promise<CaseDetailDto> {
  const { row, subjects, abilities } = await visibleCase(db, actor, id);
  if (abilities.access !== 'full')
    throw new AppError('FORBIDDEN', '当事人只能查看本人的问责通知、说明或申辩和处理决定');
  const [t, regime] = await Promise.all([timelineOf(db, actor.unitId, id), readSettings(db, actor.unitId, 'regime')]);
  return detailDto(row, subjects, t, regime.value.accountabilityMeasures, abilities.now);
}

/** 我的问责通知: one case as its person concerned reads it; anyone else 404. */
export async function viewNotice(s: Services, actor: Actor, id: string, db: Q = s.db.kysely): Promise<CaseNoticeDto> {
  const { row, abilities } = await visibleCase(db, actor, id);
  if (abilities.access !== 'concerned') throw new AppError('NOT_FOUND', UNSEEN);
  return noticeDto(row, actor.userId, await timelineOf(db, actor.unitId, id), abilities.now);
}

/** The unit's cases, filtered and paged, for those who see cases; anyone else 404 (the list does not exist for them). */
export async function listCases(s: Services, actor: Actor, f: CaseFilter & PageRequest) {
  if (!can(actor, 'case.read')) throw new AppError('NOT_FOUND', UNSEEN);
  const page = await casePage(s.db.kysely, actor, f);
  const subjects = await subjectsOf(
    s.db.kysely,
    actor.unitId,
    page.items.map((r) => r.id),
  );
  return { items: page.items.map((r) => summaryDto(r, subjects.get(r.id) ?? [])), nextCursor: page.nextCursor };
}

/** The actor's own notices, newest first: empty for almost everybody. */
export async function listMyCases(s: Services, actor: Actor, page: PageRequest) {
  const db = s.db.kysely;
  const rows = await noticePage(db, actor, page);
  const subjects = await subjectsOf(
    db,
    actor.unitId,
    rows.items.map((r) => r.id),
  );
  const items: CaseNoticeDto[] = [];
  for (const r of rows.items) {
    const ids = (subjects.get(r.id) ?? []).map((p) => p.id);
    const abilities = caseAbilities(actor, factsOf(r, ids));
    if (abilities.access === 'concerned')
      items.push(noticeDto(r, actor.userId, await timelineOf(db, actor.unitId, r.id), abilities.now));
  }
  return { items, nextCursor: rows.nextCursor };
}
