import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, makeHarness, type Client, type Harness } from '../../test/harness.js';
import { FUNDS_TOPIC, PLAIN_TOPIC, PDF } from '../../test/fixtures.js';
import type { TopicDto } from '../../../core/contracts/topics.js';

/** Importance is not self-declared, and nobody approves their own topic (R2.2, R2.4, R4.1, R1.2). */
describe('topics: who approves, and what makes a matter important', () => {
  let h: Harness;
  let head: Client, deputy: Client, staff: Client;
  let trade: string;

  beforeAll(async () => {
    h = await makeHarness();
    head = await h.login('head');
    deputy = await h.login('deputy');
    staff = await h.login('staff');
    trade = await h.divisionId('对外贸易处');
    const granted = await head.put(`/api/divisions/${trade}/delegations`, {
      delegations: [{ userId: await h.userId('deputy'), power: 'approve_topics' }],
    });
    expect(granted.statusCode, granted.body).toBe(200);
  });
  afterAll(async () => h.close());

  const propose = async (c: Client, body: object) => {
    const r = await c.post('/api/topics', { divisionId: trade, ...PLAIN_TOPIC, ...body });
    return r;
  };

  it('R2.2: a deputy with delegated approval cannot approve or return a topic they proposed; it goes to the head', async () => {
    const own = (await propose(deputy, { title: '副处长提出的议题' })).json() as TopicDto;
    const sub = (await deputy.post(`/api/topics/${own.id}/submit`, { version: own.version })).json() as TopicDto;
    expect(sub.abilities).toMatchObject({ approve: false, return: false });
    const approve = await deputy.post(`/api/topics/${own.id}/approve`, { version: sub.version });
    expect(approve.statusCode).toBe(403);
    expect(codeOf(approve)).toBe('SELF_APPROVAL');
    const ret = await deputy.post(`/api/topics/${own.id}/return`, { version: sub.version, reason: '自己退回' });
    expect(codeOf(ret)).toBe('SELF_APPROVAL');
    const wbDeputy = (await deputy.get('/api/workbench')).json() as { topicsToApprove: Array<{ id: string }> };
    expect(wbDeputy.topicsToApprove.map((t) => t.id)).not.toContain(own.id);
    const wbHead = (await head.get('/api/workbench')).json() as { topicsToApprove: Array<{ id: string }> };
    expect(wbHead.topicsToApprove.map((t) => t.id)).toContain(own.id);
    expect(((await head.get(`/api/topics/${own.id}`)).json() as TopicDto).abilities.approve).toBe(true);
    const ok = await head.post(`/api/topics/${own.id}/approve`, { version: sub.version });
    expect(ok.statusCode).toBe(200);
    // Someone else's topic the deputy still approves.
    const other = (await propose(staff, { title: '工作人员的议题' })).json() as TopicDto;
    const s2 = (await staff.post(`/api/topics/${other.id}/submit`, { version: other.version })).json() as TopicDto;
    expect((await deputy.post(`/api/topics/${other.id}/approve`, { version: s2.version })).statusCode).toBe(200);
  });

  it('R2.4 R1.2: a funds or major-penalty category implies its flag — the proposer cannot clear it — and importance', async () => {
    const cleared = await propose(staff, { ...FUNDS_TOPIC, matterFlags: [], fundsAmountYuan: null });
    expect(cleared.statusCode).toBe(422);
    expect(codeOf(cleared)).toBe('MATTER_FLAG_REQUIRED');
    const penalty = await propose(staff, { title: '对某企业的行政处罚', category: '重大处罚事项', matterFlags: [] });
    expect(codeOf(penalty)).toBe('MATTER_FLAG_REQUIRED');
    const t = (await propose(staff, { ...FUNDS_TOPIC, important: false })).json() as TopicDto;
    expect(t).toMatchObject({
      important: true,
      importantMatter: true,
      implied: { matterFlags: ['funds'], important: true },
    });
    const edit = await staff.put(`/api/topics/${t.id}`, {
      ...PLAIN_TOPIC,
      title: t.title,
      category: FUNDS_TOPIC.category,
      matterFlags: [],
      version: t.version,
    });
    expect(codeOf(edit)).toBe('MATTER_FLAG_REQUIRED');
    // R2.4 then applies: no written material, no submission.
    const noMaterial = await staff.post(`/api/topics/${t.id}/submit`, { version: t.version });
    expect(codeOf(noMaterial)).toBe('MATERIAL_REQUIRED');
    const up = await h.app.inject({
      method: 'POST',
      url: `/api/topics/${t.id}/attachments`,
      headers: {
        cookie: staff.cookie,
        'x-csrf-token': staff.csrf,
        'content-type': 'application/octet-stream',
        'x-filename': encodeURIComponent('资金分配方案.pdf'),
      },
      payload: PDF,
    });
    expect(up.statusCode, up.body).toBe(201);
    expect((await staff.post(`/api/topics/${t.id}/submit`, { version: t.version })).statusCode).toBe(200);
  });

  it('R2.4 R4.1: a unit may map another category to projects; the proposer must then flag it', async () => {
    const admin = await h.login('admin');
    const cur = (await admin.get('/api/settings/regime')).json() as {
      value: { categoryImplications: unknown[] };
      version: number;
    };
    const mapped = await admin.put('/api/admin/settings/regime', {
      version: cur.version,
      value: {
        ...cur.value,
        categoryImplications: [
          ...cur.value.categoryImplications,
          { category: '商务发展重要课题研究', matterFlags: ['project'], important: true },
        ],
      },
    });
    expect(mapped.statusCode, mapped.body).toBe(200);
    const r = await propose(staff, { title: '跨境电商课题', category: '商务发展重要课题研究', matterFlags: [] });
    expect(codeOf(r)).toBe('MATTER_FLAG_REQUIRED');
    const ok = await propose(staff, {
      title: '跨境电商课题',
      category: '商务发展重要课题研究',
      matterFlags: ['project'],
    });
    expect((ok.json() as TopicDto).important).toBe(true);
  });

  it('R1.2 R4.1: the approver adds flags a proposer left out; only the approver, never removing one', async () => {
    const t = (
      await propose(staff, { title: '举办外贸企业培训班', description: '说明'.repeat(120) })
    ).json() as TopicDto;
    const sub = (await staff.post(`/api/topics/${t.id}/submit`, { version: t.version })).json() as TopicDto;
    expect(sub.abilities.addFlags).toBe(false);
    const bystander = await staff.post(`/api/topics/${t.id}/flags`, { version: sub.version, add: ['project'] });
    expect(bystander.statusCode).toBe(403);
    const noAmount = await head.post(`/api/topics/${t.id}/flags`, { version: sub.version, add: ['funds'] });
    expect(codeOf(noAmount)).toBe('VALIDATION_FAILED');
    const added = await head.post(`/api/topics/${t.id}/flags`, {
      version: sub.version,
      add: ['funds'],
      fundsAmountYuan: '50000.00',
    });
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json()).toMatchObject({ matterFlags: ['funds'], fundsAmountYuan: '50000.00', importantMatter: true });
    const removal = await head.post(`/api/topics/${t.id}/flags`, {
      version: sub.version + 1,
      add: [],
      remove: ['funds'],
    });
    expect(codeOf(removal)).toBe('VALIDATION_FAILED');
    expect(((await head.get(`/api/topics/${t.id}`)).json() as TopicDto).matterFlags).toEqual(['funds']);
  });
});
