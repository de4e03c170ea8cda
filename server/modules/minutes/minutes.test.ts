import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, makeHarness, type Client, type Harness } from '../../test/harness.js';
import { FUNDS_TOPIC, PLAIN_TOPIC } from '../../test/fixtures.js';
import type { MeetingDto } from '../../../core/contracts/meetings.js';
import type { MinutesDto } from '../../../core/contracts/minutes.js';
import type { RecordEntryDto } from '../../../core/contracts/record.js';
import type { TopicDto } from '../../../core/contracts/topics.js';
import { decisionInput } from '../../../core/record.js';

describe('record and minutes (§5.1–5.7, R6.1)', () => {
  let h: Harness;
  let head: Client, recorder: Client, deputy: Client, staff: Client;
  let trade: string;
  let headId: string;
  let meeting: MeetingDto;
  let t1: TopicDto, t2: TopicDto;
  let minutes: MinutesDto;
  const DISSENT = '补助标准过高，应先开展企业需求调研再确定金额';

  beforeAll(async () => {
    h = await makeHarness();
    head = await h.login('head');
    recorder = await h.login('recorder');
    deputy = await h.login('deputy');
    staff = await h.login('staff');
    trade = await h.divisionId('对外贸易处');
    headId = await h.userId('head');
    t1 = (
      await head.post('/api/topics', { divisionId: trade, ...FUNDS_TOPIC, description: '说明'.repeat(120) })
    ).json() as TopicDto;
    t2 = (await head.post('/api/topics', { divisionId: trade, ...PLAIN_TOPIC })).json() as TopicDto;
    meeting = (
      await head.post('/api/meetings', {
        divisionId: trade,
        kind: 'regular',
        startsAt: '2026-11-02T10:00:00+08:00',
        place: '第一会议室',
        agenda: [t1.id, t2.id],
      })
    ).json() as MeetingDto;
  });
  afterAll(async () => h.close());

  const entry = (version: number, extra: object = {}) => ({
    version,
    status: 'recorded',
    discussion: '会议听取了有关情况汇报并进行了讨论。',
    opinions: [],
    decisions: [
      { text: '原则同意参展补助资金分配方案', outcome: 'adopted', responsibleUserId: headId, deadline: '2026-12-31' },
    ],
    ...extra,
  });

  it('R5.2: only the designated recorder records, and only during the session', async () => {
    expect(codeOf(await recorder.put(`/api/meetings/${meeting.id}/record/${t1.id}`, entry(0)))).toBe(
      'INVALID_TRANSITION',
    );
    meeting = (await head.post(`/api/meetings/${meeting.id}/start`, { version: meeting.version })).json() as MeetingDto;
    expect((await staff.put(`/api/meetings/${meeting.id}/record/${t1.id}`, entry(0))).statusCode).toBe(403);
    const marks = ['head', 'deputy', 'recorder'].map(async (u) => ({
      userId: await h.userId(u),
      attendance: 'present',
    }));
    const att = await recorder.post(`/api/meetings/${meeting.id}/attendance`, { marks: await Promise.all(marks) });
    expect(att.statusCode, att.body).toBe(200);
  });

  it('R6.1 R5.4: every opinion is kept with speaker, stance and words; a stale save is 409 with the server copy', async () => {
    const deputyId = await h.userId('deputy');
    const headId = await h.userId('head');
    const first = await recorder.put(
      `/api/meetings/${meeting.id}/record/${t1.id}`,
      entry(0, {
        opinions: [
          { speakerId: headId, stance: 'for', text: '同意方案' },
          { speakerId: deputyId, stance: 'against', text: DISSENT },
          { speakerId: await h.userId('recorder'), stance: 'no_opinion', text: '' },
        ],
      }),
    );
    expect(first.statusCode, first.body).toBe(200);
    const saved = first.json() as RecordEntryDto;
    expect(saved.version).toBe(1);
    expect(saved.opinions[1]).toMatchObject({ speakerName: '张敏', stance: 'against', text: DISSENT });
    const stale = await recorder.put(
      `/api/meetings/${meeting.id}/record/${t1.id}`,
      entry(0, { discussion: '另一个版本' }),
    );
    expect(stale.statusCode).toBe(409);
    expect(
      (stale.json() as { error: { details: { current: RecordEntryDto } } }).error.details.current.opinions,
    ).toHaveLength(3);
    const huge = await recorder.put(
      `/api/meetings/${meeting.id}/record/${t1.id}`,
      entry(1, { opinions: [{ speakerId: deputyId, stance: 'opinion', text: '长'.repeat(100_000) }] }),
    );
    expect(huge.statusCode).toBe(413);
    expect(codeOf(huge)).toBe('TEXT_TOO_LONG');
    const stranger = await recorder.put(
      `/api/meetings/${meeting.id}/record/${t1.id}`,
      entry(1, { opinions: [{ speakerId: await h.userId('songhua'), stance: 'for', text: '同意' }] }),
    );
    expect(codeOf(stranger)).toBe('VALIDATION_FAILED');
    const rec = (await staff.get(`/api/meetings/${meeting.id}/record`)).json() as { entries: RecordEntryDto[] };
    expect(rec.entries[0]?.version).toBe(1); // nothing of the refused saves landed
  });

  it('R5.3: the meeting closes only when every topic is recorded or marked; closing locks the record', async () => {
    const cur = (await head.get(`/api/meetings/${meeting.id}`)).json() as MeetingDto;
    expect(codeOf(await head.post(`/api/meetings/${meeting.id}/close`, { version: cur.version }))).toBe(
      'RECORD_INCOMPLETE',
    );
    const everyone = await Promise.all(
      ['head', 'deputy', 'recorder'].map(async (u) => ({ speakerId: await h.userId(u), stance: 'for', text: '同意' })),
    );
    await recorder.put(`/api/meetings/${meeting.id}/record/${t2.id}`, {
      ...entry(0),
      opinions: everyone,
      decisions: [
        { text: '认真贯彻落实营商环境工作部署', outcome: 'adopted', responsibleDivisionId: trade, deadline: null },
      ],
    });
    meeting = (await head.post(`/api/meetings/${meeting.id}/close`, { version: cur.version })).json() as MeetingDto;
    expect(meeting.status).toBe('closed');
    expect(codeOf(await recorder.put(`/api/meetings/${meeting.id}/record/${t2.id}`, entry(1)))).toBe('RECORD_LOCKED');
  });

  it('R5.3: after close a correction of the record is an audited amendment with a reason', async () => {
    const rec = (await recorder.get(`/api/meetings/${meeting.id}/record`)).json() as { entries: RecordEntryDto[] };
    const e2 = rec.entries[1];
    if (!e2) throw new Error('no entry');
    const body = {
      version: e2.version,
      status: 'recorded',
      discussion: '会议传达学习了局党委工作部署（更正）。',
      opinions: e2.opinions.map(({ speakerId, stance, text }) => ({ speakerId, stance, text })),
      decisions: e2.decisions.map(decisionInput),
    };
    expect(
      (await head.put(`/api/meetings/${meeting.id}/record/${t2.id}`, { ...body, amendmentReason: '补记' })).statusCode,
    ).toBe(403);
    const ok = await recorder.put(`/api/meetings/${meeting.id}/record/${t2.id}`, {
      ...body,
      amendmentReason: '讨论情况漏记“更正”字样',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const ev = await h.s.db.kysely
      .selectFrom('audit_events')
      .select('data')
      .where('action', '=', 'record.amend')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(ev.data)).toMatchObject({
      reason: '讨论情况漏记“更正”字样',
      before: { discussion: '会议听取了有关情况汇报并进行了讨论。' },
    });
  });

  it('R5.1 R5.5 R1.2: the draft minutes follow the unified format, with matter flags and the dissent sentence', async () => {
    expect((await staff.post(`/api/meetings/${meeting.id}/minutes`)).statusCode).toBe(403);
    const r = await recorder.post(`/api/meetings/${meeting.id}/minutes`);
    expect(r.statusCode, r.body).toBe(201);
    minutes = r.json() as MinutesDto;
    expect(minutes.status).toBe('draft');
    expect(minutes.content.title).toBe('对外贸易处处务会会议纪要');
    expect(minutes.content.opening).toMatch(
      /^2026年11月2日，李伟同志在第一会议室主持召开处务会，研究.*现将会议议定事项纪要如下：$/,
    );
    expect(minutes.content.sections[0]?.heading).toBe(`一、${t1.title}`);
    expect(minutes.content.sections[0]?.marks).toBe('【涉及资金事项】');
    expect(minutes.content.sections[0]?.blocks).toEqual([
      {
        kind: 'decision',
        speakerId: null,
        speakerName: null,
        text: '会议议定：原则同意参展补助资金分配方案（责任人：李伟；完成时限：2026年12月31日）。',
      },
      {
        kind: 'dissent',
        speakerId: await h.userId('deputy'),
        speakerName: '张敏',
        text: `张敏同志对此持不同意见：“${DISSENT}。”`,
      },
    ]);
    expect(minutes.content.recorder).toBe('王芳');
    expect(minutes.content.distribution).toContain('陈立新（分管领导）');
    expect(codeOf(await recorder.post(`/api/meetings/${meeting.id}/minutes`))).toBe('ALREADY_EXISTS');
  });

  it('R5.4: the drafter writes the narrative only — the dissent cannot be edited away, and the head issues', async () => {
    // A crafted body that rewrites a section's text is refused by its shape.
    const crafted = await recorder.put(`/api/minutes/${minutes.id}`, {
      version: minutes.version,
      sections: minutes.content.sections.map((s) => ({ topicId: s.topicId, narrative: '', body: '会议认为…' })),
    });
    expect(crafted.statusCode).toBe(400);
    expect(codeOf(crafted)).toBe('VALIDATION_FAILED');
    const narrative = `会议认为：${DISSENT}。该意见已当场撤回。`;
    let m = (
      await recorder.put(`/api/minutes/${minutes.id}`, {
        version: minutes.version,
        sections: minutes.content.sections.map((s, i) => ({
          topicId: s.topicId,
          narrative: i === 0 ? narrative : s.narrative,
        })),
      })
    ).json() as MinutesDto;
    expect(m.content.sections[0]?.narrative).toBe(narrative);
    expect(m.content.sections[0]?.blocks.map((b) => b.kind)).toEqual(['decision', 'dissent']);
    m = (await recorder.post(`/api/minutes/${m.id}/submit`, { version: m.version })).json() as MinutesDto;
    expect(m.status).toBe('in_review');
    expect((await deputy.post(`/api/minutes/${m.id}/issue`, { version: m.version })).statusCode).toBe(403);
    minutes = m;
  });

  it('R5.6 R5.7: the head issues: number 〔2026〕1号, sealed by hash, immutable, issuing twice changes nothing', async () => {
    const issued = (
      await head.post(`/api/minutes/${minutes.id}/issue`, { version: minutes.version })
    ).json() as MinutesDto;
    expect(issued).toMatchObject({ status: 'issued', number: '〔2026〕1号', issuedByName: '李伟', hashAlg: 'sha256' });
    expect(issued.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const again = (
      await head.post(`/api/minutes/${minutes.id}/issue`, { version: minutes.version })
    ).json() as MinutesDto;
    expect(again.number).toBe('〔2026〕1号');
    expect(codeOf(await recorder.put(`/api/minutes/${minutes.id}`, { version: issued.version, sections: [] }))).toBe(
      'MINUTES_IMMUTABLE',
    );
    const ev = await h.s.db.kysely
      .selectFrom('audit_events')
      .select('data')
      .where('action', '=', 'minutes.issue')
      .execute();
    expect(ev).toHaveLength(1);
    minutes = issued;
  });

  it('R5.7: a correction keeps the number with a revision mark and supersedes the old version; both stay readable', async () => {
    let c = (await head.post(`/api/minutes/${minutes.id}/correct`)).json() as MinutesDto;
    expect(c).toMatchObject({ status: 'draft', revision: 1, supersedesId: minutes.id });
    c = (
      await head.put(`/api/minutes/${c.id}`, {
        version: c.version,
        sections: c.content.sections.map((s) => ({ topicId: s.topicId, narrative: `${s.narrative}（更正）` })),
      })
    ).json() as MinutesDto;
    expect(c.content.sections[0]?.blocks).toEqual(minutes.content.sections[0]?.blocks);
    c = (await head.post(`/api/minutes/${c.id}/submit`, { version: c.version })).json() as MinutesDto;
    c = (await head.post(`/api/minutes/${c.id}/issue`, { version: c.version })).json() as MinutesDto;
    expect(c.number).toBe('〔2026〕1号（更正）');
    const old = (await staff.get(`/api/minutes/${minutes.id}`)).json() as MinutesDto;
    expect(old).toMatchObject({ status: 'superseded', supersededById: c.id, number: '〔2026〕1号' });
    const list = (
      (await staff.get(`/api/minutes?divisionId=${trade}&year=2026`)).json() as {
        items: Array<{ number: string; status: string }>;
      }
    ).items;
    expect(list.map((x) => `${x.number} ${x.status}`)).toEqual([
      '〔2026〕1号（更正） issued',
      '〔2026〕1号 superseded',
    ]);
    expect((await (await h.login('zhugang')).get(`/api/minutes/${c.id}`)).statusCode).toBe(404);
  });

  it('R5.5: the issued minutes download as Word and PDF in the unified layout', async () => {
    const list = (
      (await staff.get(`/api/minutes?divisionId=${trade}&year=2026`)).json() as {
        items: Array<{ id: string; status: string }>;
      }
    ).items;
    const current = list.find((x) => x.status === 'issued');
    const doc = await staff.get(`/api/minutes/${current?.id}/document.docx`);
    expect(doc.statusCode, doc.body.slice(0, 300)).toBe(200);
    expect(doc.headers['content-type']).toContain('wordprocessingml');
    expect(String(doc.headers['content-disposition'])).toContain(
      encodeURIComponent('对外贸易处处务会会议纪要〔2026〕1号（更正）.docx'),
    );
    expect(doc.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await (await h.login('zhugang')).get(`/api/minutes/${current?.id}/document.docx`)).statusCode).toBe(404);
    const pdf = await staff.get(`/api/minutes/${current?.id}/document.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('R5.6: 50 minutes issued concurrently in one division get exactly 2..51 after the first, no gaps, no duplicates', async () => {
    const ready: MinutesDto[] = [];
    for (let i = 0; i < 50; i++) {
      const t = (
        await head.post('/api/topics', { divisionId: trade, ...PLAIN_TOPIC, title: `临时议题${i}` })
      ).json() as TopicDto;
      let m = (
        await head.post('/api/meetings', {
          divisionId: trade,
          kind: 'urgent',
          startsAt: '2026-11-02T15:00:00+08:00',
          place: `会议室${i}`,
          agenda: [t.id],
        })
      ).json() as MeetingDto;
      m = (await head.post(`/api/meetings/${m.id}/start`, { version: m.version })).json() as MeetingDto;
      await head.put(`/api/meetings/${m.id}/agenda/${t.id}/outcome`, { outcome: 'deferred' });
      await head.post(`/api/meetings/${m.id}/close`, { version: m.version });
      let n = (await head.post(`/api/meetings/${m.id}/minutes`)).json() as MinutesDto;
      n = (await head.post(`/api/minutes/${n.id}/submit`, { version: n.version })).json() as MinutesDto;
      ready.push(n);
    }
    const results = await Promise.all(
      ready.map((n) => head.post(`/api/minutes/${n.id}/issue`, { version: n.version })),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(50).fill(200));
    const numbers = results.map((r) => (r.json() as MinutesDto).number ?? '');
    const seqs = numbers.map((n) => Number(/〕(\d+)号/.exec(n)?.[1])).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 50 }, (_, i) => i + 2));
  });

  it('the minutes list pages with a cursor, newest first, never unbounded; a tampered cursor is a 400', async () => {
    const all: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const r = await staff.get(`/api/minutes?divisionId=${trade}&limit=20${cursor ? `&cursor=${cursor}` : ''}`);
      expect(r.statusCode, r.body).toBe(200);
      const p = r.json() as { items: Array<{ id: string; meetingDate: string }>; nextCursor: string | null };
      expect(p.items.length).toBeLessThanOrEqual(20);
      all.push(...p.items.map((x) => x.id));
      cursor = p.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3); // 52 minutes: 20 + 20 + 12
    expect(new Set(all).size).toBe(52);
    const bad = await staff.get(`/api/minutes?divisionId=${trade}&cursor=bm90LWEtY3Vyc29y`);
    expect(bad.statusCode).toBe(400);
    expect(codeOf(bad)).toBe('VALIDATION_FAILED');
    expect((await staff.get(`/api/minutes?limit=500`)).statusCode).toBe(400);
  });
});
