import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { DEFAULT_REGIME, DEFAULT_SECURITY } from '../../core/settings.js';
import { shanghaiMonth } from '../../core/shanghai-time.js';
import { audit, inTransaction, type Services, type Tx } from '../platform/services.js';
import { generateInitialPassword, hashPassword } from '../platform/auth/password.js';
import { DEMO_DIVISIONS, DEMO_PASSWORD, DEMO_PEOPLE, DEMO_UNIT_NAME } from './demo-bureau.data.js';

/**
 * Unit creation happens once per deployment. It runs in one transaction that first
 * makes sure no unit exists: two servers starting together on an empty database
 * seed once (SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory transaction lock).
 */
async function lockSeeding(s: Services, trx: Tx): Promise<boolean> {
  if (s.db.kind === 'postgres') await sql`select pg_advisory_xact_lock(424242)`.execute(trx);
  const any = await trx.selectFrom('units').select('unit_id').limit(1).executeTakeFirst();
  return !any;
}

/**
 * The demo bureau is there to show a year of inspection (监督检查, R6.4): its regime is in
 * force from the same month a year before it was seeded, so the months shown by default are
 * not all 不适用. A real unit keeps the default (null: the month it was created).
 */
function demoRegimeStart(now: string): string {
  const month = shanghaiMonth(new Date(now));
  return `${Number(month.slice(0, 4)) - 1}${month.slice(4)}`;
}

async function insertUnit(trx: Tx, name: string, isDemo: boolean, now: string): Promise<string> {
  const unitId = randomUUID();
  await trx
    .insertInto('units')
    .values({ unit_id: unitId, name, is_demo: isDemo ? 1 : 0, created_at: now })
    .execute();
  // The regime's numbers are stored as data from day one (REGULATION.md, "the regime as data").
  await trx
    .insertInto('settings')
    .values([
      {
        unit_id: unitId,
        section: 'regime',
        value: JSON.stringify(isDemo ? { ...DEFAULT_REGIME, regimeStartMonth: demoRegimeStart(now) } : DEFAULT_REGIME),
        version: 1,
        updated_at: now,
        updated_by: null,
      },
      {
        unit_id: unitId,
        section: 'security',
        value: JSON.stringify(DEFAULT_SECURITY),
        version: 1,
        updated_at: now,
        updated_by: null,
      },
    ])
    .execute();
  return unitId;
}

export async function isEmpty(s: Services): Promise<boolean> {
  return !(await s.db.kysely.selectFrom('units').select('unit_id').limit(1).executeTakeFirst());
}

/** Seeds the demo bureau into an empty database; returns false when there already is a unit. */
export async function seedDemoBureau(s: Services): Promise<boolean> {
  // Everyone in the demo has the published password: one hash serves all.
  const hash = await hashPassword(DEMO_PASSWORD);
  return inTransaction(s, async (trx) => {
    if (!(await lockSeeding(s, trx))) return false;
    const now = s.clock.now().toISOString();
    const unitId = await insertUnit(trx, DEMO_UNIT_NAME, true, now);
    const divisionIds = new Map<string, string>();
    for (const [i, d] of DEMO_DIVISIONS.entries()) {
      const id = randomUUID();
      divisionIds.set(d.key, id);
      await trx
        .insertInto('divisions')
        .values({
          id,
          unit_id: unitId,
          name: d.name,
          kind: d.kind,
          sort_order: (i + 1) * 10,
          active: 1,
          version: 1,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    const division = (key: string): string => {
      const id = divisionIds.get(key);
      if (!id) throw new Error(`demo data: unknown division ${key}`);
      return id;
    };
    for (const p of DEMO_PEOPLE) {
      const userId = randomUUID();
      await trx
        .insertInto('users')
        .values({
          id: userId,
          unit_id: unitId,
          username: p.username,
          display_name: p.name,
          email: `${p.username}@demo.jiyao.local`,
          phone: null,
          password_hash: hash,
          must_change_password: 0,
          failed_logins: 0,
          locked_until: null,
          active: 1,
          last_login_at: null,
          password_changed_at: now,
          version: 1,
          created_at: now,
          updated_at: now,
        })
        .execute();
      if (p.division) {
        await trx
          .insertInto('memberships')
          .values({
            id: randomUUID(),
            unit_id: unitId,
            division_id: division(p.division),
            user_id: userId,
            position: p.position ?? 'staff',
            is_recorder: p.recorder ? 1 : 0,
            created_at: now,
          })
          .execute();
      }
      for (const r of p.roles ?? []) {
        const roleId = randomUUID();
        await trx
          .insertInto('unit_roles')
          .values({ id: roleId, unit_id: unitId, user_id: userId, role: r.role, created_at: now })
          .execute();
        for (const key of r.supervises ?? []) {
          await trx
            .insertInto('unit_role_divisions')
            .values({ unit_id: unitId, unit_role_id: roleId, division_id: division(key) })
            .execute();
        }
      }
    }
    await audit(s, trx, {
      unitId,
      actorId: null,
      actorName: '系统',
      action: 'unit.seed_demo',
      subjectType: 'unit',
      subjectId: unitId,
      ip: null,
      data: { divisions: DEMO_DIVISIONS.length, people: DEMO_PEOPLE.length },
    });
    return true;
  });
}

export interface InitResult {
  unitId: string;
  username: string;
  initialPassword: string;
}

/** `jiyao init`: a real deployment's unit and its first system administrator. */
export async function initUnit(s: Services, unitName: string, adminUsername: string): Promise<InitResult | null> {
  const initialPassword = generateInitialPassword();
  const hash = await hashPassword(initialPassword);
  return inTransaction(s, async (trx) => {
    if (!(await lockSeeding(s, trx))) return null;
    const now = s.clock.now().toISOString();
    const unitId = await insertUnit(trx, unitName, false, now);
    const userId = randomUUID();
    await trx
      .insertInto('users')
      .values({
        id: userId,
        unit_id: unitId,
        username: adminUsername,
        display_name: '系统管理员',
        email: null,
        phone: null,
        password_hash: hash,
        must_change_password: 1,
        failed_logins: 0,
        locked_until: null,
        active: 1,
        last_login_at: null,
        password_changed_at: null,
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await trx
      .insertInto('unit_roles')
      .values({ id: randomUUID(), unit_id: unitId, user_id: userId, role: 'system_admin', created_at: now })
      .execute();
    await audit(s, trx, {
      unitId,
      actorId: null,
      actorName: '系统',
      action: 'unit.init',
      subjectType: 'unit',
      subjectId: unitId,
      ip: null,
      data: { name: unitName, admin: adminUsername },
    });
    return { unitId, username: adminUsername, initialPassword };
  });
}
