import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './platform/config.js';
import { openServices } from './bootstrap.js';
import { initUnit, seedDemoBureau } from './seed/units.js';
import { auditCheckpoint, auditVerify } from './cli-audit.js';
import { backupCommand, restoreCommand } from './cli-backup.js';
import { archiveCommand } from './cli-archive.js';
import type { Services } from './platform/services.js';
import { isValidDay, WorkingDayCalendar } from '../core/calendar/working-days.js';
import { SHIPPED_SCHEDULES } from '../core/calendar/holiday-data/index.js';
import { DEFAULT_REGIME } from '../core/settings.js';
import { readSettings } from './platform/settings/settings.repository.js';
import { loadCalendar } from './modules/calendar/calendar.service.js';
import { reindexAll } from './modules/search/reindex.js';

const USAGE = `用法：jiyao <命令>

  db migrate                          将数据库结构升级到最新版本
  init --unit <单位名称> --admin <用户名>  初始化正式部署：创建单位和首个系统管理员（打印一次性密码）
  seed demo                           在空数据库中创建演示局数据
  audit verify                        校验审计日志哈希链与检查点（尾部截断）、已印发纪要的封存哈希、附件文件的 SHA-256；
                                      发现篡改时以非零状态退出
  audit checkpoint                    立即为审计日志链头写入签名检查点（另有每日自动任务）
  backup <文件.tar.gz>                 在线备份：数据库一致性快照 + 附件文件 + 清单（行数、SHA-256、审计链头）
  restore <文件.tar.gz>                恢复到空的 DATA_DIR（PostgreSQL：空数据库），并按清单校验
  search reindex                      由业务数据重建全文检索索引（纪要、会议记录、督办事项、议题及其材料）
  archive verify <信息包.zip> [--report 报告.pdf] [--sha256 <值>]
                                      离线四性检测（DA/T 70）归档信息包：真实性、完整性、可用性、安全性；
                                      无需数据库和配置；任一项未通过（如某个文件被改动，报告指出该文件）以非零状态退出
  calendar due YYYY-MM-DD [--days N]  会议日后第 N 个工作日（默认 3），未公布安排的年份标注 provisional
  calendar is-workday YYYY-MM-DD      打印 workday 或 rest

环境变量与服务器相同：DATABASE_URL、DATA_DIR 等。`;

type Out = (line: string) => void;

/** Runs one CLI command; returns the exit code. Exported for tests. */
export async function runCli(
  argv: string[],
  out: Out = (l) => process.stdout.write(`${l}\n`),
  err: Out = (l) => process.stderr.write(`${l}\n`),
): Promise<number> {
  const [cmd, sub, ...rest] = argv;
  const key = `${cmd ?? ''} ${sub ?? ''}`.trim();
  if (!cmd || cmd === 'help' || cmd === '--help') {
    out(USAGE);
    return cmd ? 0 : 2;
  }
  if (cmd === 'calendar') return calendarCommand(sub, rest, out, err);
  // Offline: the package alone, before any configuration is read.
  if (cmd === 'archive') return archiveCommand([sub ?? '', ...rest].filter(Boolean), out, err);
  if (cmd === 'backup' || cmd === 'restore') {
    try {
      const args = [sub ?? '', ...rest].filter(Boolean);
      return await (cmd === 'backup' ? backupCommand(args, out, err) : restoreCommand(args, out, err));
    } catch (e) {
      err(e instanceof ConfigError ? e.message : `失败：${e instanceof Error ? e.message : String(e)}`);
      return 1;
    }
  }
  let s: Services | null = null;
  const services = async () => (s ??= await openServices(loadConfig()));
  try {
    if (key === 'db migrate') {
      await services();
      out('数据库结构已是最新。');
      return 0;
    }
    if (cmd === 'init') {
      const { values } = parseArgs({
        args: [sub ?? '', ...rest].filter(Boolean),
        options: { unit: { type: 'string' }, admin: { type: 'string' } },
      });
      const unit = values.unit?.trim();
      const admin = values.admin?.trim();
      if (!unit || !admin || !/^[A-Za-z0-9_.-]{2,32}$/.test(admin) || unit.length > 60) {
        err('用法：jiyao init --unit <单位名称，≤60 字> --admin <用户名：2–32 位字母、数字、_.->');
        return 2;
      }
      const r = await initUnit(await services(), unit, admin);
      if (!r) {
        err('数据库中已有单位，未做任何修改。');
        return 1;
      }
      out(`已创建单位“${unit}”。`);
      out(`系统管理员：${r.username}`);
      out(`一次性密码：${r.initialPassword}`);
      out('首次登录后必须修改密码。此密码不会再次显示。');
      return 0;
    }
    if (key === 'seed demo') {
      const done = await seedDemoBureau(await services());
      out(done ? '已创建演示数据。' : '数据库中已有单位，未创建演示数据。');
      return done ? 0 : 1;
    }
    if (key === 'audit verify') return await auditVerify(await services(), out);
    if (key === 'audit checkpoint') return await auditCheckpoint(await services(), out);
    if (key === 'search reindex') {
      const r = await reindexAll(await services(), {
        progress: (unit, objects, rows) => out(`单位 ${unit}：${objects} 个对象，${rows} 条索引`),
      });
      out(
        `全文检索索引已重建：${r.units} 个单位，${r.objects} 个对象，${r.rows} 条索引，用时 ${(r.ms / 1000).toFixed(1)} 秒。`,
      );
      return 0;
    }
    err(`未知命令：${argv.join(' ')}\n\n${USAGE}`);
    return 2;
  } catch (e) {
    err(e instanceof ConfigError ? e.message : `失败：${e instanceof Error ? e.message : String(e)}`);
    return 1;
  } finally {
    const opened = s as Services | null;
    if (opened) await opened.db.close();
  }
}

