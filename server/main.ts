import { ConfigError, loadConfig } from './platform/config.js';
import { openServices } from './bootstrap.js';
import { createApp } from './app.js';
import { Scheduler } from './platform/jobs/scheduler.js';
import { FileOffsetClock, systemClock } from './platform/clock.js';
import { emailDelivery } from './modules/distribution/jobs.js';
import { ALL_JOBS } from './jobs.js';
import { isEmpty, seedDemoBureau } from './seed/units.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './seed/demo-bureau.data.js';

async function main(): Promise<void> {
  const config = loadConfig();
  // TEST_CLOCK_FILE: end-to-end tests move this server's time; never in use.
  const clock = config.testClockFile ? new FileOffsetClock(config.testClockFile) : systemClock;
  const s = await openServices(config, clock);
  let seeded = false;
  if (config.seedDemo === 'true' || (config.seedDemo === 'auto' && (await isEmpty(s)))) {
    seeded = await seedDemoBureau(s);
  }
  const app = await createApp(s, { logger: config.logLevel === 'silent' ? false : { level: config.logLevel } });
  // Reminders, overdue marks and e-mail: each unit of work is claimed in the database,
  // so any number of server processes may run them side by side.
  const log = (msg: string) => app.log.warn(msg);
  const jobs = new Scheduler(s, ALL_JOBS, log, (msg) => app.log.info(msg));
  const mail = new Scheduler(s, [emailDelivery], log);
  if (config.jobs) {
    jobs.start(config.testClockFile ? 2_000 : 60_000);
    mail.start(10_000);
  }
  const shutdown = async () => {
    await Promise.all([jobs.stop(), mail.stop()]);
    await app.close();
    s.mailer.close();
    await s.db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  await app.listen({ port: config.port, host: config.host });
  if (config.testClockFile)
    app.log.warn(`测试时钟已启用（TEST_CLOCK_FILE=${config.testClockFile}）：仅供端到端测试使用`);
  const mailStatus = s.mailer.status();
  const lines = [
    `jiyao ${s.version} 已启动：${config.publicUrl}（数据库：${s.db.kind}；` +
      `邮件通知：${mailStatus.enabled ? `已开启，${mailStatus.server}` : '未开启（未设置 SMTP_URL）'}；` +
      `定时任务：${config.jobs ? '本进程运行' : '已关闭（JOBS=false）'}）`,
  ];
  if (seeded) {
    lines.push(`已创建演示数据（示范市商务局）。演示账号，密码均为 ${DEMO_PASSWORD}：`);
    for (const a of DEMO_ACCOUNTS) lines.push(`  ${a.username.padEnd(10)} ${a.what}`);
  } else if (await isEmpty(s)) {
    lines.push(
      '数据库中还没有单位：运行 `npx jiyao init --unit 名称 --admin 用户名` 初始化，或以 SEED_DEMO=true 启动演示数据。',
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError) {
    process.stderr.write(`${e.message}\n`);
  } else {
    process.stderr.write(`启动失败：${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  }
  process.exit(1);
});
