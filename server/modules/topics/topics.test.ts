import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, makeHarness, type Client, type Harness } from '../../test/harness.js';
import { DOCX, EXE, FUNDS_TOPIC, PDF, PLAIN_TOPIC, ZIP } from '../../test/fixtures.js';
import type { TopicDto } from '../../../core/contracts/topics.js';

describe('topics (§2)', () => {
  let h: Harness;
  let head: Client, deputy: Client, staff: Client, chenjing: Client, other: Client;
  let trade: string;
  beforeAll(async () => {
    h = await makeHarness();
    head = await h.login('head');
    deputy = await h.login('deputy');
    staff = await h.login('staff');
    chenjing = await h.login('chenjing');
    other = await h.login('zhugang');
    trade = await h.divisionId('对外贸易处');
  });
  afterAll(async () => h.close());

  const create = async (c: Client, body: object = PLAIN_TOPIC) => {
    const r = await c.post('/api/topics', { divisionId: trade, ...body });
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as TopicDto;
  };
  const upload = (c: Client, topicId: string, data: Buffer, name: string) =>
    h.app.inject({
      method: 'POST',
      url: `/api/topics/${topicId}/attachments`,
      headers: {
        cookie: c.cookie,
        'x-csrf-token': c.csrf,
        'content-type': 'application/octet-stream',
        'x-filename': encodeURIComponent(name),
      },
      payload: data,
    });

  it('R2.1: a topic the head sets is approved at once', async () => {
    const t = await create(head);
    expect(t.status).toBe('approved');
    expect(t.history.map((e) => e.action)).toEqual(['created_by_head']);
  });

  it('R2.2: a staff proposal enters the pool only after the head approves it', async () => {
    const t = await create(staff);
    expect(t.status).toBe('draft');
    const pool = async () =>
      (
        (await head.get(`/api/topics?divisionId=${trade}&pool=true`)).json() as { items: Array<{ id: string }> }
      ).items.map((x) => x.id);
    expect(await pool()).not.toContain(t.id);
    const sub = (await staff.post(`/api/topics/${t.id}/submit`, { version: 1 })).json() as TopicDto;
    expect(sub.status).toBe('submitted');
    expect(await pool()).not.toContain(t.id);
    const ok = await head.post(`/api/topics/${t.id}/approve`, { version: sub.version });
    expect(ok.statusCode).toBe(200);
    expect(await pool()).toContain(t.id);
    const notices = (await staff.get('/api/notices')).json() as {
      items: Array<{ kind: string; subjectId: string }>;
      unread: number;
    };
    expect(notices.items.some((n) => n.kind === 'topic.approve' && n.subjectId === t.id)).toBe(true);
  });

  it('R2.2: a deputy approves only when the head authorised it', async () => {
    const t = await create(chenjing);
    const sub = (await chenjing.post(`/api/topics/${t.id}/submit`, { version: 1 })).json() as TopicDto;
    const denied = await deputy.post(`/api/topics/${t.id}/approve`, { version: sub.version });
    expect(denied.statusCode).toBe(403);
    const deputyId = await h.userId('deputy');
    expect(
      (
        await staff.put(`/api/divisions/${trade}/delegations`, {
          delegations: [{ userId: deputyId, power: 'approve_topics' }],
        })
      ).statusCode,
    ).toBe(403);
    const grant = await head.put(`/api/divisions/${trade}/delegations`, {
      delegations: [{ userId: deputyId, power: 'approve_topics' }],
    });
    expect(grant.statusCode).toBe(200);
    expect((await deputy.post(`/api/topics/${t.id}/approve`, { version: sub.version })).statusCode).toBe(200);
    const staffId = await h.userId('staff');
    const bad = await head.put(`/api/divisions/${trade}/delegations`, {
      delegations: [{ userId: staffId, power: 'convene' }],
    });
    expect(codeOf(bad)).toBe('VALIDATION_FAILED');
  });

  it('a returned topic carries the reason; the proposer revises and resubmits; history is kept', async () => {
    const t = await create(staff);
    const sub = (await staff.post(`/api/topics/${t.id}/submit`, { version: 1 })).json() as TopicDto;
    const noReason = await head.post(`/api/topics/${t.id}/return`, { version: sub.version, reason: ' ' });
    expect(codeOf(noReason)).toBe('VALIDATION_FAILED');
    const ret = (
      await head.post(`/api/topics/${t.id}/return`, { version: sub.version, reason: '请补充近三年数据' })
    ).json() as TopicDto;
    expect(ret).toMatchObject({ status: 'returned', returnReason: '请补充近三年数据' });
    const edited = await staff.put(`/api/topics/${t.id}`, {
      ...PLAIN_TOPIC,
      description: '补充了近三年数据。',
      version: ret.version,
    });
    expect(edited.statusCode).toBe(200);
    const again = (
      await staff.post(`/api/topics/${t.id}/submit`, { version: (edited.json() as TopicDto).version })
    ).json() as TopicDto;
    expect(again.status).toBe('submitted');
    expect(again.returnReason).toBeNull();
    expect(again.history.map((e) => e.action)).toEqual(['created', 'submit', 'return', 'edited', 'submit']);
    // the head cannot approve with a stale version
    expect(codeOf(await head.post(`/api/topics/${t.id}/approve`, { version: ret.version }))).toBe('CONFLICT');
  });

  it('R4.1 R1.2 R4.2: a topic with a matter flag is an important matter; funds need an amount; the category is one of the unit’s', async () => {
    const t = await create(staff, FUNDS_TOPIC);
    expect(t.importantMatter).toBe(true);
    expect(t.fundsAmountYuan).toBe('1200000.00');
    const noAmount = await staff.post('/api/topics', { divisionId: trade, ...FUNDS_TOPIC, fundsAmountYuan: null });
    expect(codeOf(noAmount)).toBe('VALIDATION_FAILED');
    const badCategory = await staff.post('/api/topics', { divisionId: trade, ...PLAIN_TOPIC, category: '闲谈' });
    expect(codeOf(badCategory)).toBe('VALIDATION_FAILED');
  });

  it('R2.4: a staff-proposed important matter is refused without written material', async () => {
    const t = await create(staff, FUNDS_TOPIC);
    const refused = await staff.post(`/api/topics/${t.id}/submit`, { version: t.version });
    expect(refused.statusCode).toBe(422);
    expect(codeOf(refused)).toBe('MATERIAL_REQUIRED');
    expect(((await staff.get(`/api/topics/${t.id}`)).json() as TopicDto).status).toBe('draft');
    // a statement of 200 characters counts as written material
    const long = await staff.put(`/api/topics/${t.id}`, {
      ...FUNDS_TOPIC,
      description: '说明'.repeat(100),
      version: t.version,
    });
    const ok = await staff.post(`/api/topics/${t.id}/submit`, { version: (long.json() as TopicDto).version });
    expect(ok.statusCode).toBe(200);
  });

  it('R2.4: an attachment counts as written material', async () => {
    const t = await create(staff, { ...PLAIN_TOPIC, important: true });
    expect(codeOf(await staff.post(`/api/topics/${t.id}/submit`, { version: t.version }))).toBe('MATERIAL_REQUIRED');
    expect((await upload(staff, t.id, PDF, '方案.pdf')).statusCode).toBe(201);
    expect((await staff.post(`/api/topics/${t.id}/submit`, { version: t.version })).statusCode).toBe(200);
  });

  it('attachments: checked by content, stored by hash, downloaded under the sanitised Chinese name', async () => {
    const t = await create(staff);
    const bad = await upload(staff, t.id, EXE, '通知.pdf');
    expect(bad.statusCode).toBe(415);
    expect(codeOf(bad)).toBe('FILE_TYPE_NOT_ALLOWED');
    expect(codeOf(await upload(staff, t.id, ZIP, 'data.zip'))).toBe('FILE_TYPE_NOT_ALLOWED');
    const big = await upload(staff, t.id, Buffer.concat([PDF, Buffer.alloc(3 * 1024 * 1024)]), '大文件.pdf');
    expect(big.statusCode).toBe(413);
    expect(codeOf(big)).toBe('FILE_TOO_LARGE');
    const trav = await upload(staff, t.id, DOCX, '../../etc/参展方案.docx');
    expect(trav.statusCode).toBe(201);
    const att = trav.json() as { id: string; filename: string; fileType: string; sha256: string };
    expect(att).toMatchObject({ filename: '参展方案.docx', fileType: 'docx' });
    expect(
      existsSync(join(h.s.config.dataDir, 'blobs', att.sha256.slice(0, 2), att.sha256.slice(2, 4), att.sha256)),
    ).toBe(true);
    const dl = await head.get(`/api/topics/${t.id}/attachments/${att.id}`);
    expect(dl.statusCode).toBe(404); // still a draft: only the proposer sees it
    const own = await staff.get(`/api/topics/${t.id}/attachments/${att.id}`);
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('参展方案.docx')}`);
    expect(own.rawPayload.equals(DOCX)).toBe(true);
    const list = (await staff.get(`/api/topics/${t.id}`)).json() as TopicDto;
    expect(list.attachments).toHaveLength(1);
  });

  it('attachments: the name’s extension and the content agree; a name without one gets the content’s', async () => {
    const t = await create(staff);
    const renamed = await upload(staff, t.id, Buffer.from('这是一份文本文件'), '通知.pdf');
    expect(renamed.statusCode).toBe(415);
    expect(codeOf(renamed)).toBe('FILE_TYPE_NOT_ALLOWED');
    expect((renamed.json() as { error: { message: string } }).error.message).toContain(
      '文件扩展名为 .pdf，但内容不是 PDF',
    );
    expect(codeOf(await upload(staff, t.id, PDF, '方案.docx'))).toBe('FILE_TYPE_NOT_ALLOWED');
    expect(codeOf(await upload(staff, t.id, PDF, '方案.exe'))).toBe('FILE_TYPE_NOT_ALLOWED');
    const upper = await upload(staff, t.id, PDF, '方案.PDF');
    expect(upper.statusCode, upper.body).toBe(201);
    const bare = await upload(staff, t.id, DOCX, '参展方案');
    expect(bare.statusCode, bare.body).toBe(201);
    expect(bare.json()).toMatchObject({ filename: '参展方案.docx', fileType: 'docx' });
    const text = await upload(staff, t.id, Buffer.from('会议要点'), '要点 v1.2');
    expect(text.json()).toMatchObject({ filename: '要点 v1.2.txt', fileType: 'txt' });
    const list = (await staff.get(`/api/topics/${t.id}`)).json() as TopicDto;
    expect(list.attachments).toHaveLength(3);
  });

  it('撤回 is the proposer’s, and only once submitted; the head refuses by 退回', async () => {
    const t = await create(staff);
    const draft = await staff.post(`/api/topics/${t.id}/withdraw`, { version: t.version });
    expect(draft.statusCode).toBe(409);
    expect(codeOf(draft)).toBe('INVALID_TRANSITION');
    expect(((await staff.get(`/api/topics/${t.id}`)).json() as TopicDto).status).toBe('draft');
    const sub = (await staff.post(`/api/topics/${t.id}/submit`, { version: t.version })).json() as TopicDto;
    const seen = (await head.get(`/api/topics/${t.id}`)).json() as TopicDto;
    expect(seen.abilities).toMatchObject({ withdraw: false, return: true });
    const byHead = await head.post(`/api/topics/${t.id}/withdraw`, { version: sub.version });
    expect(byHead.statusCode).toBe(403);
    expect(codeOf(byHead)).toBe('FORBIDDEN');
    expect(((await staff.get(`/api/topics/${t.id}`)).json() as TopicDto).status).toBe('submitted');
    const own = await staff.post(`/api/topics/${t.id}/withdraw`, { version: sub.version });
    expect(own.statusCode, own.body).toBe(200);
    expect((own.json() as TopicDto).status).toBe('withdrawn');
  });

  it('visibility: drafts are the proposer’s; other divisions see nothing; leaders per their scope', async () => {
    const draft = await create(staff);
    expect((await head.get(`/api/topics/${draft.id}`)).statusCode).toBe(404);
    const t = await create(head);
    expect((await other.get(`/api/topics/${t.id}`)).statusCode).toBe(404);
    expect((await (await h.login('director')).get(`/api/topics/${t.id}`)).statusCode).toBe(200);
    expect((await (await h.login('leader')).get(`/api/topics/${t.id}`)).statusCode).toBe(200);
    expect((await (await h.login('zhaohaiyan')).get(`/api/topics/${t.id}`)).statusCode).toBe(404);
    expect((await (await h.login('jiancha')).get(`/api/topics/${t.id}`)).statusCode).toBe(200);
    expect((await other.get(`/api/topics?divisionId=${trade}`)).statusCode).toBe(404);
    expect((await other.post('/api/topics', { divisionId: trade, ...PLAIN_TOPIC })).statusCode).toBe(403);
    // read-only leaders cannot approve
    const sub = await create(chenjing);
    const v = ((await chenjing.post(`/api/topics/${sub.id}/submit`, { version: 1 })).json() as TopicDto).version;
    expect((await (await h.login('director')).post(`/api/topics/${sub.id}/approve`, { version: v })).statusCode).toBe(
      403,
    );
  });

  it('every transition is audited', async () => {
    const rows = await h.s.db.kysely
      .selectFrom('audit_events')
      .select('action')
      .where('subject_type', '=', 'topic')
      .execute();
    const actions = new Set(rows.map((r) => r.action));
    for (const a of [
      'topic.create',
      'topic.submit',
      'topic.approve',
      'topic.return',
      'topic.update',
      'topic.attachment_add',
    ]) {
      expect(actions.has(a), a).toBe(true);
    }
  });
});
