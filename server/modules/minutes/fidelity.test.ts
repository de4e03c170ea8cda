import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, makeHarness, type Client, type Harness } from '../../test/harness.js';
import { FUNDS_TOPIC, PLAIN_TOPIC } from '../../test/fixtures.js';
import type { MeetingDto } from '../../../core/contracts/meetings.js';
import type { MinutesDto } from '../../../core/contracts/minutes.js';
import type { RecordEntryDto } from '../../../core/contracts/record.js';
import type { TopicDto } from '../../../core/contracts/topics.js';
import { decisionInput } from '../../../core/record.js';

/**
 * The record cannot lie (R5.4, R5.5, R1.2, R6.1): the minutes carry the record's
 * decisions and differing opinions as blocks the drafter cannot touch, and
 * every way around that through the API is refused.
 */
describe('minutes bound to the record', () => {
  let h: Harness;
  let head: Client, recorder: Client;
  let trade: string;
  let ids: Record<string, string>;
  let hour = 0;

  beforeAll(async () => {
    h = await makeHarness();
    head = await h.login('head');
    recorder = await h.login('recorder');
    trade = await h.divisionId('对外贸易处');
    ids = Object.fromEntries(
      await Promise.all(
        ['head', 'deputy', 'recorder', 'staff', 'huanglei', 'leader'].map(async (u) => [u, await h.userId(u)]),
      ),
    );
  });
  afterAll(async () => h.close());

  const opinion = (who: string, stance: string, text = '', reservation?: boolean) => ({
    speakerId: ids[who],
    stance,
    text,
    ...(reservation === undefined ? {} : { reservation }),
  });
  /** Everyone present who has not spoken is recorded as 未发表意见 (R6.1). */
  const silentRest = (spoken: string[]) =>
    ['head', 'deputy', 'recorder', 'huanglei'].filter((u) => !spoken.includes(u)).map((u) => opinion(u, 'no_opinion'));

  /** A meeting in session with head, deputy, recorder and 黄磊 present, and its topics. */
  async function inSession(topics: object[] = [PLAIN_TOPIC], observers: string[] = []) {
    hour += 1;
    h.clock.set(new Date(Date.parse('2026-11-02T01:00:00Z') + hour * 3 * 3600_000));
    head = await h.login('head');
    recorder = await h.login('recorder');
    const ts: TopicDto[] = [];
    for (const [i, t] of topics.entries())
      ts.push(
        (
          await head.post('/api/topics', {
            divisionId: trade,
            ...t,
            title: `${(t as { title: string }).title}${hour}-${i}`,
          })
        ).json() as TopicDto,
      );
    const created = await head.post('/api/meetings', {
      divisionId: trade,
      kind: 'regular',
      startsAt: new Date(h.clock.now().getTime() + 30 * 60_000).toISOString(),
      place: '第一会议室',
      agenda: ts.map((t) => t.id),
      observerIds: observers.map((o) => ids[o]),
    });
    expect(created.statusCode, created.body).toBe(201);
    let m = created.json() as MeetingDto;
    m = (await head.post(`/api/meetings/${m.id}/start`, { version: m.version })).json() as MeetingDto;
    const marks = ['head', 'deputy', 'recorder', 'huanglei'].map((u) => ({ userId: ids[u], attendance: 'present' }));
    expect((await recorder.post(`/api/meetings/${m.id}/attendance`, { marks })).statusCode).toBe(200);
    return { m, ts };
  }
  const record = (m: MeetingDto, t: TopicDto, body: object, version = 0) =>
    recorder.put(`/api/meetings/${m.id}/record/${t.id}`, {
      version,
      status: 'recorded',
      discussion: '会议听取了汇报并进行了讨论。',
      decisions: [{ text: '原则同意该方案', outcome: 'adopted', responsibleUserId: ids.head, deadline: '2026-12-31' }],
      ...body,
    });
  async function closeAndDraft(m: MeetingDto): Promise<MinutesDto> {
    const cur = (await head.get(`/api/meetings/${m.id}`)).json() as MeetingDto;
    const closed = await head.post(`/api/meetings/${m.id}/close`, { version: cur.version });
    expect(closed.statusCode, closed.body).toBe(200);
    const r = await recorder.post(`/api/meetings/${m.id}/minutes`);
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as MinutesDto;
  }
  const narrate = (n: MinutesDto, f: (i: number, narrative: string) => string) =>
    recorder.put(`/api/minutes/${n.id}`, {
      version: n.version,
      sections: n.content.sections.map((s, i) => ({ topicId: s.topicId, narrative: f(i, s.narrative) })),
    });
  async function submitAndIssue(n: MinutesDto) {
    const sub = (await recorder.post(`/api/minutes/${n.id}/submit`, { version: n.version })).json() as MinutesDto;
    return head.post(`/api/minutes/${n.id}/issue`, { version: sub.version });
  }

  it('R5.4: a dissent recast as the meeting’s view, or “withdrawn”, still stands verbatim with its speaker in the issued minutes', async () => {
    const { m, ts } = await inSession();
    const t = ts[0] as TopicDto;
    const words = '补助标准过高，应先开展企业需求调研再确定金额';
    expect(
      (await record(m, t, { opinions: [opinion('huanglei', 'against', words), ...silentRest(['huanglei'])] }))
        .statusCode,
    ).toBe(200);
    const n = await closeAndDraft(m);
    const edited = await narrate(n, () => `会议认为${words}。黄磊同志的意见已当场撤回，会议一致同意。`);
    expect(edited.statusCode, edited.body).toBe(200);
    const issued = await submitAndIssue(edited.json() as MinutesDto);
    expect(issued.statusCode, issued.body).toBe(200);
    const section = (issued.json() as MinutesDto).content.sections[0];
    expect(section?.blocks).toContainEqual({
      kind: 'dissent',
      speakerId: ids.huanglei,
      speakerName: '黄磊',
      text: `黄磊同志对此持不同意见：“${words}。”`,
    });
    expect(section?.recordVersion).toBe(1);
  });

  it('R5.4: a short dissent (“不同意”) cannot be lost inside “持不同意见”, and 弃权 and 保留意见 are carried too', async () => {
    const { m, ts } = await inSession();
    const t = ts[0] as TopicDto;
    const saved = await record(m, t, {
      opinions: [
        opinion('huanglei', 'against', '不同意'),
        opinion('deputy', 'abstain', '对企业情况不了解'),
        opinion('head', 'for', '同意，但资金拨付要分两批', true),
        opinion('recorder', 'no_opinion'),
      ],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const n = await closeAndDraft(m);
    // The drafter deletes every word of the narrative that mentions the dissent: the blocks remain.
    const edited = (await narrate(n, () => '会议对该事项持不同意见的情况进行了说明。')).json() as MinutesDto;
    const issued = (await submitAndIssue(edited)).json() as MinutesDto;
    expect(issued.content.sections[0]?.blocks.map((b) => b.text)).toEqual([
      '会议议定：原则同意该方案（责任人：李伟；完成时限：2026年12月31日）。',
      '黄磊同志对此持不同意见：“不同意。”',
      '张敏同志表示弃权，理由是：“对企业情况不了解。”',
      '李伟同志对此持保留意见：“同意，但资金拨付要分两批。”',
    ]);
  });

  it('R5.4: the generated sentences read as Chinese whatever the recorder typed — no “认为不同意”, no doubled punctuation', async () => {
    const { m, ts } = await inSession();
    const saved = await record(m, ts[0] as TopicDto, {
      opinions: [opinion('huanglei', 'against', '我不同意，建议调研后再定。。'), ...silentRest(['huanglei'])],
      decisions: [
        {
          text: '会议议定：审定。',
          outcome: 'adopted',
          responsibleDivisionId: await h.divisionId('对外贸易处'),
          deadline: null,
        },
      ],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const n = await closeAndDraft(m);
    const texts = n.content.sections[0]?.blocks.map((b) => b.text) ?? [];
    expect(texts).toEqual([
      '会议议定：审定（责任人：对外贸易处）。',
      '黄磊同志对此持不同意见：“我不同意，建议调研后再定。”',
    ]);
    for (const line of texts) expect(line).not.toMatch(/认为我|。。|”。|；）|：：/);
  });

  it('R5.4: blocks altered, dropped, moved or invented in the stored draft make the issue fail', async () => {
    const { m, ts } = await inSession([PLAIN_TOPIC, { ...PLAIN_TOPIC, title: '第二议题' }]);
    for (const t of ts)
      expect(
        (await record(m, t, { opinions: [opinion('huanglei', 'against', '不同意'), ...silentRest(['huanglei'])] }))
          .statusCode,
      ).toBe(200);
    const n = await closeAndDraft(m);
    const sub = (await recorder.post(`/api/minutes/${n.id}/submit`, { version: n.version })).json() as MinutesDto;
    const stored = await h.s.db.kysely
      .selectFrom('minutes')
      .select('content')
      .where('id', '=', n.id)
      .executeTakeFirstOrThrow();
    const tamper = async (f: (c: MinutesDto['content']) => void) => {
      const c = JSON.parse(stored.content) as MinutesDto['content'];
      f(c);
      await h.s.db.kysely
        .updateTable('minutes')
        .set({ content: JSON.stringify(c) })
        .where('id', '=', n.id)
        .execute();
      return head.post(`/api/minutes/${n.id}/issue`, { version: sub.version });
    };
    const first = (c: MinutesDto['content']) => c.sections[0]?.blocks ?? [];
    const withdrawn = await tamper((c) => {
      const b = first(c)[1];
      if (b) b.text = `${b.text}（已当场撤回）`;
    });
    expect(withdrawn.statusCode).toBe(422);
    expect(codeOf(withdrawn)).toBe('DISSENT_MISSING');
    expect(codeOf(await tamper((c) => first(c).splice(1, 1)))).toBe('DISSENT_MISSING');
    expect(
      codeOf(
        await tamper((c) => {
          const b = first(c)[1];
          if (b) b.speakerName = '张敏';
        }),
      ),
    ).toBe('DISSENT_MISSING');
    expect(
      codeOf(
        await tamper((c) => {
          const moved = first(c).splice(1, 1)[0];
          if (moved) c.sections[1]?.blocks.push(moved);
        }),
      ),
    ).toBe('DISSENT_MISSING');
    expect(
      codeOf(
        await tamper((c) => {
          const d = first(c)[0];
          if (d) d.text = '会议议定：不同意该方案。';
        }),
      ),
    ).toBe('DECISION_MISSING');
    expect(
      codeOf(
        await tamper((c) =>
          first(c).push({ kind: 'decision', speakerId: null, speakerName: null, text: '会议议定：追加拨款。' }),
        ),
      ),
    ).toBe('DECISION_MISSING');
    const n2 = await h.s.db.kysely
      .selectFrom('minutes')
      .select(['number', 'status'])
      .where('id', '=', n.id)
      .executeTakeFirstOrThrow();
    expect(n2).toEqual({ number: null, status: 'in_review' });
  });

  it('R5.4: changing a block means amending the record — with a reason, audited — which renders the draft again', async () => {
    const { m, ts } = await inSession();
    const t = ts[0] as TopicDto;
    await record(m, t, { opinions: [opinion('huanglei', 'against', '不同意'), ...silentRest(['huanglei'])] });
    let n = await closeAndDraft(m);
    n = (await narrate(n, () => '会议听取了情况汇报。')).json() as MinutesDto;
    const rec = (await recorder.get(`/api/meetings/${m.id}/record`)).json() as { entries: RecordEntryDto[] };
    const e = rec.entries[0] as RecordEntryDto;
    const amended = await recorder.put(`/api/meetings/${m.id}/record/${t.id}`, {
      version: e.version,
      status: 'recorded',
      discussion: e.discussion,
      opinions: e.opinions.map((o) => ({
        speakerId: o.speakerId,
        stance: o.stance,
        text: o.speakerId === ids.huanglei ? '不同意，补助标准过高' : o.text,
      })),
      decisions: e.decisions.map(decisionInput),
      amendmentReason: '黄磊同志的意见漏记了理由',
    });
    expect(amended.statusCode, amended.body).toBe(200);
    const after = (await recorder.get(`/api/minutes/${n.id}`)).json() as MinutesDto;
    expect(after.content.sections[0]?.narrative).toBe('会议听取了情况汇报。');
    expect(after.content.sections[0]?.blocks[1]?.text).toBe('黄磊同志对此持不同意见：“不同意，补助标准过高。”');
    expect(after.content.sections[0]?.recordVersion).toBe(2);
    const issued = (await submitAndIssue(after)).json() as MinutesDto;
    expect(issued.status).toBe('issued');
    const ev = await h.s.db.kysely
      .selectFrom('audit_events')
      .select('data')
      .where('action', '=', 'minutes.issue')
      .where('subject_id', '=', n.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(ev.data).recordVersions).toEqual({ [t.id]: 2 });
  });

  it('R5.5: a PUT that renames, reorders, drops or adds sections is refused; marks and blocks are not fields of the PUT', async () => {
    const { m, ts } = await inSession(
      [FUNDS_TOPIC, PLAIN_TOPIC].map((t) => ({ ...t, description: '说明'.repeat(120) })),
    );
    for (const t of ts) await record(m, t, { opinions: [opinion('head', 'for', '同意'), ...silentRest(['head'])] });
    const n = await closeAndDraft(m);
    expect(n.content.sections.map((s) => s.heading)).toEqual(ts.map((t, i) => `${'一二'[i]}、${t.title}`));
    expect(n.content.sections[0]?.marks).toBe('【涉及资金事项】');
    const base = n.content.sections.map((s) => ({ topicId: s.topicId, heading: s.heading, narrative: s.narrative }));
    const put = (sections: object[]) => recorder.put(`/api/minutes/${n.id}`, { version: n.version, sections });
    const [a, b] = base as [(typeof base)[0], (typeof base)[0]];
    for (const bad of [[{ ...a, heading: '一、另拟标题' }, b], [b, a], [a], [a, b, { ...b, topicId: ts[0]?.id }]]) {
      const r = await put(bad);
      expect(r.statusCode).toBe(422);
      expect(codeOf(r)).toBe('MINUTES_FORMAT');
    }
    expect(codeOf(await put([{ ...a, marks: '' }, b]))).toBe('VALIDATION_FAILED');
    expect(codeOf(await put([{ ...a, blocks: [] }, b]))).toBe('VALIDATION_FAILED');
    expect(
      codeOf(await recorder.put(`/api/minutes/${n.id}`, { version: n.version, opening: '改', sections: base })),
    ).toBe('VALIDATION_FAILED');
    const issued = (await submitAndIssue(n)).json() as MinutesDto;
    expect(issued.content.sections[0]?.marks).toBe('【涉及资金事项】');
    expect(issued.content.opening).toMatch(/主持召开处务会，研究.*等事项。现将会议议定事项纪要如下：$/);
  });

  it('R5.5 R5.8–R5.10: the printed 分送 line is the recipients actually distributed to under the unit’s settings', async () => {
    const admin = await h.login('admin');
    const regime = (await admin.get('/api/settings/regime')).json() as {
      value: Record<string, unknown>;
      version: number;
    };
    const set = (value: object, version: number) =>
      admin.put('/api/admin/settings/regime', { version, value: { ...regime.value, ...value } });
    const changed = await set(
      { circulateToDivision: false, reportRecipientRoles: ['principal_leader'] },
      regime.version,
    );
    expect(changed.statusCode, changed.body).toBe(200);
    const { m, ts } = await inSession();
    await record(m, ts[0] as TopicDto, { opinions: silentRest([]) });
    const n = await closeAndDraft(m);
    expect(n.content.distribution).toBe('分送：局主要领导，监察室（备案）');
    const issued = (await submitAndIssue(n)).json() as MinutesDto;
    expect(issued.content.distribution).toBe('分送：局主要领导，监察室（备案）');
    const entries = await h.s.db.kysely
      .selectFrom('distribution_entries')
      .select(['purpose'])
      .where('minutes_id', '=', n.id)
      .execute();
    expect([...new Set(entries.map((e) => e.purpose))].sort()).toEqual(['file', 'report']);
    const again = await h.login('admin');
    const back = (await again.get('/api/settings/regime')).json() as { version: number };
    const reset = await again.put('/api/admin/settings/regime', { version: back.version, value: regime.value });
    expect(reset.statusCode).toBe(200);
  });

  it('R5.6: a numbering pattern with a 机关代字 (外贸纪〔{year}〕{n}号) numbers the minutes and prints in PDF and Word', async () => {
    const admin = await h.login('admin');
    const regime = (await admin.get('/api/settings/regime')).json() as {
      value: Record<string, unknown>;
      version: number;
    };
    const changed = await admin.put('/api/admin/settings/regime', {
      version: regime.version,
      value: { ...regime.value, numberingPattern: '外贸纪〔{year}〕{n}号' },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const { m, ts } = await inSession();
    await record(m, ts[0] as TopicDto, { opinions: silentRest([]) });
    const issued = (await submitAndIssue(await closeAndDraft(m))).json() as MinutesDto;
    const year = new Date(Date.parse(issued.issuedAt ?? '') + 8 * 3600_000).getUTCFullYear();
    expect(issued.number).toMatch(new RegExp(`^外贸纪〔${year}〕\\d+号$`));
    const number = issued.number ?? '';
    const reader = await h.login('head'); // the clock has moved past the first sessions
    const pdf = await reader.get(`/api/minutes/${issued.id}/document.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-disposition']).toContain(encodeURIComponent(number));
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await getDocument({ data: new Uint8Array(pdf.rawPayload), disableFontFace: true }).promise;
    let text = '';
    for (let p = 1; p <= doc.numPages; p++)
      text += (await (await doc.getPage(p)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join('');
    text = text.replace(/\s+/g, '');
    expect(text).toContain(number);
    const day = new Date(Date.parse(issued.issuedAt ?? '') + 8 * 3600_000);
    const issueDate = `${day.getUTCFullYear()}年${day.getUTCMonth() + 1}月${day.getUTCDate()}日印发`;
    expect(text).toContain(`对外贸易处${issueDate}`);
    const { unzipSync, strFromU8 } = await import('fflate');
    const docx = await reader.get(`/api/minutes/${issued.id}/document.docx`);
    const xml = strFromU8(unzipSync(new Uint8Array(docx.rawPayload))['word/document.xml'] ?? new Uint8Array());
    expect(xml).toContain(number);
    expect(xml).toContain(issueDate);
    const again = await h.login('admin');
    const back = (await again.get('/api/settings/regime')).json() as { version: number };
    const reset = await again.put('/api/admin/settings/regime', { version: back.version, value: regime.value });
    expect(reset.statusCode).toBe(200);
  });

  it('R6.1: a speaker on leave or not present is refused; an observer may speak; 未发表意见 needs no words, the others do', async () => {
    const { m, ts } = await inSession([PLAIN_TOPIC], ['leader']);
    const t = ts[0] as TopicDto;
    const staffAbsent = await record(m, t, { opinions: [opinion('staff', 'for', '同意')] });
    expect(staffAbsent.statusCode).toBe(422);
    expect(codeOf(staffAbsent)).toBe('SPEAKER_NOT_PRESENT');
    expect(codeOf(await record(m, t, { opinions: [opinion('deputy', 'against', '  ')] }))).toBe('VALIDATION_FAILED');
    expect(codeOf(await record(m, t, { opinions: [opinion('deputy', 'no_opinion', '', true)] }))).toBe(
      'VALIDATION_FAILED',
    );
    const ok = await record(m, t, { opinions: [opinion('leader', 'opinion', '要加强调研')] });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((ok.json() as RecordEntryDto).opinions[0]).toMatchObject({ speakerName: '陈立新', stance: 'opinion' });
  });

  it('R6.1 R5.3: the meeting does not close while a present participant has no stance or a recorded topic has no discussion', async () => {
    const { m, ts } = await inSession();
    const t = ts[0] as TopicDto;
    await record(m, t, { opinions: [opinion('head', 'for', '同意')] });
    const cur = (await head.get(`/api/meetings/${m.id}`)).json() as MeetingDto;
    const silent = await head.post(`/api/meetings/${m.id}/close`, { version: cur.version });
    expect(silent.statusCode).toBe(409);
    expect(codeOf(silent)).toBe('OPINIONS_INCOMPLETE');
    expect(silent.json().error.message).toContain('张敏');
    await record(m, t, { discussion: ' ', opinions: [opinion('head', 'for', '同意'), ...silentRest(['head'])] }, 1);
    expect(codeOf(await head.post(`/api/meetings/${m.id}/close`, { version: cur.version }))).toBe('RECORD_INCOMPLETE');
    await record(m, t, { opinions: [opinion('head', 'for', '同意'), ...silentRest(['head'])] }, 2);
    expect((await head.post(`/api/meetings/${m.id}/close`, { version: cur.version })).statusCode).toBe(200);
  });

  it('R4.1: a funds topic reaches 已议定 only through a decision of the meeting, and is listed for oversight', async () => {
    const { m, ts } = await inSession([{ ...FUNDS_TOPIC, description: '说明'.repeat(120) }]);
    const t = ts[0] as TopicDto;
    await record(m, t, { decisions: [], opinions: silentRest([]) });
    const cur = (await head.get(`/api/meetings/${m.id}`)).json() as MeetingDto;
    const undecided = await head.post(`/api/meetings/${m.id}/close`, { version: cur.version });
    expect(codeOf(undecided)).toBe('DECISION_REQUIRED');
    expect(((await head.get(`/api/topics/${t.id}`)).json() as TopicDto).status).toBe('scheduled');
    await record(m, t, { opinions: silentRest([]) }, 1);
    expect((await head.post(`/api/meetings/${m.id}/close`, { version: cur.version })).statusCode).toBe(200);
    const list = (
      (await (await h.login('jiancha')).get('/api/decided-matters?year=2026')).json() as {
        items: Array<{ topicId: string; matterFlags: string[]; meetingId: string; decisions: string[] }>;
      }
    ).items;
    expect(list.find((x) => x.topicId === t.id)).toMatchObject({
      matterFlags: ['funds'],
      meetingId: m.id,
      decisions: ['原则同意该方案'],
    });
    expect(
      (await (await h.login('zhugang')).get(`/api/decided-matters?year=2026&divisionId=${trade}`)).statusCode,
    ).toBe(404);
  });

  it('R5.3: an agenda with no topic cannot be convened, nor emptied later', async () => {
    const r = await head.post('/api/meetings', {
      divisionId: trade,
      kind: 'urgent',
      startsAt: new Date(h.clock.now().getTime() + 3600_000).toISOString(),
      place: '第一会议室',
      agenda: [],
    });
    expect(r.statusCode).toBe(422);
    expect(codeOf(r)).toBe('AGENDA_EMPTY');
    const t = (
      await head.post('/api/topics', { divisionId: trade, ...PLAIN_TOPIC, title: '唯一议题' })
    ).json() as TopicDto;
    const m = (
      await head.post('/api/meetings', {
        divisionId: trade,
        kind: 'urgent',
        startsAt: new Date(h.clock.now().getTime() + 3600_000).toISOString(),
        place: '第一会议室',
        agenda: [t.id],
      })
    ).json() as MeetingDto;
    expect(codeOf(await head.patch(`/api/meetings/${m.id}`, { version: m.version, agenda: [] }))).toBe('AGENDA_EMPTY');
  });
});
