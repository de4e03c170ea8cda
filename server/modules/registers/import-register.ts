import { createHash, randomUUID } from 'node:crypto';
import { AppError } from '../../../core/errors.js';
import { can, type Actor } from '../../../core/policy.js';
import {
  candidatesFor,
  checkRegisterLines,
  mapHeader,
  REGISTER_KIND_LABELS,
  REGISTER_MAX_ERRORS_LISTED,
  type CandidateTopic,
  type RegisterKind,
  type RegisterLineError,
} from '../../../core/registers.js';
import { contentTokens } from '../../../core/search.js';
import type { ImportRegisterDto } from '../../../core/contracts/registers.js';
import { audit, auditBy, inTransaction, type Services } from '../../platform/services.js';
import type { RegisterLinesTable } from '../../platform/db/schema.js';
import { readSettings } from '../../platform/settings/settings.repository.js';
import { activeDivisions } from '../meetings/meeting-list.repository.js';
import { textTools } from '../search/segmenter.js';
import { readRegisterFile } from './register-file.js';
import {
  decidedTopicsOf,
  insertLines,
  insertRegister,
  registerRow,
  sameFileImport,
  stateCounts,
  storedLinesOf,
} from './registers.repository.js';
import { lockKey } from '../../platform/db/database.js';
import { shanghaiDateTime } from '../../../core/shanghai-time.js';
import { registerDto } from './registers.presenter.js';

export const UNSEEN = '登记簿不存在或无权查看';

/** 404 for whoever may not read the oversight; 403 for a reader who may not manage registers. */
export function requireManager(actor: Actor): void {
  if (!can(actor, 'oversight.read')) throw new AppError('NOT_FOUND', UNSEEN);
  if (!can(actor, 'register.manage')) throw new AppError('FORBIDDEN', '只有监察室、办公室人员可以导入登记簿和复核匹配');
}

function refuse(errors: RegisterLineError[]): never {
  const words = errors
    .slice(0, 5)
    .map((e) => `第 ${e.line} 行${e.column ? `“${e.column}”` : ''}：${e.reason}`)
    .join('；');
  throw new AppError(
    'REGISTER_IMPORT_INVALID',
    `登记簿有 ${errors.length} 处错误，未导入任何内容：${words}${errors.length > 5 ? '……' : ''}`,
    { errors: errors.slice(0, REGISTER_MAX_ERRORS_LISTED), total: errors.length },
  );
}

/**
 * R4.1 / R6.4: imports a register of one kind. Every line is checked (division by
 * name, date, amount, subject) and every problem named in one 422 — then nothing is
 * stored. Each good line is matched against the topics of its division with that flag
 * decided by a meeting held before the line's day (for funds, the amount within the
 * unit's tolerance), scored by the overlap of the subject's words; the best candidate
 * is proposed for review, a line without one is a finding (未经处务会研究).
 */
