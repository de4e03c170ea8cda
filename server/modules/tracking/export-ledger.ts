import type { z } from 'zod';
import type { trackingExportQuery } from '../../../core/contracts/tracking.js';
import type { Actor } from '../../../core/policy.js';
import { describeLedgerFilters, TRACKING_SCOPE_LABELS } from '../../../core/tracking.js';
import type { Services } from '../../platform/services.js';
import { allLedgerItems } from './list-items.js';
import { divisionNameOf } from './tracking-list.repository.js';

/**
 * 督办台账 as XLSX (R6.2): exactly the rows the ledger shows under the same
 * filters and scope (403 for a scope not the actor's), all pages of them, in
 * its order; the title row names the filters and the export time.
 */
export async function exportLedger(
  s: Services,
  actor: Actor,
  q: z.infer<typeof trackingExportQuery>,
): Promise<{ filename: string; data: Buffer }> {
  const { scope, today, items } = await allLedgerItems(s, actor, q);
  const divisionName = q.divisionId ? await divisionNameOf(s.db.kysely, actor.unitId, q.divisionId) : null;
  // The source minutes are named by a row they produced; an id alone names no minutes one may not see.
  const sourceNumber = q.sourceMinutesId
    ? (items.find((i) => i.sourceMinutesId === q.sourceMinutesId)?.sourceNumber ?? '（无可见事项）')
    : undefined;
  const filters = describeLedgerFilters({
    scope,
    status: q.status,
    light: q.light,
    divisionName: q.divisionId ? (divisionName ?? '（未知处室）') : undefined,
    deadlineFrom: q.deadlineFrom,
    deadlineTo: q.deadlineTo,
    overdueDays: q.overdueDays,
    matterFlag: q.matterFlag,
    sourceNumber,
    needsCompletion: q.needsCompletion === undefined ? undefined : q.needsCompletion === 'true',
  });
  // exceljs is loaded when a ledger is first exported, not at start-up.
  const { renderLedgerXlsx } = await import('../../documents/ledger-xlsx.js');
  const data = await renderLedgerXlsx({ items, filters, exportedAt: s.clock.now() });
  return { filename: `督办事项台账（${TRACKING_SCOPE_LABELS[scope]}）${today}.xlsx`, data };
}
