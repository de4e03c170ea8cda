import { inTransaction, type Services } from '../../platform/services.js';
import { indexedObjectsOf, indexObject } from './indexer.js';
import { clearUnit } from './search.repository.js';

export interface ReindexResult {
  units: number;
  objects: number;
  rows: number;
  ms: number;
}

/**
 * `jiyao search reindex`: rebuilds the search index of every unit (or one) from the tables, one
 * transaction per unit, so a search during the rebuild sees the old index or the new one, never
 * half. Attachments are read again from the file store.
 */
export async function reindexAll(
  s: Services,
  opts: { unitId?: string; progress?: (unit: string, objects: number, rows: number) => void } = {},
): Promise<ReindexResult> {
  const t0 = performance.now();
  let q = s.db.kysely.selectFrom('units').select('unit_id').orderBy('created_at');
  if (opts.unitId) q = q.where('unit_id', '=', opts.unitId);
  const units = await q.execute();
  let objects = 0;
  let rows = 0;
  for (const { unit_id } of units) {
    const [o, r] = await inTransaction(s, async (trx) => {
      await clearUnit(trx, unit_id);
      const list = await indexedObjectsOf(trx, unit_id);
      let n = 0;
      for (const [source, id] of list) n += await indexObject(s, trx, unit_id, source, id);
      return [list.length, n] as const;
    });
    objects += o;
    rows += r;
    opts.progress?.(unit_id, o, r);
  }
  return { units: units.length, objects, rows, ms: performance.now() - t0 };
}
