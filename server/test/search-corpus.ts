import PDFDocument from 'pdfkit';
import { Document, Packer, Paragraph } from 'docx';
import type { Client, Harness } from './harness.js';
import type { MeetingDto } from '../../core/contracts/meetings.js';
import type { MinutesDto } from '../../core/contracts/minutes.js';
import type { TopicDto } from '../../core/contracts/topics.js';
import type { TrackingItemDto } from '../../core/contracts/tracking.js';
import { npmFonts } from '../documents/fonts.js';
import { PNG } from './fixtures.js';

/**
 * The demo bureau's searchable year (R1.3), made through the API so that every row of the index
 * comes from the use cases' own hooks: topics with PDF, DOCX, text and image material, meetings
 * with their record (a dissent on 海外仓 among them), issued minutes and a correction, tracked
 * items with a progress report and its file. Shared by the permission test and the quality test.
 */

export async function pdfOf(lines: string[]): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4' });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((r) => doc.on('end', r));
  doc.registerFont('body', npmFonts().fallback);
  doc.font('body');
  for (const l of lines) doc.text(l);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

export async function docxOf(lines: string[]): Promise<Buffer> {
  const d = new Document({ sections: [{ children: lines.map((l) => new Paragraph(l)) }] });
  return Packer.toBuffer(d);
}

export function upload(h: Harness, c: Client, url: string, data: Buffer, name: string) {
  return h.app.inject({
    method: 'POST',
    url,
    headers: {
      cookie: c.cookie,
      'x-csrf-token': c.csrf,
      'content-type': 'application/octet-stream',
      'x-filename': encodeURIComponent(name),
    },
    payload: data,
  });
}

/** The answer of a step that must succeed (200 or 201), else an error naming the step. */
function ok<T>(r: { statusCode: number; body: string; json(): unknown }, what: string): T {
  if (r.statusCode !== 200 && r.statusCode !== 201) throw new Error(`${what}: ${r.statusCode} ${r.body}`);
  return r.json() as T;
}

interface TopicSpec {
  title: string;
  description: string;
  category?: string;
  funds?: string;
  /** Proposed by this account (submitted, approved by the head) instead of set by the head. */
  by?: string;
  files?: Array<{ name: string; data: Buffer }>;
}

interface EntrySpec {
  discussion: string;
  /** username → stance and words; everyone else present states 未发表意见. */
  opinions: Record<string, { stance: 'for' | 'against' | 'abstain' | 'opinion'; text: string; reservation?: boolean }>;
  decisions: Array<{ text: string; responsible: string; deadline: string | null; outcome?: string }>;
}

export interface HeldMeeting {
  meeting: MeetingDto;
  topics: TopicDto[];
  minutes: MinutesDto;
}

/**
 * A meeting of `division` (by its head and recorder) at `startsAt`: the topics, everyone present,
 * the record as specified, closed, the minutes drafted, submitted and issued a few days later.
 */
