import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import { SETTINGS_SECTIONS } from '../../../core/settings.js';
import { shanghaiMonth } from '../../../core/shanghai-time.js';
import type { RegimeSettings, SecuritySettings, SettingsSection } from '../../../core/settings.js';

export interface SectionValue<T> {
  value: T;
  version: number;
  updatedAt: string | null;
}

type ValueOf<S extends SettingsSection> = S extends 'regime' ? RegimeSettings : SecuritySettings;

/**
 * A unit's settings section, defaults filled in. A stored value that no longer
 * parses (an older release's shape) falls back per key to the default, never fails.
 */
export async function readSettings<S extends SettingsSection>(
  db: Kysely<Database> | Transaction<Database>,
  unitId: string,
  section: S,
): Promise<SectionValue<ValueOf<S>>> {
  const { schema, defaults } = SETTINGS_SECTIONS[section];
  const row = await db
    .selectFrom('settings')
    .select(['value', 'version', 'updated_at'])
    .where('unit_id', '=', unitId)
    .where('section', '=', section)
    .executeTakeFirst();
  if (!row) return { value: defaults as ValueOf<S>, version: 0, updatedAt: null };
  let stored: Record<string, unknown>;
  try {
    stored = JSON.parse(row.value) as Record<string, unknown>;
  } catch {
    stored = {};
  }
  const merged: Record<string, unknown> = { ...defaults };
  for (const key of Object.keys(defaults)) {
    if (!(key in stored)) continue;
    const field = (schema.shape as Record<string, { safeParse(v: unknown): { success: boolean } }>)[key];
    if (field?.safeParse(stored[key]).success) merged[key] = stored[key];
  }
  return { value: merged as ValueOf<S>, version: Number(row.version), updatedAt: row.updated_at };
}

/** Writes a section if `expectedVersion` still holds; returns false on a stale version. */
export async function writeSettings(
  trx: Transaction<Database>,
  unitId: string,
  section: SettingsSection,
  value: unknown,
  expectedVersion: number,
  by: string | null,
  at: Date,
): Promise<number | null> {
  const now = at.toISOString();
  if (expectedVersion === 0) {
    const exists = await trx
      .selectFrom('settings')
      .select('version')
      .where('unit_id', '=', unitId)
      .where('section', '=', section)
      .executeTakeFirst();
    if (exists) return null;
    await trx
      .insertInto('settings')
      .values({ unit_id: unitId, section, value: JSON.stringify(value), version: 1, updated_at: now, updated_by: by })
      .execute();
    return 1;
  }
  const res = await trx
    .updateTable('settings')
    .set({ value: JSON.stringify(value), version: expectedVersion + 1, updated_at: now, updated_by: by })
    .where('unit_id', '=', unitId)
    .where('section', '=', section)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1 ? expectedVersion + 1 : null;
}

/** The Shanghai month the unit was created: the regime's start when the unit set none (go-live, R6.4). */
export async function unitCreatedMonth(db: Kysely<Database> | Transaction<Database>, unitId: string): Promise<string> {
  const row = await db.selectFrom('units').select('created_at').where('unit_id', '=', unitId).executeTakeFirstOrThrow();
  return shanghaiMonth(new Date(row.created_at));
}
