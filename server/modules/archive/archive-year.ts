import { randomUUID } from 'node:crypto';
import { appraisalDueDay } from '../../../core/archive.js';
import type { ArchiveDetailDto } from '../../../core/contracts/archive.js';
import { AppError } from '../../../core/errors.js';
import { can, type Actor } from '../../../core/policy.js';
import { shanghaiDay } from '../../../core/shanghai-time.js';
import { verifyPackage } from '../../documents/archive/verify-package.js';
import { audit, auditBy, inTransaction, lock, type Services } from '../../platform/services.js';
import { readSettings } from '../../platform/settings/settings.repository.js';
import {
  archiveOf,
  decisionsOf,
  divisionCode,
  divisionRow,
  insertArchive,
  insertDivisionCode,
  insertItems,
  itemsOf,
  lockMeetings,
  pastNumberingPatterns,
  unitName,
} from './archive.repository.js';
import { detailDto } from './archive.presenter.js';
import { blockersOf, factsDigest, gatherYear } from './gather-year.js';
import { packYear } from './pack-year.js';

export const UNSEEN = '档案不存在或无权查看';

/** 404 for whoever may not read the archive; 403 for a reader (the supervision office) who may not keep it. */
export function requireKeeper(actor: Actor): void {
  if (!can(actor, 'archive.read')) throw new AppError('NOT_FOUND', UNSEEN);
  if (!can(actor, 'archive.manage')) throw new AppError('FORBIDDEN', '归档和到期鉴定由办公室办理');
}

export function requireReader(actor: Actor): void {
  if (!can(actor, 'archive.read')) throw new AppError('NOT_FOUND', UNSEEN);
}

/**
 * R5.7 / R1.3: the general office archives a division's year once it has ended and all of it is
 * issued: no meeting of the year without issued minutes, no correction pending, no tracked item
 * of the year's minutes still open (its outcome is what is archived). The package is packed and
 * checked (四性检测) first, outside the transaction (rendering takes seconds); a package that fails
 * is not kept (422 with the report). Then, in one transaction under the division's lock and the
 * year's meetings' locks, the facts are read again and must be exactly those packed (else 409),
 * the archive and its items are recorded and audited. From then on the year's records are
 * read-only (platform/archive-lock.ts). A second archiving of the same year is 409 ALREADY_ARCHIVED.
 */