export async function meetingWith(
  h: Harness,
  o: {
    division: string;
    head: string;
    recorder: string;
    startsAt: string;
    title: string;
    topics: Array<TopicSpec & EntrySpec>;
    observers?: string[];
  },
): Promise<HeldMeeting> {
  const divisionId = await h.divisionId(o.division);
  h.clock.set(new Date(Date.parse(o.startsAt) - 5 * 86400_000));
  const head = await h.login(o.head);
  const topics: TopicDto[] = [];
  for (const t of o.topics) {
    const body = {
      divisionId,
      title: t.title,
      description: t.description,
      category: t.category ?? (t.funds ? '专项资金的使用和分配' : '传达学习局党委及局领导工作部署'),
      matterFlags: t.funds ? ['funds'] : [],
      ...(t.funds ? { fundsAmountYuan: t.funds } : {}),
      important: false,
    };
    const author = t.by ? await h.login(t.by) : head;
    let topic = ok<TopicDto>(await author.post('/api/topics', body), `topic ${t.title}`);
    for (const f of t.files ?? [])
      ok(await upload(h, author, `/api/topics/${topic.id}/attachments`, f.data, f.name), `upload ${f.name}`);
    if (t.by) {
      topic = ok<TopicDto>(await author.get(`/api/topics/${topic.id}`), 'topic');
      topic = ok<TopicDto>(await author.post(`/api/topics/${topic.id}/submit`, { version: topic.version }), 'submit');
      topic = ok<TopicDto>(await head.post(`/api/topics/${topic.id}/approve`, { version: topic.version }), 'approve');
    }
    topics.push(topic);
  }
  const observerIds = await Promise.all((o.observers ?? []).map((u) => h.userId(u)));
  let m = ok<MeetingDto>(
    await head.post('/api/meetings', {
      divisionId,
      kind: 'regular',
      startsAt: o.startsAt,
      place: '第一会议室',
      agenda: topics.map((t) => t.id),
      title: o.title,
      ...(observerIds.length ? { observerIds } : {}),
    }),
    'meeting',
  );
  h.clock.set(o.startsAt);
  const chair = await h.login(o.head);
  const recorder = await h.login(o.recorder);
  m = ok<MeetingDto>(await chair.post(`/api/meetings/${m.id}/start`, { version: m.version }), 'start');
  const present = m.participants.filter((p) => p.role === 'participant');
  ok(
    await chair.post(`/api/meetings/${m.id}/attendance`, {
      marks: present.map((p) => ({ userId: p.userId, attendance: 'present' })),
    }),
    'attendance',
  );
  const idOf = new Map<string, string>();
  for (const p of present) idOf.set(p.userId, p.userId);
  for (const [i, t] of o.topics.entries()) {
    const topic = topics[i] as TopicDto;
    const named = new Map<string, string>();
    for (const u of Object.keys(t.opinions)) named.set(await h.userId(u), u);
    const decisions = [];
    for (const d of t.decisions)
      decisions.push({
        text: d.text,
        outcome: d.outcome ?? 'adopted',
        responsibleUserId: await h.userId(d.responsible),
        deadline: d.deadline,
      });
    ok(
      await recorder.put(`/api/meetings/${m.id}/record/${topic.id}`, {
        version: 0,
        status: 'recorded',
        discussion: t.discussion,
        opinions: present.map((p) => {
          const u = named.get(p.userId);
          const x = u ? t.opinions[u] : undefined;
          return x
            ? { speakerId: p.userId, stance: x.stance, text: x.text, ...(x.reservation ? { reservation: true } : {}) }
            : { speakerId: p.userId, stance: 'no_opinion', text: '' };
        }),
        decisions,
      }),
      `record ${t.title}`,
    );
  }
  h.clock.advanceMinutes(25);
  ok(await chair.post(`/api/meetings/${m.id}/close`, { version: m.version }), 'close');
  const meeting = ok<MeetingDto>(await chair.get(`/api/meetings/${m.id}`), 'meeting');
  if (meeting.status !== 'closed') throw new Error(`meeting ${meeting.status}`);
  h.clock.set(new Date(Date.parse(o.startsAt) + 86400_000));
  const drafter = await h.login(o.recorder);
  const issuer = await h.login(o.head);
  let n = ok<MinutesDto>(await drafter.post(`/api/meetings/${m.id}/minutes`), 'draft');
  n = ok<MinutesDto>(await drafter.post(`/api/minutes/${n.id}/submit`, { version: n.version }), 'submit minutes');
  const minutes = ok<MinutesDto>(await issuer.post(`/api/minutes/${n.id}/issue`, { version: n.version }), 'issue');
  return { meeting, topics, minutes };
}

export interface DemoCorpus {
  /** 2025 对外贸易处: 海外仓 (funds, PDF + DOCX + PNG material, 刘洋's dissent) and the 广交会 展会 plan. */
  trade2025: HeldMeeting;
  /** 2026 对外贸易处: 外贸发展资金 (120万元) and 跨境电商 training; corrected once (更正). */
  trade2026: HeldMeeting;
  /** The correction of trade2026's minutes (trade2026.minutes is then superseded). */
  correction: MinutesDto;
  /** 2026 外商投资管理处: 进博会 展会 subsidies; a 市场运行和消费促进处 head observes. */
  investment2026: HeldMeeting;
  /** 刘洋's unsubmitted draft about 海外仓: only he may find it. */
  draft: TopicDto;
  /** The tracked item of 海外仓 (刘洋 responsible), with a progress report and its text file. */
  itemId: string;
}

