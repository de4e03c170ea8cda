import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchHitDto, SearchResultDto } from '../../../core/contracts/search.js';
import type { MinutesContent } from '../../../core/minutes.js';
import type { Opinion } from '../../../core/record.js';
import { generateScale, SCALE_PASSWORD } from '../../../scripts/scale/generate.js';
import { makeHarness, TEST_DB, type Client, type Harness } from '../../test/harness.js';
import { buildDemoCorpus, type DemoCorpus } from '../../test/search-corpus.js';
import { reindexAll } from './reindex.js';

/**
 * R1.3 search quality: a labelled set of queries over the demo bureau's corpus (made through the
 * API) and a generated unit (scripts/scale/generate.ts, indexed by `search reindex`), each with the
 * documents it must return. recall@10 is the share of those documents in the first ten hits,
 * averaged over the queries; the top hit is right when it is one of them.
 */

/** A document a query must return: its kind and its link (exact, or a prefix ending in '-'), or words of its title. */
interface Want {
  kind: SearchHitDto['kind'];
  link?: string;
  title?: string;
}
interface Labelled {
  q: string;
  as: string;
  want: Want[];
}

const matches = (hit: SearchHitDto, w: Want) =>
  hit.kind === w.kind &&
  (w.link === undefined || (w.link.endsWith('-') ? hit.link.startsWith(w.link) : hit.link === w.link)) &&
  (w.title === undefined || hit.title.includes(w.title));

