import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import { makeHarness, type Harness } from '../../test/harness.js';
import { holdMeeting, issueAt, headTopicIds } from '../../test/flows.js';
import { deliverEmails, MAX_EMAIL_ATTEMPTS } from './email-outbox.js';

/** A real SMTP server on 127.0.0.1 that keeps what it receives and can refuse on demand. */
function startSmtp() {
  const received: ParsedMail[] = [];
  const state = { refuse: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, cb) {
      if (state.refuse > 0) {
        state.refuse--;
        stream.resume();
        stream.on('end', () => {
          const err = new Error('邮件服务器暂时不可用') as Error & { responseCode: number };
          err.responseCode = 451;
          cb(err);
        });
        return;
      }
      simpleParser(stream)
        .then((m) => {
          received.push(m);
          cb();
        })
        .catch(cb);
    },
  });
  return new Promise<{ port: number; received: ParsedMail[]; state: typeof state; close: () => Promise<void> }>(
    (resolve) => {
      server.listen(0, '127.0.0.1', () => {
        const port = (server.server.address() as AddressInfo).port;
        resolve({ port, received, state, close: () => new Promise<void>((r) => server.close(() => r())) });
      });
    },
  );
}

const to = (m: ParsedMail) => (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0]?.address;

describe('notices by e-mail (SMTP_URL set)', () => {
  let h: Harness;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  beforeAll(async () => {
    smtp = await startSmtp();
    h = await makeHarness({
      env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, PUBLIC_URL: 'http://jiyao.example.cn' },
    });
  });
  afterAll(async () => {
    await h.close();
    await smtp.close();
  });

  it('R5.8 R5.9: issued minutes reach every recipient by e-mail, in Chinese, with a link back', async () => {
    const m = await holdMeeting(h, '2026-11-16T09:00:00+08:00', '十一月例会');
    const minutes = await issueAt(h, m.id, '2026-11-17T10:00:00+08:00');
    const report = await deliverEmails(h.s);
    expect(report.failed).toBe(0);
    const distributed = smtp.received.filter((r) => r.subject?.includes(minutes.number ?? '?'));
    const addresses = distributed.map(to).sort();
    expect(addresses).toEqual(expect.arrayContaining(['director@demo.jiyao.local', 'staff@demo.jiyao.local']));
    expect(addresses).toContain('jiancha@demo.jiyao.local'); // the filing, to the supervision office
    expect(addresses).not.toContain('head@demo.jiyao.local'); // the head signed it
    const mail = distributed.find((r) => to(r) === 'director@demo.jiyao.local');
    expect(mail?.subject).toBe(`【纪要系统】纪要报送：${minutes.number}（十一月例会）`);
    expect(mail?.text).toContain(`http://jiyao.example.cn/minutes/${minutes.id}`);
    expect(mail?.text).toContain('王建国');
    expect(mail?.messageId).toMatch(/^<notice-.+@jiyao>$/);
    // Sent once: another delivery run finds nothing to do.
    expect((await deliverEmails(h.s)).sent).toBe(0);
    const admin = await h.login('admin');
    expect((await admin.get('/api/admin/settings/mail')).json()).toMatchObject({
      enabled: true,
      server: `127.0.0.1:${smtp.port}`,
      pending: 0,
      failed: 0,
    });
  });

  it('R2.3: a meeting notice goes out by e-mail too', async () => {
    h.clock.set('2026-11-20T09:00:00+08:00');
    const head = await h.login('head');
    const trade = await h.divisionId('对外贸易处');
    let m = (
      await head.post('/api/meetings', {
        divisionId: trade,
        kind: 'regular',
        startsAt: '2026-11-24T09:30:00+08:00',
        place: '第三会议室',
        agenda: await headTopicIds(head, trade),
      })
    ).json() as { id: string; version: number };
    m = (await head.post(`/api/meetings/${m.id}/notify`, { version: m.version })).json() as typeof m;
    await deliverEmails(h.s);
    const mail = smtp.received.find((r) => to(r) === 'staff@demo.jiyao.local' && r.subject?.includes('会议通知'));
    expect(mail?.text).toContain('第三会议室');
    expect(mail?.text).toContain(`/meetings/${m.id}`);
  });

  it('a refused send is retried with backoff, never loses the in-app notice, and is given up after the last attempt', async () => {
    h.clock.set('2026-11-25T09:00:00+08:00');
    const before = smtp.received.length;
    const staffId = await h.userId('staff');
    const { notify } = await import('./notices.js');
    const { inTransaction } = await import('../../platform/services.js');
    const unit = await h.s.db.kysely
      .selectFrom('users')
      .select('unit_id')
      .where('id', '=', staffId)
      .executeTakeFirstOrThrow();
    await inTransaction(h.s, (trx) =>
      notify(h.s, trx, {
        unitId: unit.unit_id,
        userIds: [staffId],
        kind: 'test.mail',
        subjectType: 'reading',
        subjectId: 'x',
        title: '重试测试',
        body: '正文',
      }),
    );
    const row = () =>
      h.s.db.kysely.selectFrom('notices').selectAll().where('kind', '=', 'test.mail').executeTakeFirstOrThrow();
    smtp.state.refuse = 2;
    expect(await deliverEmails(h.s)).toMatchObject({ sent: 0, failed: 1 });
    expect(await row()).toMatchObject({ email_status: 'pending', email_attempts: 1, read_at: null });
    expect((await row()).email_next_at).toBe('2026-11-25T01:01:00.000Z'); // 1 minute
    expect((await deliverEmails(h.s)).failed).toBe(0); // not due yet: nothing tried
    h.clock.advanceMinutes(1);
    expect((await deliverEmails(h.s)).failed).toBe(1);
    expect((await row()).email_next_at).toBe('2026-11-25T01:03:00.000Z'); // then 2 minutes
    h.clock.advanceMinutes(2);
    expect((await deliverEmails(h.s)).sent).toBe(1);
    expect(await row()).toMatchObject({ email_status: 'sent', email_attempts: 2 });
    expect(smtp.received.length).toBe(before + 1);
    // The in-app notice was there all along.
    const staff = await h.login('staff');
    const list = (await staff.get('/api/notices')).json() as { items: { title: string }[] };
    expect(list.items.some((n) => n.title === '重试测试')).toBe(true);

    // A server that keeps refusing: given up after MAX attempts, the notice stays.
    await h.s.db.kysely
      .updateTable('notices')
      .set({ email_status: 'pending', email_attempts: 0, email_next_at: h.clock.now().toISOString() })
      .where('kind', '=', 'test.mail')
      .execute();
    smtp.state.refuse = 100;
    for (let i = 0; i < MAX_EMAIL_ATTEMPTS; i++) {
      await deliverEmails(h.s);
      h.clock.advanceMinutes(60);
    }
    expect(await row()).toMatchObject({ email_status: 'failed', email_attempts: MAX_EMAIL_ATTEMPTS });
    expect((await row()).email_error).toContain('451');
    smtp.state.refuse = 0;
  });
});

describe('notices without SMTP_URL', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness();
  });
  afterAll(async () => h.close());

  it('e-mail is off and says so; in-app notices work as before', async () => {
    const admin = await h.login('admin');
    expect((await admin.get('/api/admin/settings/mail')).json()).toMatchObject({ enabled: false, server: null });
    expect((await (await h.login('staff')).get('/api/admin/settings/mail')).statusCode).toBe(403);
    const m = await holdMeeting(h, '2026-11-16T09:00:00+08:00');
    await issueAt(h, m.id, '2026-11-17T10:00:00+08:00');
    const rows = await h.s.db.kysely.selectFrom('notices').select('email_status').distinct().execute();
    expect(rows.map((r) => r.email_status)).toEqual(['none']);
    expect(await deliverEmails(h.s)).toEqual({ sent: 0, failed: 0, gaveUp: 0 });
  });
});
