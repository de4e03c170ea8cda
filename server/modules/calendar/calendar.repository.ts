import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { Tx } from '../../platform/services.js';

type Q = Kysely<Database> | Tx;

/** The unit's single-day overrides, with who made each. */
export function listOverrides(db: Q, unitId: string) {
  return db
    .selectFrom('calendar_overrides as o')
    .leftJoin('users as u', 'u.id', 'o.created_by')
    .select(['o.date', 'o.is_off_day', 'o.name', 'o.note', 'o.created_at', 'u.display_name'])
    .where('o.unit_id', '=', unitId)
    .orderBy('o.date')
    .execute();
}
export type OverrideListRow = Awaited<ReturnType<typeof listOverrides>>[number];

/** The days (JSON text) of the schedule imported for a year, if any. */
export async function importedScheduleDays(db: Q, unitId: string, year: number): Promise<string | undefined> {
  const row = await db
    .selectFrom('calendar_schedules')
    .select('days')
    .where('unit_id', '=', unitId)
    .where('year', '=', year)
    .executeTakeFirst();
  return row?.days;
}

export async function deleteSchedule(trx: Tx, unitId: string, year: number): Promise<void> {
  await trx.deleteFrom('calendar_schedules').where('unit_id', '=', unitId).where('year', '=', year).execute();
}

export async function insertSchedule(
  trx: Tx,
  row: { unitId: string; year: number; days: unknown; papers: unknown; importedBy: string; importedAt: string },
): Promise<void> {
  await trx
    .insertInto('calendar_schedules')
    .values({
      unit_id: row.unitId,
      year: row.year,
      days: JSON.stringify(row.days),
      papers: JSON.stringify(row.papers),
      imported_by: row.importedBy,
      imported_at: row.importedAt,
    })
    .execute();
}

export async function findOverride(db: Q, unitId: string, date: string) {
  const row = await db
    .selectFrom('calendar_overrides')
    .select(['is_off_day', 'name'])
    .where('unit_id', '=', unitId)
    .where('date', '=', date)
    .executeTakeFirst();
  return row && { isOffDay: Number(row.is_off_day) === 1, name: row.name };
}

/** Sets a day's override: the row is updated when the day has one, else inserted. */
export async function saveOverride(
  trx: Tx,
  unitId: string,
  date: string,
  exists: boolean,
  values: { isOffDay: boolean; name: string | null; note: string | null; createdBy: string; createdAt: string },
): Promise<void> {
  const row = {
    is_off_day: values.isOffDay ? 1 : 0,
    name: values.name,
    note: values.note,
    created_by: values.createdBy,
    created_at: values.createdAt,
  };
  if (exists)
    await trx
      .updateTable('calendar_overrides')
      .set(row)
      .where('unit_id', '=', unitId)
      .where('date', '=', date)
      .execute();
  else
    await trx
      .insertInto('calendar_overrides')
      .values({ unit_id: unitId, date, ...row })
      .execute();
}

/** Deletes a day's override; false when it had none. */
export async function deleteOverride(trx: Tx, unitId: string, date: string): Promise<boolean> {
  const res = await trx
    .deleteFrom('calendar_overrides')
    .where('unit_id', '=', unitId)
    .where('date', '=', date)
    .executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}