export async function importRegister(
  s: Services,
  actor: Actor,
  kind: RegisterKind,
  filename: string,
  data: Buffer,
  ip: string | null,
): Promise<ImportRegisterDto> {
  requireManager(actor);
  const rows = await readRegisterFile(filename, data);
  const header = mapHeader(rows[0] ?? [], kind);
  if (!header.ok) refuse(header.errors);
  const divisions = (await activeDivisions(s.db.kysely, actor.unitId)).filter((d) => d.kind !== 'leadership');
  const checked = checkRegisterLines(rows.slice(1), header.index, kind, divisions);
  if (checked.errors.length > 0) refuse(checked.errors);
  if (checked.rows.length === 0) refuse([{ line: 2, column: null, reason: '登记簿没有任何事项' }]);

  const tools = textTools();
  const regime = (await readSettings(s.db.kysely, actor.unitId, 'regime')).value;
  const id = randomUUID();
  const now = s.clock.now().toISOString();
  const sha256 = createHash('sha256').update(data).digest('hex');
  // The words of every subject are cut before the transaction: jieba takes a while on 20 000 lines.
  const tokenised = checked.rows.map((r) => ({ ...r, tokens: contentTokens(r.subject, tools) }));
  return inTransaction(s, async (trx) => {
    // Two imports of one kind at once: the second waits, then sees what the first stored.
    await lockKey(s.db, trx, `registers:${actor.unitId}:${kind}`);
    const same = await sameFileImport(trx, actor.unitId, kind, sha256);
    if (same)
      throw new AppError(
        'REGISTER_ALREADY_IMPORTED',
        `该文件已于 ${shanghaiDateTime(same.imported_at)} 由${same.importer_name}导入（${same.filename}），未重复导入`,
        { registerId: same.id },
      );
    const { fresh, skipped } = withoutStored(
      tokenised,
      await storedLinesOf(
        trx,
        actor.unitId,
        kind,
        [...new Set(tokenised.map((r) => r.divisionId))],
        tokenised.reduce((a, r) => (r.day < a ? r.day : a), tokenised[0]?.day ?? ''),
        tokenised.reduce((a, r) => (r.day > a ? r.day : a), ''),
      ),
    );
    if (fresh.length === 0)
      throw new AppError(
        'REGISTER_NOTHING_NEW',
        `登记簿的 ${skipped.length} 条事项均已在此前导入的登记簿中（如${skipped[0]?.earlier ?? ''}），未导入任何内容`,
      );
    const topics = await candidateTopics(trx, actor.unitId, kind, [...new Set(fresh.map((r) => r.divisionId))], tools);
    const lines: RegisterLinesTable[] = fresh.map((r) => {
      const candidates = candidatesFor(r, kind, topics, regime.registerFundsTolerancePercent);
      const best = candidates[0];
      return {
        id: randomUUID(),
        unit_id: actor.unitId,
        register_id: id,
        line_no: r.line,
        kind,
        division_id: r.divisionId,
        day: r.day,
        amount_fen: r.amountFen,
        subject: r.subject,
        state: best ? 'proposed' : 'finding',
        topic_id: best?.topicId ?? null,
        score: best?.score ?? null,
        candidates: JSON.stringify(candidates),
        reviewed_by: null,
        reviewed_at: null,
        review_reason: null,
        version: 1,
      };
    });
    await insertRegister(trx, {
      id,
      unit_id: actor.unitId,
      kind,
      filename,
      sha256,
      line_count: lines.length,
      skipped_lines: skipped.length,
      imported_by: actor.userId,
      imported_at: now,
    });
    await insertLines(trx, lines);
    await audit(s, trx, {
      ...auditBy(actor, ip),
      action: 'register.import',
      subjectType: 'register',
      subjectId: id,
      data: {
        kind,
        kindLabel: REGISTER_KIND_LABELS[kind],
        lines: lines.length,
        proposed: lines.filter((l) => l.state === 'proposed').length,
        findings: lines.filter((l) => l.state === 'finding').length,
        // The file's lines left out as already imported, with the earlier line each repeats.
        skipped: skipped.length,
        skippedLines: skipped.slice(0, REGISTER_MAX_ERRORS_LISTED).map((k) => ({ line: k.line, earlier: k.earlier })),
      },
    });
    const row = await registerRow(trx, actor.unitId, id);
    if (!row) throw new AppError('INTERNAL');
    return {
      ...registerDto(row, (await stateCounts(trx, actor.unitId, [id])).get(id)),
      skipped: skipped.slice(0, REGISTER_MAX_ERRORS_LISTED),
    };
  });
}

/** The topics a line of `kind` of these divisions may match (decided by a meeting), with their title's words. */
export async function candidateTopics(
  db: Parameters<typeof decidedTopicsOf>[0],
  unitId: string,
  kind: RegisterKind,
  divisionIds: readonly string[],
  tools: ReturnType<typeof textTools>,
): Promise<CandidateTopic[]> {
  return (await decidedTopicsOf(db, unitId, kind, divisionIds)).map((t) => ({
    ...t,
    tokens: contentTokens(t.title, tools),
  }));
}

type Stored = Awaited<ReturnType<typeof storedLinesOf>>[number];
const lineKey = (l: { divisionId: string; day: string; amountFen: number | null; subject: string }) =>
  `${l.divisionId}\u0001${l.day}\u0001${l.amountFen ?? ''}\u0001${l.subject}`;

/**
 * The lines of a new import that an earlier import of the kind does not already hold
 * (same division, day, amount and subject), counted: a matter the file holds twice and
 * the earlier import once is stored once more. The rest are skipped, each naming the
 * earlier register and line it repeats.
 */
export function withoutStored<
  T extends { line: number; divisionId: string; day: string; amountFen: number | null; subject: string },
>(rows: readonly T[], stored: readonly Stored[]): { fresh: T[]; skipped: { line: number; earlier: string }[] } {
  const held = new Map<string, Stored[]>();
  for (const l of stored) {
    const k = lineKey(l);
    held.set(k, [...(held.get(k) ?? []), l]);
  }
  const fresh: T[] = [];
  const skipped: { line: number; earlier: string }[] = [];
  for (const r of rows) {
    const earlier = held.get(lineKey(r))?.shift();
    if (earlier) skipped.push({ line: r.line, earlier: `${earlier.filename} 第 ${earlier.lineNo} 行` });
    else fresh.push(r);
  }
  return { fresh, skipped };
}