function demoSet(c: DemoCorpus): Labelled[] {
  const [t25a, t25b] = c.trade2025.topics.map((t) => t.id);
  const [t26a, t26b] = c.trade2026.topics.map((t) => t.id);
  const [ti] = c.investment2026.topics.map((t) => t.id);
  const m25 = c.trade2025.minutes;
  const m26 = c.trade2026.minutes;
  const mi = c.investment2026.minutes;
  const g25 = c.trade2025.meeting.id;
  const g26 = c.trade2026.meeting.id;
  const gi = c.investment2026.meeting.id;
  const topic = (id?: string): Want => ({ kind: 'topic', link: `/topics/${id}` });
  const section = (n: string, t?: string): Want => ({ kind: 'minutes', link: `/minutes/${n}#section-${t}` });
  const record = (g: string, t?: string): Want => ({ kind: 'record', link: `/meetings/${g}#record-${t}` });
  const opinion = (g: string, t: string | undefined, who: string): Want => ({
    kind: 'opinion',
    link: `/meetings/${g}#opinion-${t}-`,
    title: who,
  });
  const decision = (g: string, t?: string): Want => ({ kind: 'decision', link: `/meetings/${g}#decision-${t}-0` });
  const file = (t: string | undefined, name: string): Want => ({
    kind: 'attachment',
    link: `/topics/${t}#attachment-`,
    title: name,
  });
  const item = (title: string): Want => ({ kind: 'tracking', title });
  const itemFile: Want = { kind: 'attachment', link: `/tracking/${c.itemId}#attachment-` };
  const fw = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
  const d = 'director';
  return [
    // A file named after 海外仓 is as right a first hit as the topic.
    { q: '海外仓', as: d, want: [topic(t25a), section(m25.id, t25a), item('海外仓'), file(t25a, '海外仓项目')] },
    { q: '海外倉', as: d, want: [topic(t25a), section(m25.id, t25a), item('海外仓'), file(t25a, '海外仓项目')] },
    { q: '建设海外仓 资金', as: d, want: [topic(t25a), section(m25.id, t25a)] },
    { q: '展会', as: d, want: [topic(t25b), topic(ti), section(m25.id, t25b), section(mi.id, ti)] },
    { q: '资金', as: d, want: [topic(t26a), section(c.correction.id, t26a), section(m26.id, t26a)] },
    { q: m25.number ?? '?', as: d, want: [section(m25.id, t25a), section(m25.id, t25b)] },
    { q: `对外贸易处${m25.number}`, as: d, want: [section(m25.id, t25a), section(m25.id, t25b)] },
    { q: `对外贸易处${fw(m25.number ?? '')}`, as: d, want: [section(m25.id, t25a), section(m25.id, t25b)] },
    // Every division numbers from 1: each section of every 〔2026〕1号 is right, the corrected one too.
    {
      q: `${m26.number}`,
      as: d,
      want: [
        section(c.correction.id, t26a),
        section(c.correction.id, t26b),
        section(m26.id, t26a),
        section(m26.id, t26b),
        section(mi.id, ti),
      ],
    },
    { q: '刘洋 暂缓', as: d, want: [opinion(g25, t25a, '刘洋'), section(m25.id, t25a)] },
    { q: '刘洋', as: d, want: [opinion(g25, t25a, '刘洋'), item('海外仓')] },
    { q: '八千平方米', as: d, want: [file(t25a, '可行性报告')] },
    { q: '汉堡 租金', as: d, want: [file(t25a, '可行性报告'), opinion(g25, t25a, '刘洋')] },
    { q: '德国汉堡', as: d, want: [topic(t25a), file(t25a, '可行性报告')] },
    { q: '信息系统建设', as: d, want: [file(t25a, '资金测算表说明')] },
    { q: '仓储设施', as: d, want: [file(t25a, '可行性报告'), itemFile] },
    { q: '汉堡港区北侧', as: d, want: [itemFile] },
    { q: '选址调研', as: d, want: [item('海外仓'), decision(g25, t25a), itemFile] },
    { q: '第三方评估机构', as: d, want: [opinion(g25, t25a, '陈静')] },
    { q: '稳定外贸订单', as: d, want: [record(g25, t25a), section(m25.id, t25a)] },
    { q: '原则同意 海外仓', as: d, want: [decision(g25, t25a), section(m25.id, t25a)] },
    { q: '广交会', as: d, want: [topic(t25b), section(m25.id, t25b), record(g25, t25b)] },
    { q: '第138届广交会', as: d, want: [topic(t25b)] },
    { q: '展位申报 杨帆', as: d, want: [decision(g25, t25b), item('广交会')] },
    { q: '驻会协调', as: d, want: [opinion(g25, t25b, '张敏')] },
    { q: '外贸发展资金', as: d, want: [topic(t26a), section(c.correction.id, t26a), section(m26.id, t26a)] },
    { q: '120万元', as: d, want: [topic(t26a)] },
    { q: '三十万元', as: d, want: [file(t26a, '资金使用范围调整说明')] },
    { q: '跨境电商', as: d, want: [topic(t26a), topic(t26b), section(c.correction.id, t26b)] },
    { q: '跨境电商业务培训', as: d, want: [topic(t26b)] },
    { q: '海关 税务 授课', as: d, want: [topic(t26b)] },
    { q: '黄磊 弃权', as: d, want: [opinion(g26, t26a, '黄磊')] },
    { q: '平台认定标准', as: d, want: [opinion(g26, t26a, '黄磊')] },
    { q: '陈静 培训', as: d, want: [decision(g26, t26b), opinion(g26, t26b, '陈静')] },
    { q: '进博会', as: d, want: [topic(ti), section(mi.id, ti), record(gi, ti)] },
    { q: '進博會', as: d, want: [topic(ti), section(mi.id, ti), record(gi, ti)] },
    // The dissent, in the record and as the minutes carry it.
    { q: '进博会 定额补贴', as: d, want: [opinion(gi, ti, '罗强'), section(mi.id, ti)] },
    { q: '罗强', as: d, want: [opinion(gi, ti, '罗强'), item('进博会')] },
    { q: '五十万元', as: d, want: [topic(ti)] },
    { q: '外资企业 展位补贴', as: d, want: [topic(ti)] },
    // The same questions asked by those who may see only part of it.
    { q: '海外仓', as: 'head', want: [topic(t25a), section(m25.id, t25a), item('海外仓'), file(t25a, '海外仓项目')] },
    { q: '展会', as: 'zhugang', want: [topic(ti), section(mi.id, ti), record(gi, ti)] },
    { q: '海外仓 仓储补贴', as: 'staff', want: [topic(c.draft.id)] },
  ];
}

