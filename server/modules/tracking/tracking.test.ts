import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { codeOf, makeHarness, TEST_DB, type Client, type Harness } from '../../test/harness.js';
import { PDF } from '../../test/fixtures.js';
import { holdMeeting, issueAt } from '../../test/flows.js';
import { race } from '../../test/race.js';
import { on } from '../../platform/events.js';
import { AppError } from '../../../core/errors.js';
import type { TrackingDetailDto, TrackingItemDto } from '../../../core/contracts/tracking.js';
import type { MinutesDto } from '../../../core/contracts/minutes.js';
import { matchName } from '../../platform/db/migrations/0010-tracking.js';

type Page = { items: TrackingItemDto[]; nextCursor: string | null; scope: string; scopes: string[] };

/** A fault injected after the items are written, to prove they share the issue's transaction. */
let failIssue = false;
on('minutes.issued', async () => {
  if (failIssue) throw new AppError('CONFLICT', '注入的故障');
});

describe('execution tracking (督办, R6.2)', () => {
  let h: Harness;
  let ids: Record<string, string>;
  let trade: string;
  let minutes: MinutesDto;
  let items: TrackingItemDto[];
  const as: Record<string, Client> = {};
  const login = async () => {
    for (const u of ['head', 'deputy', 'staff', 'chenjing', 'yangfan', 'leader', 'jiancha', 'director', 'zhugang'])
      as[u] = await h.login(u);
  };
  const item = (text: string) => {
    const found = items.find((i) => i.decisionText === text);
    if (!found) throw new Error(`no item ${text}`);
    return found;
  };
  const get = async (c: Client, id: string) => (await c.get(`/api/tracking/items/${id}`)).json() as TrackingDetailDto;
  const upload = (c: Client, id: string) =>
    h.app.inject({
      method: 'POST',
      url: `/api/tracking/items/${id}/attachments`,
      headers: {
        cookie: c.cookie,
        'x-csrf-token': c.csrf,
        'content-type': 'application/octet-stream',
        'x-filename': encodeURIComponent('办理情况.pdf'),
      },
      payload: PDF,
    });
  const ok = (r: LightMyRequestResponse) => {
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as TrackingDetailDto;
  };

  beforeAll(async () => {
    h = await makeHarness();
    trade = await h.divisionId('对外贸易处');
    ids = Object.fromEntries(
      await Promise.all(
        ['head', 'deputy', 'staff', 'chenjing', 'yangfan', 'leader', 'zhugang'].map(async (u) => [
          u,
          await h.userId(u),
        ]),
      ),
    );
    await holdMeeting(h, '2026-11-10T09:00:00+08:00', '督办例会', {
      decisions: [
        {
          text: '抓紧制定参展补助实施细则',
          outcome: 'adopted',
          responsibleUserId: ids.staff,
          coResponsibleIds: [ids.chenjing],
          deadline: '2026-11-30',
        },
        { text: '牵头对接重点外贸企业', outcome: 'adopted', responsibleUserId: ids.head, deadline: '2026-12-15' },
        { text: '暂不调整补助标准', outcome: 'rejected', deadline: null },
        { text: '研究建立企业联系制度', outcome: 'adopted', note: '会后明确', deadline: null },
      ],
    });
  });
  afterAll(async () => h.close());

  it('R6.2: a decision’s party is a person or division of the unit, the deadline not before the meeting', async () => {
    // The meeting above saved them; here the record's refusals, on a meeting in session.
    h.clock.set('2026-11-09T07:00:00+08:00');
    const head = await h.login('head');
    const topic = (
      await head.post('/api/topics', {
        divisionId: trade,
        title: '校验责任人',
        category: '汇报工作情况及阶段性工作总结',
        description: '说明',
        matterFlags: [],
        important: false,
      })
    ).json() as { id: string };
    const m = (
      await head.post('/api/meetings', {
        divisionId: trade,
        kind: 'regular',
        startsAt: '2026-11-09T09:00:00+08:00',
        place: '一室',
        agenda: [topic.id],
      })
    ).json() as { id: string; version: number };
    h.clock.set('2026-11-09T09:00:00+08:00');
    const head2 = await h.login('head');
    const recorder = await h.login('recorder');
    await head2.post(`/api/meetings/${m.id}/start`, { version: m.version });
    const save = (d: object) =>
      recorder.put(`/api/meetings/${m.id}/record/${topic.id}`, {
        version: 0,
        status: 'recorded',
        discussion: '讨论',
        opinions: [],
        decisions: [{ text: '落实', outcome: 'adopted', deadline: null, ...d }],
      });
    expect(codeOf(await save({ responsibleUserId: '00000000-0000-4000-8000-000000000000' }))).toBe(
      'RESPONSIBLE_INVALID',
    );
    expect(codeOf(await save({ responsibleUserId: ids.staff, responsibleDivisionId: trade }))).toBe(
      'RESPONSIBLE_INVALID',
    );
    expect(codeOf(await save({ responsibleUserId: ids.staff, coResponsibleIds: [ids.staff] }))).toBe(
      'RESPONSIBLE_INVALID',
    );
    expect(codeOf(await save({ responsibleUserId: ids.staff, deadline: '2026-11-08' }))).toBe(
      'DEADLINE_BEFORE_MEETING',
    );
    // Free text as the party is gone: a crafted body naming one is a 400.
    const crafted = await save({ responsible: '刘洋' });
    expect(crafted.statusCode).toBe(400);
    const saved = await save({ responsibleUserId: ids.staff, deadline: '2026-11-09' });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((saved.json() as { decisions: Array<{ responsible: string }> }).decisions[0]?.responsible).toBe('刘洋');
  });

  it('R6.2: an issue that fails creates no item, and gives its number back', async () => {
    const m = await h.testDb.db.kysely
      .selectFrom('meetings')
      .select('id')
      .where('title', '=', '督办例会')
      .executeTakeFirstOrThrow();
    failIssue = true;
    await expect(issueAt(h, m.id, '2026-11-10T16:00:00+08:00')).rejects.toThrow(/issue/);
    failIssue = false;
    expect(await h.testDb.db.kysely.selectFrom('tracking_items').select('id').execute()).toEqual([]);
    const n = await h.testDb.db.kysely
      .selectFrom('minutes')
      .select(['id', 'status', 'version'])
      .where('meeting_id', '=', m.id)
      .executeTakeFirstOrThrow();
    expect(n.status).toBe('in_review');
    // Issued now, for real, by the head.
    const head = await h.login('head');
    const r = await head.post(`/api/minutes/${n.id}/issue`, { version: Number(n.version) });
    expect(r.statusCode, r.body).toBe(200);
    minutes = r.json() as MinutesDto;
    expect(minutes.number).toBe('〔2026〕1号');
  });

  it('R6.2: issuing creates one item per decision to execute, in the issue transaction, and tells the responsible', async () => {
    await login();
    const page = (await as.head?.get('/api/tracking/items?scope=division'))?.json() as Page;
    items = page.items;
    expect(items.map((i) => i.decisionText).sort()).toEqual(
      ['抓紧制定参展补助实施细则', '牵头对接重点外贸企业', '研究建立企业联系制度'].sort(),
    );
    const d0 = item('抓紧制定参展补助实施细则');
    expect(d0).toMatchObject({
      status: 'pending',
      sourceMinutesId: minutes.id,
      sourceNumber: '〔2026〕1号',
      responsibleName: '刘洋',
      coResponsible: [{ id: ids.chenjing, name: '陈静' }],
      deadline: '2026-11-30',
      originalDeadline: '2026-11-30',
      light: 'green',
      needsCompletion: false,
      divisionId: trade,
    });
    // The wording is the minutes' sentence, with the person and the deadline.
    expect(d0.wording).toBe(
      '会议议定：抓紧制定参展补助实施细则（责任人：刘洋；协办人：陈静；完成时限：2026年11月30日）。',
    );
    expect(minutes.content.sections[0]?.blocks.map((b) => b.text)).toContain(d0.wording);
    expect(item('研究建立企业联系制度')).toMatchObject({ needsCompletion: true, light: null, note: '会后明确' });
    for (const u of ['staff', 'chenjing']) {
      const notices = (await as[u]?.get('/api/notices'))?.json() as {
        items: Array<{ kind: string; subjectId: string }>;
      };
      expect(
        notices.items.some((n) => n.kind === 'tracking.assigned' && n.subjectId === d0.id),
        u,
      ).toBe(true);
    }
    const audit = await h.testDb.db.kysely
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'tracking.create')
      .execute();
    expect(audit).toHaveLength(3);
  });

  it('R6.2: who sees what — 404 for an item one may not see, the scope decided by the server', async () => {
    const d0 = item('抓紧制定参展补助实施细则');
    expect((await as.zhugang?.get(`/api/tracking/items/${d0.id}`))?.statusCode).toBe(404);
    expect(codeOf((await as.zhugang?.post(`/api/tracking/items/${d0.id}/reports`, { version: 1, text: 'x' }))!)).toBe(
      'NOT_FOUND',
    );
    expect((await as.yangfan?.get(`/api/tracking/items/${d0.id}`))?.statusCode).toBe(404);
    const mine = (await as.staff?.get('/api/tracking/items'))?.json() as Page;
    expect(mine.scope).toBe('mine');
    expect(mine.items.map((i) => i.id)).toEqual([d0.id]);
    expect((await as.staff?.get('/api/tracking/items?scope=all'))?.statusCode).toBe(403);
    const co = (await as.chenjing?.get('/api/tracking/items'))?.json() as Page;
    expect(co.items.map((i) => i.id)).toEqual([d0.id]);
    expect(((await as.director?.get('/api/tracking/items'))?.json() as Page).scope).toBe('all');
    expect(((await as.director?.get('/api/tracking/items'))?.json() as Page).items).toHaveLength(3);
    expect(((await as.leader?.get('/api/tracking/items'))?.json() as Page).items).toHaveLength(3);
    expect(((await as.jiancha?.get('/api/tracking/items'))?.json() as Page).items).toHaveLength(3);
    expect(((await as.zhugang?.get('/api/tracking/items?scope=division'))?.json() as Page).items).toEqual([]);
    // Filters and paging.
    const funds = (await as.head?.get(`/api/tracking/items?scope=division&needsCompletion=true`))?.json() as Page;
    expect(funds.items.map((i) => i.decisionText)).toEqual(['研究建立企业联系制度']);
    const p1 = (await as.head?.get('/api/tracking/items?limit=2'))?.json() as Page;
    expect(p1.items).toHaveLength(2);
    const p2 = (await as.head?.get(`/api/tracking/items?limit=2&cursor=${p1.nextCursor}`))?.json() as Page;
    expect([...p1.items, ...p2.items].map((i) => i.deadline)).toEqual(['2026-11-30', '2026-12-15', null]);
    expect(p2.nextCursor).toBe(null);
    expect((await as.head?.get('/api/tracking/items?cursor=bad'))?.statusCode).toBe(400);
    expect(
      ((await as.head?.get(`/api/tracking/items?sourceMinutesId=${minutes.id}&deadlineTo=2026-12-01`))?.json() as Page)
        .items,
    ).toHaveLength(1);
  });

  it('R6.2: progress, completion with evidence, 退回 and 已办结 — each by whom the regulation names', async () => {
    let d0 = item('抓紧制定参展补助实施细则');
    h.clock.set('2026-11-12T10:00:00+08:00');
    await login();
    // The deputy leads the division and sees the item, but does not execute it: 403.
    expect(codeOf((await as.deputy?.post(`/api/tracking/items/${d0.id}/reports`, { version: 1, text: '进展' }))!)).toBe(
      'FORBIDDEN',
    );
    const up = await upload(as.staff!, d0.id);
    expect(up.statusCode, up.body).toBe(201);
    const file = up.json() as { id: string };
    // Someone else cannot report with the staff's file.
    expect(
      (
        await as.chenjing?.post(`/api/tracking/items/${d0.id}/reports`, {
          version: 1,
          text: '协办进展',
          attachmentIds: [file.id],
        })
      )?.statusCode,
    ).toBe(400);
    let d = ok(
      (await as.staff?.post(`/api/tracking/items/${d0.id}/reports`, {
        version: 1,
        text: '已起草初稿',
        attachmentIds: [file.id],
      }))!,
    );
    expect(d.status).toBe('in_progress');
    expect(d.timeline.map((e) => e.kind)).toEqual(['created', 'report']);
    expect(d.timeline[1]?.attachments.map((a) => a.filename)).toEqual(['办理情况.pdf']);
    d = ok(
      (await as.chenjing?.post(`/api/tracking/items/${d0.id}/reports`, {
        version: d.version,
        text: '已征求企业意见',
      }))!,
    );
    // A stale version, an unknown key: 409 and 400.
    expect(codeOf((await as.staff?.post(`/api/tracking/items/${d0.id}/reports`, { version: 1, text: '旧' }))!)).toBe(
      'CONFLICT',
    );
    expect(
      (
        await as.staff?.post(`/api/tracking/items/${d0.id}/reports`, {
          version: d.version,
          text: 'x',
          status: 'completed',
        })
      )?.statusCode,
    ).toBe(400);
    // Completion needs evidence; the co-responsible cannot ask for it.
    expect(
      codeOf(
        (await as.staff?.post(`/api/tracking/items/${d0.id}/completion`, { version: d.version, text: '已完成' }))!,
      ),
    ).toBe('EVIDENCE_REQUIRED');
    expect(
      codeOf(
        (await as.chenjing?.post(`/api/tracking/items/${d0.id}/completion`, { version: d.version, text: '已完成' }))!,
      ),
    ).toBe('FORBIDDEN');
    const ev = (await upload(as.staff!, d0.id)).json() as { id: string };
    d = ok(
      (await as.staff?.post(`/api/tracking/items/${d0.id}/completion`, {
        version: d.version,
        text: '实施细则已印发',
        attachmentIds: [ev.id],
      }))!,
    );
    expect(d.status).toBe('completion_requested');
    expect(
      codeOf((await as.staff?.post(`/api/tracking/items/${d0.id}/reports`, { version: d.version, text: '再报' }))!),
    ).toBe('INVALID_TRANSITION');
    // The staff cannot confirm their own; the supervising leader is not the decider of a staff item.
    expect(codeOf((await as.staff?.post(`/api/tracking/items/${d0.id}/confirm`, { version: d.version }))!)).toBe(
      'FORBIDDEN',
    );
    expect(codeOf((await as.leader?.post(`/api/tracking/items/${d0.id}/confirm`, { version: d.version }))!)).toBe(
      'FORBIDDEN',
    );
    expect(codeOf((await as.zhugang?.post(`/api/tracking/items/${d0.id}/confirm`, { version: d.version }))!)).toBe(
      'NOT_FOUND',
    );
    d = ok(
      (await as.head?.post(`/api/tracking/items/${d0.id}/return`, { version: d.version, reason: '请补充资金测算' }))!,
    );
    expect(d.status).toBe('in_progress');
    const ev2 = (await upload(as.staff!, d0.id)).json() as { id: string };
    d = ok(
      (await as.staff?.post(`/api/tracking/items/${d0.id}/completion`, {
        version: d.version,
        text: '已补充',
        attachmentIds: [ev2.id],
      }))!,
    );
    d = ok((await as.head?.post(`/api/tracking/items/${d0.id}/confirm`, { version: d.version }))!);
    expect(d).toMatchObject({ status: 'completed', light: null });
    expect(d.closedAt).toBe('2026-11-12T02:00:00.000Z');
    // 已核验 only by the supervision office.
    expect(codeOf((await as.head?.post(`/api/tracking/items/${d0.id}/verify`, { version: d.version }))!)).toBe(
      'FORBIDDEN',
    );
    d = ok((await as.jiancha?.post(`/api/tracking/items/${d0.id}/verify`, { version: d.version, note: '抽查属实' }))!);
    expect(d.status).toBe('verified');
    expect(d.timeline.map((e) => e.kind)).toEqual([
      'created',
      'report',
      'report',
      'completion_request',
      'return',
      'completion_request',
      'confirm',
      'verify',
    ]);
    const file2 = await as.jiancha?.get(`/api/tracking/items/${d0.id}/attachments/${ev2.id}`);
    expect(file2?.statusCode).toBe(200);
    expect((await as.zhugang?.get(`/api/tracking/items/${d0.id}/attachments/${ev2.id}`))?.statusCode).toBe(404);
    d0 = d;
    expect(
      codeOf(
        (await as.head?.post(`/api/tracking/items/${d0.id}/terminate`, {
          version: d.version,
          referenceNumber: '〔2026〕1号',
          reason: 'x',
        }))!,
      ),
    ).toBe('INVALID_TRANSITION');
  });

  it('R6.2: the head’s own item is confirmed and its extension decided by the supervising leader; the original deadline stays', async () => {
    const d1 = item('牵头对接重点外贸企业');
    h.clock.set('2026-12-01T10:00:00+08:00');
    await login();
    // The staff of the division do not see the head's own item; the deputy sees it but may not ask.
    expect((await as.staff?.get(`/api/tracking/items/${d1.id}`))?.statusCode).toBe(404);
    expect(
      codeOf(
        (await as.deputy?.post(`/api/tracking/items/${d1.id}/extensions`, {
          version: 1,
          reason: 'x',
          newDeadline: '2026-12-31',
        }))!,
      ),
    ).toBe('FORBIDDEN');
    // A Sunday is no deadline.
    expect(
      codeOf(
        (await as.head?.post(`/api/tracking/items/${d1.id}/extensions`, {
          version: 1,
          reason: '企业出国',
          newDeadline: '2026-12-20',
        }))!,
      ),
    ).toBe('VALIDATION_FAILED');
    let d = ok(
      (await as.head?.post(`/api/tracking/items/${d1.id}/extensions`, {
        version: 1,
        reason: '企业负责人出国',
        newDeadline: '2026-12-31',
      }))!,
    );
    const ext = d.extensionRequests[0];
    expect(ext).toMatchObject({ status: 'pending', fromDeadline: '2026-12-15', newDeadline: '2026-12-31' });
    expect(
      codeOf(
        (await as.head?.post(`/api/tracking/items/${d1.id}/extensions`, {
          version: d.version,
          reason: '再延',
          newDeadline: '2027-01-29',
        }))!,
      ),
    ).toBe('EXTENSION_PENDING');
    expect(
      codeOf(
        (await as.head?.post(`/api/tracking/items/${d1.id}/extensions/${ext?.id}/decide`, {
          version: d.version,
          approve: true,
        }))!,
      ),
    ).toBe('FORBIDDEN');
    d = ok(
      (await as.leader?.post(`/api/tracking/items/${d1.id}/extensions/${ext?.id}/decide`, {
        version: d.version,
        approve: true,
        note: '同意',
      }))!,
    );
    expect(d).toMatchObject({ deadline: '2026-12-31', originalDeadline: '2026-12-15', extensions: 1 });
    expect(d.extensionRequests[0]).toMatchObject({
      status: 'approved',
      decidedBy: '陈立新',
    });
    // After the (extended) deadline no extension may be asked.
    h.clock.set('2027-01-04T10:00:00+08:00');
    await login();
    expect(
      codeOf(
        (await as.head?.post(`/api/tracking/items/${d1.id}/extensions`, {
          version: d.version,
          reason: '再延',
          newDeadline: '2027-01-29',
        }))!,
      ),
    ).toBe('EXTENSION_TOO_LATE');
    const red = await get(as.head!, d1.id);
    expect(red).toMatchObject({ light: 'red' });
    expect(red.overdueWorkingDays).toBeGreaterThan(0);
    const ev = (await upload(as.head!, d1.id)).json() as { id: string };
    d = ok(
      (await as.head?.post(`/api/tracking/items/${d1.id}/completion`, {
        version: d.version,
        text: '已对接',
        attachmentIds: [ev.id],
      }))!,
    );
    expect(codeOf((await as.head?.post(`/api/tracking/items/${d1.id}/confirm`, { version: d.version }))!)).toBe(
      'FORBIDDEN',
    );
    d = ok((await as.leader?.post(`/api/tracking/items/${d1.id}/confirm`, { version: d.version }))!);
    expect(d.status).toBe('completed');
  });

  it('R6.2: an incomplete item is completed by the head, and 终止 needs a later meeting’s issued minutes number', async () => {
    const d3 = item('研究建立企业联系制度');
    h.clock.set('2027-01-05T10:00:00+08:00');
    await login();
    expect(codeOf((await as.yangfan?.get(`/api/tracking/items/${d3.id}`))!)).toBe('NOT_FOUND');
    expect(
      codeOf(
        (await as.deputy?.post(`/api/tracking/items/${d3.id}/assign`, {
          version: 1,
          responsibleUserId: ids.yangfan,
          deadline: '2027-02-26',
        }))!,
      ),
    ).toBe('FORBIDDEN');
    expect(
      codeOf(
        (await as.head?.post(`/api/tracking/items/${d3.id}/assign`, {
          version: 1,
          responsibleUserId: ids.yangfan,
          deadline: '2027-01-04',
        }))!,
      ),
    ).toBe('DEADLINE_BEFORE_MEETING');
    let d = ok(
      (await as.head?.post(`/api/tracking/items/${d3.id}/assign`, {
        version: 1,
        responsibleUserId: ids.yangfan,
        deadline: '2027-02-26',
      }))!,
    );
    expect(d).toMatchObject({
      needsCompletion: false,
      responsibleName: '杨帆',
      deadline: '2027-02-26',
      light: 'green',
    });
    expect((await as.yangfan?.get(`/api/tracking/items/${d3.id}`))?.statusCode).toBe(200);
    expect(
      codeOf(
        (await as.head?.post(`/api/tracking/items/${d3.id}/assign`, {
          version: d.version,
          responsibleUserId: ids.staff,
          deadline: '2027-02-26',
        }))!,
      ),
    ).toBe('INVALID_TRANSITION');
    // 终止: not by the responsible, not without a valid later number.
    const stop = (c: Client | undefined, referenceNumber: string, version = d.version) =>
      c!.post(`/api/tracking/items/${d3.id}/terminate`, {
        version,
        referenceNumber,
        reason: '情况变化，会议决定不再推进',
      });
    expect(codeOf(await stop(as.yangfan, '〔2027〕1号'))).toBe('FORBIDDEN');
    expect(codeOf(await stop(as.head, '〔2027〕1号'))).toBe('TERMINATION_REFERENCE_INVALID');
    expect(codeOf(await stop(as.head, minutes.number ?? ''))).toBe('TERMINATION_REFERENCE_INVALID');
    const later = await holdMeeting(h, '2027-01-06T09:00:00+08:00', '后续例会');
    const laterMinutes = await issueAt(h, later.id, '2027-01-06T15:00:00+08:00');
    await login();
    d = ok(await stop(as.head, laterMinutes.number ?? ''));
    expect(d).toMatchObject({ status: 'terminated', terminationReference: laterMinutes.number, light: null });
    expect(codeOf(await stop(as.head, laterMinutes.number ?? '', d.version))).toBe('INVALID_TRANSITION');
    // The item is still there, with its whole history.
    expect(d.timeline.map((e) => e.kind)).toEqual(['created', 'assigned', 'terminate']);
  });

  it('R6.2: the lights follow the working days, and the 工作台 counts items due and overdue', async () => {
    h.clock.set('2027-01-07T10:00:00+08:00');
    await login();
    // The later meeting made a division item without a deadline; give it one three working days ahead.
    const page = (await as.head?.get('/api/tracking/items?needsCompletion=true'))?.json() as Page;
    const open = page.items[0];
    if (!open) throw new Error('no open item');
    const d = ok(
      (await as.head?.post(`/api/tracking/items/${open.id}/assign`, {
        version: open.version,
        responsibleUserId: ids.staff,
        deadline: '2027-01-12',
      }))!,
    );
    expect(d.light).toBe('yellow');
    const wb = (await as.staff?.get('/api/workbench'))?.json() as { tracking: { dueSoon: number; overdue: number } };
    expect(wb.tracking).toEqual({ dueSoon: 1, overdue: 0 });
    expect(((await as.staff?.get('/api/tracking/items?light=yellow'))?.json() as Page).items.map((i) => i.id)).toEqual([
      open.id,
    ]);
    h.clock.set('2027-01-14T10:00:00+08:00');
    await login();
    const wb2 = (await as.head?.get('/api/workbench'))?.json() as { tracking: { dueSoon: number; overdue: number } };
    expect(wb2.tracking).toEqual({ dueSoon: 0, overdue: 1 });
    expect(((await as.head?.get('/api/tracking/items?overdueDays=2'))?.json() as Page).items.map((i) => i.id)).toEqual([
      open.id,
    ]);
    expect(((await as.head?.get('/api/tracking/items?overdueDays=3'))?.json() as Page).items).toEqual([]);
  });

  it(`R6.2: the same step fired twice at once (${TEST_DB}): exactly one succeeds`, async () => {
    h.clock.set('2027-01-14T11:00:00+08:00');
    await login();
    const page = (await as.staff?.get('/api/tracking/items?status=pending'))?.json() as Page;
    const it0 = page.items[0];
    if (!it0) throw new Error('no pending item');
    const ev = (await upload(as.staff!, it0.id)).json() as { id: string };
    const ev2 = (await upload(as.staff!, it0.id)).json() as { id: string };
    const asks = await Promise.all(
      [ev.id, ev2.id].map((f) =>
        as.staff!.post(`/api/tracking/items/${it0.id}/completion`, {
          version: it0.version,
          text: '完成',
          attachmentIds: [f],
        }),
      ),
    );
    expect(asks.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const cur = await get(as.head!, it0.id);
    const confirms = await race(
      2,
      () => as.head!.post(`/api/tracking/items/${it0.id}/confirm`, { version: cur.version }),
      'confirm',
    );
    expect(confirms.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const events = await h.testDb.db.kysely
      .selectFrom('tracking_events')
      .select('kind')
      .where('item_id', '=', it0.id)
      .where('kind', 'in', ['confirm', 'completion_request'])
      .execute();
    expect(events).toHaveLength(2);
  });
});

describe('R6.2: migrating free-text decisions', () => {
  const people = [
    { id: 'u1', name: '李伟' },
    { id: 'u2', name: '张敏' },
    { id: 'u3', name: '王芳' },
  ];
  it('a text that is one name, or holds exactly one, names that person; otherwise nobody', () => {
    expect(matchName('李伟', people)).toBe('u1');
    expect(matchName('李伟；', people)).toBe('u1');
    expect(matchName('由张敏同志牵头', people)).toBe('u2');
    expect(matchName('李伟、张敏', people)).toBe(null);
    expect(matchName('对外贸易处', people)).toBe(null);
    expect(matchName('', people)).toBe(null);
    expect(matchName('对外贸易处；', [{ id: 'd1', name: '对外贸易处' }])).toBe('d1');
  });
});