/**
 * The unit's working-day calendar: the shipped State Council schedules with the
 * unit's imports and overrides from the database when there is one (DATABASE_URL,
 * or the SQLite file in DATA_DIR); without a database, the shipped schedules.
 */
/** The unit's calendar and its distribution deadline (N working days) — from the database when there is one. */
async function cliCalendar(): Promise<{ cal: WorkingDayCalendar; days: number }> {
  const config = loadConfig();
  const url = config.databaseUrl;
  const file = url.replace(/^(sqlite|file):/, '');
  const hasDb = /^postgres/.test(url) || (file !== url && file !== ':memory:' && existsSync(file));
  const shipped = { cal: new WorkingDayCalendar(SHIPPED_SCHEDULES), days: DEFAULT_REGIME.distributionWorkingDays };
  if (!hasDb) return shipped;
  const s = await openServices(config);
  try {
    const unit = await s.db.kysely.selectFrom('units').select('unit_id').orderBy('created_at').executeTakeFirst();
    if (!unit) return shipped;
    return {
      cal: await loadCalendar(s.db.kysely, unit.unit_id),
      days: (await readSettings(s.db.kysely, unit.unit_id, 'regime')).value.distributionWorkingDays,
    };
  } finally {
    await s.db.close();
  }
}

async function calendarCommand(sub: string | undefined, rest: string[], out: Out, err: Out): Promise<number> {
  const { values, positionals } = parseArgs({
    args: rest,
    options: { days: { type: 'string' } },
    allowPositionals: true,
  });
  const day = positionals[0] ?? '';
  if (!isValidDay(day) || (sub !== 'due' && sub !== 'is-workday')) {
    err('用法：jiyao calendar due YYYY-MM-DD [--days N] | jiyao calendar is-workday YYYY-MM-DD');
    return 2;
  }
  let cal: WorkingDayCalendar;
  let days: number;
  try {
    ({ cal, days } = await cliCalendar());
  } catch (e) {
    err(e instanceof ConfigError ? e.message : `失败：${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
  if (sub === 'is-workday') {
    out(cal.isWorkday(day) ? 'workday' : 'rest');
    return 0;
  }
  const n = Number(values.days ?? days);
  if (!Number.isInteger(n) || n < 1 || n > 30) {
    err('--days 须为 1–30 的整数');
    return 2;
  }
  const due = cal.addWorkingDays(day, n);
  out(`${due.date}${due.provisional ? ' provisional' : ''}`);
  return 0;
}

const isMain = process.argv[1] && /cli\.(ts|js|mjs)$/.test(process.argv[1]);
if (isMain) {
  runCli(process.argv.slice(2)).then((code) => process.exit(code));
}