export async function archiveYear(
  s: Services,
  actor: Actor,
  input: { divisionId: string; year: number },
  ip: string | null,
): Promise<ArchiveDetailDto> {
  requireKeeper(actor);
  const db = s.db.kysely;
  const division = await divisionRow(db, actor.unitId, input.divisionId);
  if (!division || division.kind === 'leadership') throw new AppError('NOT_FOUND', '处室不存在');
  const now = s.clock.now();
  const thisYear = Number(shanghaiDay(now).slice(0, 4));
  if (input.year >= thisYear) throw new AppError('ARCHIVE_YEAR_OPEN', `${input.year} 年度尚未结束，年度归档在次年进行`);
  const exists = await archiveOf(db, actor.unitId, input.divisionId, input.year);
  if (exists)
    throw new AppError(
      'ALREADY_ARCHIVED',
      `${division.name} ${input.year} 年度已于 ${shanghaiDay(new Date(exists.archived_at))} 归档`,
      { id: exists.id },
    );
  refuseBlocked((await blockersOf(db, actor.unitId, input.year, input.divisionId)).get(input.divisionId) ?? []);
  const items = await gatherYear(db, actor.unitId, input.divisionId, input.year);
  if (items.length === 0)
    throw new AppError('ARCHIVE_EMPTY', `${division.name} ${input.year} 年度没有已印发的纪要，无需归档`);

  const regime = (await readSettings(db, actor.unitId, 'regime')).value;
  const code = await divisionCode(db, actor.unitId, input.divisionId);
  const archivedAt = now.toISOString();
  const packed = await packYear({
    blobs: s.blobs,
    regime,
    unitName: await unitName(db, actor.unitId),
    divisionName: division.name,
    divisionCode: code.code,
    year: input.year,
    archivedBy: actor.displayName,
    archivedAt,
    items,
    pastNumberingPatterns: await pastNumberingPatterns(db, actor.unitId),
  });
  const report = await verifyPackage(packed.built.zip, { now });
  if (!report.ok)
    throw new AppError('ARCHIVE_CHECK_FAILED', '归档信息包未通过四性检测，未归档：请查看检测报告中列出的文件', {
      report,
    });
  const stored = await s.blobs.put(packed.built.zip);
  const digest = factsDigest(items);
  const archiveId = randomUUID();

  return inTransaction(s, async (trx) => {
    await lock(s, trx, 'divisions', input.divisionId);
    const first = await archiveOf(trx, actor.unitId, input.divisionId, input.year);
    if (first)
      throw new AppError('ALREADY_ARCHIVED', `${division.name} ${input.year} 年度刚刚已由${first.archiver_name}归档`, {
        id: first.id,
      });
    await lockMeetings(
      s.db.kind,
      trx,
      actor.unitId,
      items.map((i) => i.meeting.id),
    );
    refuseBlocked((await blockersOf(trx, actor.unitId, input.year, input.divisionId)).get(input.divisionId) ?? []);
    if (factsDigest(await gatherYear(trx, actor.unitId, input.divisionId, input.year)) !== digest)
      throw new AppError('CONFLICT', '归档期间该年度的纪要、会议记录或督办事项有了变化，未归档，请重新归档');
    if (code.isNew) await insertDivisionCode(trx, actor.unitId, input.divisionId, code.code, archivedAt);
    await insertArchive(trx, {
      id: archiveId,
      unit_id: actor.unitId,
      division_id: input.divisionId,
      year: input.year,
      division_code: code.code,
      item_count: packed.items.length,
      file_count: packed.built.files.length,
      package_sha256: stored,
      package_size: packed.built.zip.length,
      hash_alg: regime.archiveHashAlgorithm,
      manifest_digest: packed.built.manifestDigest,
      files: JSON.stringify(packed.built.files),
      report: JSON.stringify(report),
      facts_digest: digest,
      archived_by: actor.userId,
      archived_at: archivedAt,
    });
    await insertItems(
      trx,
      packed.items.map((p) => ({
        id: randomUUID(),
        unit_id: actor.unitId,
        archive_id: archiveId,
        division_id: input.divisionId,
        year: input.year,
        seq: p.seq,
        code: p.code,
        meeting_id: p.facts.meeting.id,
        minutes_id: p.current.id,
        title: p.metadata['题名'],
        number: p.metadata['文件编号'],
        doc_date: p.metadata['日期'],
        pages: Number(p.metadata['页数']),
        metadata: JSON.stringify(p.metadata),
        retention: p.period,
        due_day: appraisalDueDay(input.year, p.period),
        state: 'kept',
        version: 1,
      })),
    );
    await audit(s, trx, {
      ...auditBy(actor, ip),
      action: 'archive.create',
      subjectType: 'archive',
      subjectId: archiveId,
      data: {
        divisionId: input.divisionId,
        year: input.year,
        items: packed.items.length,
        files: packed.built.files.length,
        sha256: stored,
        hashAlg: regime.archiveHashAlgorithm,
        status: report.ok ? 'pass' : 'fail',
      },
    });
    const row = await archiveOf(trx, actor.unitId, input.divisionId, input.year);
    if (!row) throw new AppError('INTERNAL');
    const rows = await itemsOf(trx, actor.unitId, archiveId);
    return detailDto(
      actor,
      row,
      rows,
      await decisionsOf(
        trx,
        actor.unitId,
        rows.map((r) => r.id),
      ),
      shanghaiDay(now),
    );
  });
}

function refuseBlocked(blockers: ReadonlyArray<{ message: string }>): void {
  if (blockers.length === 0) return;
  throw new AppError(
    'ARCHIVE_NOT_READY',
    `暂不能归档：${blockers
      .slice(0, 3)
      .map((b) => b.message)
      .join('；')}${blockers.length > 3 ? ` 等 ${blockers.length} 项` : ''}`,
    { blockers },
  );
}