/** Queries over the generated unit, labelled from its tables (not from the index). */
async function generatedSet(h: Harness, unitId: string, as: string): Promise<Labelled[]> {
  const db = h.s.db.kysely;
  const minutes = await db
    .selectFrom('minutes as n')
    .innerJoin('divisions as d', 'd.id', 'n.division_id')
    .select(['n.id', 'n.number', 'n.content', 'd.name'])
    .where('n.unit_id', '=', unitId)
    .where('n.status', '=', 'issued')
    .orderBy('n.id')
    .limit(8)
    .execute();
  const out: Labelled[] = minutes.map((m) => ({
    q: `${m.name}${m.number}`,
    as,
    want: (JSON.parse(m.content) as MinutesContent).sections.map((x): Want => ({
      kind: 'minutes',
      link: `/minutes/${m.id}#section-${x.topicId}`,
    })),
  }));
  // A name with the words of their dissent: the opinions they must return.
  const entries = await db
    .selectFrom('record_entries')
    .select(['meeting_id', 'topic_id', 'opinions'])
    .where('unit_id', '=', unitId)
    .orderBy('id')
    .execute();
  const against = new Map<string, Want[]>();
  for (const e of entries)
    (JSON.parse(e.opinions) as Opinion[]).forEach((o, i) => {
      if (o.stance !== 'against') return;
      const list = against.get(o.speakerName) ?? [];
      list.push({ kind: 'opinion', link: `/meetings/${e.meeting_id}#opinion-${e.topic_id}-${i}` });
      against.set(o.speakerName, list);
    });
  const names = [...against].filter(([, w]) => w.length <= 4).slice(0, 6);
  for (const [name, want] of names) out.push({ q: `${name} 暂缓`, as, want });
  return out;
}

describe(`R1.3 search quality (${TEST_DB})`, () => {
  let h: Harness;
  let set: Labelled[];

  beforeAll(async () => {
    h = await makeHarness();
    const corpus = await buildDemoCorpus(h);
    const gen = await generateScale(h.s.db, {
      units: 1,
      divisions: 4,
      years: 2,
      now: new Date('2026-06-01T00:00:00Z'),
      seed: 14,
    });
    const unit = await h.s.db.kysely
      .selectFrom('users')
      .select('unit_id')
      .where('username', '=', gen.users.director)
      .executeTakeFirstOrThrow();
    await reindexAll(h.s, { unitId: unit.unit_id });
    set = [...demoSet(corpus), ...(await generatedSet(h, unit.unit_id, gen.users.director))];
  }, 300_000);
  afterAll(async () => h.close());

  it('R1.3: the labelled set — recall@10 ≥ 0.95, the top hit right for ≥ 0.9 of the queries', async () => {
    expect(set.length).toBeGreaterThanOrEqual(40);
    const clients = new Map<string, Client>();
    let recall = 0;
    let topRight = 0;
    const misses: string[] = [];
    for (const l of set) {
      expect(l.want.length, l.q).toBeGreaterThan(0);
      let c = clients.get(l.as);
      if (!c) {
        c = await h.login(l.as, l.as.startsWith('u1-') ? SCALE_PASSWORD : undefined);
        clients.set(l.as, c);
      }
      const r = await c.get(`/api/search?q=${encodeURIComponent(l.q)}&limit=10`);
      expect(r.statusCode, r.body).toBe(200);
      const hits = (r.json() as SearchResultDto).items;
      const found = l.want.filter((w) => hits.some((x) => matches(x, w))).length;
      recall += found / l.want.length;
      const top = hits[0];
      if (top && l.want.some((w) => matches(top, w))) topRight++;
      else misses.push(`top  ${l.as} “${l.q}”: ${top ? `${top.kind} ${top.title}` : 'nothing'}`);
      if (found < l.want.length) misses.push(`recall ${l.as} “${l.q}”: ${found}/${l.want.length}`);
    }
    const recallAt10 = recall / set.length;
    const topHit = topRight / set.length;
    console.log(
      `R1.3 search quality (${TEST_DB}): ${set.length} queries, recall@10 = ${recallAt10.toFixed(3)}, top hit right = ${topHit.toFixed(3)}${misses.length ? `\n  ${misses.join('\n  ')}` : ''}`,
    );
    expect(recallAt10).toBeGreaterThanOrEqual(0.95);
    expect(topHit).toBeGreaterThanOrEqual(0.9);
  });
});
