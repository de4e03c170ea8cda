import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cli.js';
import { openDatabase } from './platform/db/database.js';
import { TEST_DB } from './test/harness.js';

/** The CLI against a real file database (SQLite; on the PostgreSQL run too, since it reads DATABASE_URL). */
describe('jiyao CLI', () => {
  let dir: string;
  const saved = { ...process.env };
  const run = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(
      argv,
      (l) => out.push(l),
      (l) => err.push(l),
    );
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'jiyao-cli-'));
    process.env.DATA_DIR = dir;
    delete process.env.DATABASE_URL;
  });
  afterAll(() => {
    process.env = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it('db migrate, init, a second init refused, audit verify OK', async () => {
    expect((await run('db', 'migrate')).code).toBe(0);
    const init = await run('init', '--unit', '某市商务局', '--admin', 'chief');
    expect(init.code).toBe(0);
    expect(init.out).toMatch(/一次性密码：\S{16}/);
    expect((await run('init', '--unit', '又一个局', '--admin', 'chief2')).code).toBe(1);
    const v = await run('audit', 'verify');
    expect(v.code).toBe(0);
    expect(v.out).toContain('OK 某市商务局');
  });

  it('audit verify names the first broken sequence number and exits non-zero', async () => {
    const db = openDatabase(`sqlite:${join(dir, 'jiyao.db')}`);
    await db.kysely.updateTable('audit_events').set({ actor_name: '篡改者' }).where('seq', '=', 1).execute();
    await db.close();
    const v = await run('audit', 'verify');
    expect(v.code).toBe(1);
    expect(v.out).toContain('BROKEN 某市商务局：第 1 条事件校验失败');
  });

  it('bad arguments → usage and exit 2', async () => {
    expect((await run('init', '--unit', '某局')).code).toBe(2);
    expect((await run('frobnicate')).code).toBe(2);
    expect((await run()).code).toBe(2);
  });

  it('calendar due and is-workday', async () => {
    expect((await run('calendar', 'due', '2025-09-30')).out).toBe('2025-10-11');
    expect((await run('calendar', 'due', '2026-12-30', '--days', '3')).out).toBe('2027-01-05 provisional');
    expect((await run('calendar', 'is-workday', '2025-10-11')).out).toBe('workday');
    expect((await run('calendar', 'is-workday', '2027-01-01')).out).toBe('rest');
    expect((await run('calendar', 'due', '2025-02-30')).code).toBe(2);
  });

  it('the CLI answers from the unit’s calendar in the database: an imported 2027 is no longer provisional', async () => {
    const db = openDatabase(`sqlite:${join(dir, 'jiyao.db')}`);
    const unit = await db.kysely.selectFrom('units').select('unit_id').executeTakeFirstOrThrow();
    await db.kysely
      .insertInto('calendar_schedules')
      .values({
        unit_id: unit.unit_id,
        year: 2027,
        days: JSON.stringify([
          { name: '元旦', date: '2027-01-01', isOffDay: true },
          { name: '元旦', date: '2027-01-04', isOffDay: true },
        ]),
        papers: '[]',
        imported_by: 'test',
        imported_at: new Date().toISOString(),
      })
      .execute();
    await db.kysely
      .insertInto('calendar_overrides')
      .values({
        unit_id: unit.unit_id,
        date: '2025-10-10',
        is_off_day: 1,
        name: '停电',
        note: null,
        created_by: 'test',
        created_at: new Date().toISOString(),
      })
      .execute();
    await db.close();
    expect((await run('calendar', 'due', '2026-12-30')).out).toBe('2027-01-06');
    expect((await run('calendar', 'is-workday', '2025-10-10')).out).toBe('rest');
    expect((await run('calendar', 'due', '2025-09-30')).out).toBe('2025-10-13');
  });

  it('R5.7: audit checkpoint, then the last events deleted in the database: audit verify names the truncated tail, exit 1', async () => {
    const c = await run('audit', 'checkpoint');
    expect(c.code).toBe(0);
    const seq = Number(/已写入检查点 某市商务局：第 (\d+) 条事件/.exec(c.out)?.[1]);
    expect(seq).toBe(1); // init wrote one event
    const db = openDatabase(`sqlite:${join(dir, 'jiyao.db')}`);
    await db.kysely.deleteFrom('audit_events').where('seq', '=', seq).execute();
    await db.close();
    const v = await run('audit', 'verify');
    expect(v.code).toBe(1);
    expect(v.out).toContain(`BROKEN 某市商务局：审计日志尾部被截断（truncated tail）：`);
    expect(v.out).toContain(`的检查点记录到第 ${seq} 条事件，数据库中只剩 ${seq - 1} 条`);
  });

  it('R1.3: search reindex rebuilds every unit’s index from the tables and says how much', async () => {
    const r = await run('search', 'reindex');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/全文检索索引已重建：1 个单位，0 个对象，0 条索引/);
  });

  it('runs on the test database kind', () => {
    expect(['sqlite', 'postgres']).toContain(TEST_DB);
  });
});