/** Builds the demo corpus; about twenty seconds on SQLite. */
export async function buildDemoCorpus(h: Harness): Promise<DemoCorpus> {
  const trade2025 = await meetingWith(h, {
    division: '对外贸易处',
    head: 'head',
    recorder: 'recorder',
    startsAt: '2025-06-12T09:30:00+08:00',
    title: '对外贸易处2025年第六次处务会',
    topics: [
      {
        title: '关于支持企业建设海外仓的请示',
        description: '为帮助外贸企业拓展欧洲市场，拟支持重点企业在德国汉堡建设公共海外仓，申请专项资金。',
        funds: '3000000.00',
        by: 'staff',
        files: [
          {
            name: '海外仓项目可行性报告.pdf',
            data: await pdfOf([
              '海外仓项目可行性报告',
              '拟在德国汉堡港区租赁仓储设施约八千平方米，年租金约八十万欧元。',
            ]),
          },
          {
            name: '资金测算表说明.docx',
            data: await docxOf(['资金测算说明', '汉堡仓储改造费用一百二十万元，信息系统建设四十五万元。']),
          },
          { name: '仓库现场照片.png', data: PNG },
        ],
        discussion: '会议研究了支持企业建设海外仓的必要性和资金安排，认为海外仓有利于稳定外贸订单。',
        opinions: {
          head: { stance: 'for', text: '同意支持，海外仓是外贸新业态的重要支点。' },
          staff: {
            stance: 'against',
            text: '不同意：汉堡海外仓选址风险较大，租金偏高，建议暂缓实施，先开展实地调研。',
            reservation: true,
          },
          chenjing: { stance: 'opinion', text: '建议引入第三方评估机构对仓储运营方案进行论证。' },
        },
        decisions: [
          {
            text: '原则同意支持企业建设海外仓，由刘洋牵头开展选址调研并提出实施方案。',
            responsible: 'staff',
            deadline: '2025-12-31',
          },
        ],
      },
      {
        title: '第138届广交会展会组织工作方案',
        description: '组织本市外贸企业参加第138届中国进出口商品交易会（广交会），做好展位申报和参展补贴。',
        category: '面向企业的座谈会、研讨会、展览会和培训',
        discussion: '会议听取了广交会展会组织筹备情况汇报，研究了展位分配和参展企业遴选办法。',
        opinions: {
          deputy: { stance: 'for', text: '同意方案，展会期间安排专人驻会协调。' },
          yangfan: { stance: 'opinion', text: '展位费补贴标准建议参照上一届执行。' },
        },
        decisions: [
          { text: '同意广交会展会组织方案，由杨帆负责展位申报工作。', responsible: 'yangfan', deadline: '2025-09-30' },
        ],
      },
    ],
  });

  const trade2026 = await meetingWith(h, {
    division: '对外贸易处',
    head: 'head',
    recorder: 'recorder',
    startsAt: '2026-03-10T09:30:00+08:00',
    title: '对外贸易处2026年第二次处务会',
    topics: [
      {
        title: '关于调整外贸发展资金使用范围的议题',
        description: '拟将外贸发展资金的支持范围扩大到跨境电商综合服务平台，资金规模一百二十万元。',
        funds: '1200000.00',
        by: 'huanglei',
        files: [
          {
            name: '资金使用范围调整说明.txt',
            data: Buffer.from(
              '外贸发展资金使用范围调整说明：新增跨境电商综合服务平台建设补助，单个项目不超过三十万元。',
            ),
          },
        ],
        discussion: '会议研究了外贸发展资金使用范围调整事项，同意将跨境电商综合服务平台纳入支持范围。',
        opinions: {
          deputy: { stance: 'for', text: '同意调整，跨境电商是稳外贸的新增长点。' },
          huanglei: { stance: 'abstain', text: '对平台认定标准尚有疑虑，弃权。' },
        },
        decisions: [
          {
            text: '同意调整外贸发展资金使用范围，由黄磊起草实施细则。',
            responsible: 'huanglei',
            deadline: '2026-05-31',
          },
        ],
      },
      {
        title: '跨境电商业务培训安排',
        description: '举办全市跨境电商业务培训班，邀请海关和税务部门授课。',
        discussion: '会议研究了跨境电商培训的时间、地点和授课安排。',
        opinions: { chenjing: { stance: 'for', text: '同意，培训安排在四月中旬为宜。' } },
        decisions: [
          { text: '同意举办跨境电商业务培训班，由陈静负责组织。', responsible: 'chenjing', deadline: '2026-04-30' },
        ],
      },
    ],
  });
  // A correction (更正) of the 2026 minutes: the first version stays findable, marked as superseded.
  h.clock.set('2026-03-16T02:00:00Z');
  const head = await h.login('head');
  const recorder = await h.login('recorder');
  let c = ok<MinutesDto>(await head.post(`/api/minutes/${trade2026.minutes.id}/correct`), 'correct');
  c = ok<MinutesDto>(await recorder.post(`/api/minutes/${c.id}/submit`, { version: c.version }), 'submit correction');
  const correction = ok<MinutesDto>(
    await head.post(`/api/minutes/${c.id}/issue`, { version: c.version }),
    'issue correction',
  );

  const investment2026 = await meetingWith(h, {
    division: '外商投资管理处',
    head: 'zhugang',
    recorder: 'guoyan',
    startsAt: '2026-04-08T09:30:00+08:00',
    title: '外商投资管理处2026年第三次处务会',
    observers: ['songhua'],
    topics: [
      {
        title: '关于外资企业参加进博会展会的补贴方案',
        description: '对参加中国国际进口博览会（进博会）的外资企业给予展位补贴，预计资金五十万元。',
        funds: '500000.00',
        discussion: '会议研究了进博会展会补贴方案，明确补贴对象为在本市注册的外资企业。',
        opinions: {
          hulin: { stance: 'for', text: '同意，进博会展会补贴有利于稳外资。' },
          luoqiang: { stance: 'against', text: '不同意按展位面积补贴，建议改为定额补贴。' },
        },
        decisions: [
          { text: '同意进博会展会补贴方案，由罗强负责组织申报。', responsible: 'luoqiang', deadline: '2026-10-31' },
        ],
      },
    ],
  });

  // 刘洋's idea, never submitted: a draft is its proposer's alone.
  h.clock.set('2026-05-06T02:00:00Z');
  const staffNow = await h.login('staff');
  const draft = ok<TopicDto>(
    await staffNow.post('/api/topics', {
      divisionId: await h.divisionId('对外贸易处'),
      title: '关于海外仓仓储补贴的设想',
      description: '草稿：研究对使用海外仓的中小企业给予仓储费补贴。',
      category: '传达学习局党委及局领导工作部署',
      matterFlags: [],
      important: false,
    }),
    'draft',
  );

  // 刘洋 reports progress on the 海外仓 item, with the survey as a text file.
  const items = ok<{ items: TrackingItemDto[] }>(
    await staffNow.get(`/api/tracking/items?scope=mine&sourceMinutesId=${trade2025.minutes.id}`),
    'items',
  );
  const item = items.items[0];
  if (!item) throw new Error('no tracked item for 海外仓');
  const file = ok<{ id: string }>(
    await upload(
      h,
      staffNow,
      `/api/tracking/items/${item.id}/attachments`,
      Buffer.from('汉堡海外仓选址调研报告：已实地考察三处仓储设施，推荐汉堡港区北侧仓库。'),
      '选址调研报告.txt',
    ),
    'item file',
  );
  ok(
    await staffNow.post(`/api/tracking/items/${item.id}/reports`, {
      version: item.version,
      text: '已完成汉堡海外仓选址初步调研，正在起草实施方案。',
      attachmentIds: [file.id],
    }),
    'report',
  );
  return { trade2025, trade2026, correction, investment2026, draft, itemId: item.id };
}
