import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_REGIME } from '../../../../core/settings.js';
import { openDatabase, type Db } from '../database.js';
import { MIGRATIONS, migrateToLatest } from '../migrate.js';
import { readSettings } from '../../settings/settings.repository.js';
import { PG_URL, TEST_DB } from '../../../test/harness.js';

/**
 * R1.3 / R5.7: `minutesRetentionYears` (read by nothing) becomes the retention per category when
 * 0017 runs over a database that still holds it.
 */
describe('0017-archive: the old retention setting becomes the retention per category', () => {
  let db: Db;
  let schema: string | null = null;
  afterAll(async () => {
    await db?.close();
    if (schema) {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    }
  });

  it('R1.3 R5.7: 0 (unset) is dropped; 20 years keeps every category at least 30 years; 50 years keeps all permanently', async () => {
    if (TEST_DB === 'postgres') {
      schema = `t_${randomBytes(6).toString('hex')}`;
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`create schema ${schema}`);
      await c.end();
      db = openDatabase(PG_URL, { searchPath: schema, poolSize: 2 });
    } else db = openDatabase('sqlite::memory:');
    const k = db.kysely as unknown as Kysely<unknown>;
    const before = Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => name < '0017'));
    await migrateToLatest(k, before, db.schema);
    const now = new Date().toISOString();
    const stored = { ...DEFAULT_REGIME } as Record<string, unknown>;
    for (const key of Object.keys(stored)) if (key.startsWith('archive')) delete stored[key];
    for (const [unit, years] of [
      ['u0', 0],
      ['u20', 20],
      ['u50', 50],
    ] as const) {
      await db.kysely.insertInto('units').values({ unit_id: unit, name: unit, is_demo: 0, created_at: now }).execute();
      await db.kysely
        .insertInto('settings')
        .values({
          unit_id: unit,
          section: 'regime',
          value: JSON.stringify({ ...stored, minutesRetentionYears: years, meetingsPerMonth: 2 }),
          version: 3,
          updated_at: now,
          updated_by: null,
        })
        .execute();
    }
    expect((await migrateToLatest(k, MIGRATIONS, db.schema)).applied).toContain('0017-archive');
    const raw = async (unit: string) =>
      JSON.parse(
        (await db.kysely.selectFrom('settings').select('value').where('unit_id', '=', unit).executeTakeFirstOrThrow())
          .value,
      ) as Record<string, unknown>;
    for (const unit of ['u0', 'u20', 'u50']) expect(await raw(unit)).not.toHaveProperty('minutesRetentionYears');
    const u0 = await readSettings(db.kysely, 'u0', 'regime');
    expect(u0.value.archiveRetentionByCategory).toEqual(DEFAULT_REGIME.archiveRetentionByCategory);
    expect(u0.value.meetingsPerMonth).toBe(2); // the rest untouched
    expect(u0.version).toBe(3);
    const u20 = (await readSettings(db.kysely, 'u20', 'regime')).value;
    expect(u20.archiveRetentionDefault).toBe('30y');
    expect(new Set(u20.archiveRetentionByCategory.map((c) => c.period))).toEqual(new Set(['30y', 'permanent']));
    expect(
      u20.archiveRetentionByCategory.find((c) => c.category === '面向企业的座谈会、研讨会、展览会和培训')?.period,
    ).toBe('30y');
    const u50 = (await readSettings(db.kysely, 'u50', 'regime')).value;
    expect(u50.archiveRetentionDefault).toBe('permanent');
    expect(u50.archiveRetentionByCategory.every((c) => c.period === 'permanent')).toBe(true);
  });
});
