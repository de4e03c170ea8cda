import { DIVISION_YEAR_STATE_LABELS, type DivisionYearState } from '../../../core/archive.js';
import type {
  AppraisalPageDto,
  ArchiveCheckDto,
  ArchiveDetailDto,
  ArchivesOverviewDto,
} from '../../../core/contracts/archive.js';
import { AppError } from '../../../core/errors.js';
import { can, type Actor } from '../../../core/policy.js';
import { shanghaiDay } from '../../../core/shanghai-time.js';
import type { Services } from '../../platform/services.js';
import {
  archiveRow,
  archivesOfYear,
  decisionsOf,
  dueItemsPage,
  issuedCounts,
  itemsOf,
  knownYears,
  meetingDivisions,
  type ArchiveRow,
} from './archive.repository.js';
import { detailDto, itemDto, summaryDto } from './archive.presenter.js';
import { requireKeeper, requireReader, UNSEEN } from './archive-year.js';
import { blockersOf } from './gather-year.js';

/**
 * R5.7: the 归档 page's table — each division that holds meetings, for one year (by default the
 * last one ended): archived, ready, not ready (with what stands in the way), nothing to archive, or
 * the year not ended. Bounded by the org chart.
 */
export async function viewArchives(s: Services, actor: Actor, year?: number): Promise<ArchivesOverviewDto> {
  requireReader(actor);
  const db = s.db.kysely;
  const thisYear = Number(shanghaiDay(s.clock.now()).slice(0, 4));
  const y = year ?? thisYear - 1;
  const [divisions, counts, archives, blockers, years] = await Promise.all([
    meetingDivisions(db, actor.unitId),
    issuedCounts(db, actor.unitId, y),
    archivesOfYear(db, actor.unitId, y),
    blockersOf(db, actor.unitId, y, null),
    knownYears(db, actor.unitId),
  ]);
  const rows = divisions
    .map((d) => {
      const archive = archives.find((a) => a.division_id === d.id) ?? null;
      const mine = blockers.get(d.id) ?? [];
      const minutesCount = counts.get(d.id) ?? 0;
      const state: DivisionYearState = archive
        ? 'archived'
        : y >= thisYear
          ? 'year_open'
          : mine.length > 0
            ? 'not_ready'
            : minutesCount === 0
              ? 'empty'
              : 'ready';
      return {
        divisionId: d.id,
        divisionName: d.name,
        year: y,
        state,
        stateLabel: DIVISION_YEAR_STATE_LABELS[state],
        minutesCount,
        blockers: archive ? [] : mine,
        archive: archive ? summaryDto(archive) : null,
        active: Number(d.active) === 1,
      };
    })
    // A division closed since shows only where it has something of that year.
    .filter((r) => r.active || r.minutesCount > 0 || r.archive)
    .map(({ active: _a, ...r }) => r);
  return {
    year: y,
    years: [...new Set([...years, thisYear - 1, y])].sort((a, b) => b - a),
    divisions: rows,
    canManage: can(actor, 'archive.manage'),
  };
}

export async function loadArchive(s: Services, actor: Actor, id: string): Promise<ArchiveRow> {
  requireReader(actor);
  const row = await archiveRow(s.db.kysely, actor.unitId, id);
  if (!row) throw new AppError('NOT_FOUND', UNSEEN);
  return row;
}

export async function viewArchive(s: Services, actor: Actor, id: string): Promise<ArchiveDetailDto> {
  const row = await loadArchive(s, actor, id);
  const items = await itemsOf(s.db.kysely, actor.unitId, id);
  const decisions = await decisionsOf(
    s.db.kysely,
    actor.unitId,
    items.map((i) => i.id),
  );
  return detailDto(actor, row, items, decisions, shanghaiDay(s.clock.now()));
}

async function packageBytes(s: Services, row: ArchiveRow): Promise<Buffer | null> {
  const stream = await s.blobs.open(row.package_sha256);
  if (!stream) return null;
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** The stored package, for download: its name says division and year. */
export async function openPackage(s: Services, actor: Actor, id: string) {
  const row = await loadArchive(s, actor, id);
  const data = await packageBytes(s, row);
  if (!data) throw new AppError('NOT_FOUND', '归档信息包文件缺失，请联系系统管理员');
  return { data, filename: `${row.division_name}-${row.year}年度归档信息包.zip` };
}

/**
 * R5.7: the 四性检测 run again now on the stored package, and the package held against the ledger
 * (its SHA-256 recorded at archiving): the supervision office's check, and the general office's.
 */
export async function checkArchive(s: Services, actor: Actor, id: string): Promise<ArchiveCheckDto> {
  const row = await loadArchive(s, actor, id);
  const data = await packageBytes(s, row);
  const { verifyPackage } = await import('../../documents/archive/verify-package.js');
  const report = await verifyPackage(data ?? Buffer.alloc(0), { now: s.clock.now() });
  return { report, matchesLedger: report.packageSha256 === row.package_sha256, missing: data === null };
}

/** The same check as a PDF report. */
export async function checkReportPdf(s: Services, actor: Actor, id: string) {
  const row = await loadArchive(s, actor, id);
  const check = await checkArchive(s, actor, id);
  const { renderCheckReportPdf } = await import('../../documents/archive/report-pdf.js');
  return {
    data: await renderCheckReportPdf(check.report),
    filename: `${row.division_name}-${row.year}年度归档信息包四性检测报告.pdf`,
  };
}

/** 到期鉴定: the general office's list of kept items whose retention has run out, oldest due first. */
export async function viewAppraisal(
  s: Services,
  actor: Actor,
  page: { cursor?: string | undefined; limit: number },
): Promise<AppraisalPageDto> {
  if (!can(actor, 'archive.manage')) throw new AppError('NOT_FOUND', UNSEEN);
  requireKeeper(actor);
  const today = shanghaiDay(s.clock.now());
  const rows = await dueItemsPage(s.db.kysely, actor.unitId, today, page);
  const decisions = await decisionsOf(
    s.db.kysely,
    actor.unitId,
    rows.items.map((i) => i.id),
  );
  return { items: rows.items.map((i) => itemDto(actor, i, decisions, today)), nextCursor: rows.nextCursor };
}
