import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchHitDto, SearchResultDto } from '../../../core/contracts/search.js';
import { DEMO_ROLES, makeHarness, TEST_DB, type Client, type Harness } from '../../test/harness.js';
import { buildDemoCorpus, type DemoCorpus } from '../../test/search-corpus.js';
import { randomUUID } from 'node:crypto';
import { reindexAll } from './reindex.js';
import { insertDocs } from './search.repository.js';

const codeOf = (r: { json(): unknown }) => (r.json() as { error?: { code?: string } }).error?.code;

/** The API read that opens what a hit links to: 200 when the actor may open it. */
function openUrl(link: string): string {
  const [path = ''] = link.split('#');
  const [, what, id] = path.split('/');
  if (what === 'topics') return `/api/topics/${id}`;
  if (what === 'meetings') return `/api/meetings/${id}/record`;
  if (what === 'minutes') return `/api/minutes/${id}`;
  if (what === 'tracking') return `/api/tracking/items/${id}`;
  throw new Error(`unknown link ${link}`);
}

describe(`R1.3 full-text search (${TEST_DB})`, () => {
  let h: Harness;
  let corpus: DemoCorpus;
  const search = async (c: Client, q: string, extra = '') => {
    const r = await c.get(`/api/search?q=${encodeURIComponent(q)}&limit=50${extra}`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as SearchResultDto;
  };
  const keyOf = (x: SearchHitDto) => `${x.kind}:${x.link}`;

  beforeAll(async () => {
    h = await makeHarness();
    corpus = await buildDemoCorpus(h);
  }, 180_000);
  afterAll(async () => h.close());

  it('R1.3: a leader searching 海外仓 lands on the dissent in last year’s minutes, highlighted, linked to its section', async () => {
    const director = await h.login('director');
    const r = await search(director, '海外仓 暂缓', '&kind=minutes');
    const m = corpus.trade2025.minutes;
    const top = r.items[0];
    expect(top?.kind).toBe('minutes');
    expect(top?.link).toBe(`/minutes/${m.id}#section-${corpus.trade2025.topics[0]?.id}`);
    expect(top?.title).toContain(m.number ?? '?');
    expect(top?.snippet).toContain('不同意');
    // Highlights are offsets into the snippet (the page marks them; no HTML from the server).
    expect(top?.highlights.length).toBeGreaterThan(0);
    for (const [a, b] of top?.highlights ?? []) expect(['海外仓', '暂缓']).toContain(top?.snippet.slice(a, b));
    expect(top?.snippet).not.toMatch(/<mark>/);
    // The opinion itself, in the record, linked to the speaker's place.
    const op = await search(director, '海外仓 暂缓', '&kind=opinion');
    expect(op.items[0]?.title).toContain('刘洋（反对，保留意见）');
    expect(op.items[0]?.link).toMatch(new RegExp(`^/meetings/${corpus.trade2025.meeting.id}#opinion-`));
  });

  it('R1.3: Traditional 海外倉, full-width 〔２０２５〕１号 and bracket variants find the same rows', async () => {
    const director = await h.login('director');
    const simple = await search(director, '海外仓');
    const traditional = await search(director, '海外倉');
    expect(traditional.items.map(keyOf)).toEqual(simple.items.map(keyOf));
    expect(simple.items.length).toBeGreaterThan(5);
    const number = corpus.trade2025.minutes.number ?? '';
    expect(number).toMatch(/^〔2025〕\d+号$/);
    const byNumber = await search(director, `对外贸易处${number}`, '&kind=minutes');
    expect(byNumber.items.length).toBeGreaterThan(0);
    expect(byNumber.items.every((x) => x.link.startsWith(`/minutes/${corpus.trade2025.minutes.id}#`))).toBe(true);
    const fullWidth = number.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    expect((await search(director, `对外贸易处${fullWidth}`, '&kind=minutes')).items.map(keyOf)).toEqual(
      byNumber.items.map(keyOf),
    );
    expect(
      (await search(director, `对外贸易处${number.replace('〔', '[').replace('〕', ']')}`, '&kind=minutes')).items
        .length,
    ).toBe(byNumber.items.length);
    // A number is one word: 〔2025〕1号 is not 〔2025〕11号 nor 〔2026〕1号.
    const other = await search(director, '〔2024〕1号', '&kind=minutes');
    expect(other.items).toEqual([]);
  });

  it('R1.3: PDF, DOCX and text material is found by its words; an image by its name only', async () => {
    const director = await h.login('director');
    const pdf = await search(director, '八千平方米', '&kind=attachment');
    expect(pdf.items.map((x) => x.title)).toEqual(['海外仓项目可行性报告.pdf（关于支持企业建设海外仓的请示）']);
    expect(pdf.items[0]?.link).toMatch(/^\/topics\/.+#attachment-/);
    const docx = await search(director, '信息系统建设', '&kind=attachment');
    expect(docx.items.map((x) => x.title)).toEqual([
      '资金测算说明.docx（关于支持企业建设海外仓的请示）'.replace('资金测算说明', '资金测算表说明'),
    ]);
    const txt = await search(director, '汉堡港区北侧', '&kind=attachment');
    expect(txt.items.map((x) => x.link)).toEqual([expect.stringMatching(new RegExp(`^/tracking/${corpus.itemId}#`))]);
    const png = await search(director, '现场照片', '&kind=attachment');
    expect(png.items).toHaveLength(1);
    expect(png.items[0]?.snippet).toBe('');
  });

  it('R1.3: the corrected minutes are found too, marked superseded; the correction is issued', async () => {
    const director = await h.login('director');
    const r = await search(director, '外贸发展资金 跨境电商', '&kind=minutes');
    const old = r.items.filter((x) => x.link.startsWith(`/minutes/${corpus.trade2026.minutes.id}#`));
    const cur = r.items.filter((x) => x.link.startsWith(`/minutes/${corpus.correction.id}#`));
    expect(old.length).toBeGreaterThan(0);
    expect(cur.length).toBe(old.length);
    expect(old.every((x) => x.superseded && x.status === 'superseded')).toBe(true);
    expect(cur.every((x) => !x.superseded && x.status === 'issued')).toBe(true);
  });

  it('R1.3: filters narrow by kind, division, year, category, matter flag, status and speaker; facets count per kind', async () => {
    const director = await h.login('director');
    const all = await search(director, '展会');
    const kinds = new Set(all.items.map((x) => x.kind));
    expect(kinds.size).toBeGreaterThan(3);
    const facetTotal = Object.values(all.facets ?? {}).reduce((a, b) => a + b, 0);
    expect(facetTotal).toBe(all.items.length);
    const investment = await h.divisionId('外商投资管理处');
    const inv = await search(director, '展会', `&divisionId=${investment}`);
    expect(inv.items.length).toBeGreaterThan(0);
    expect(inv.items.every((x) => x.divisionName === '外商投资管理处')).toBe(true);
    const y2025 = await search(director, '展会', '&year=2025');
    expect(y2025.items.length).toBeGreaterThan(0);
    expect(y2025.items.every((x) => x.day.startsWith('2025'))).toBe(true);
    const funds = await search(director, '展会', '&matterFlag=funds');
    expect(funds.items.length).toBeGreaterThan(0);
    expect(funds.items.every((x) => x.divisionName === '外商投资管理处')).toBe(true);
    const cat = await search(
      director,
      '展会',
      `&category=${encodeURIComponent('面向企业的座谈会、研讨会、展览会和培训')}`,
    );
    expect(cat.items.length).toBeGreaterThan(0);
    expect(cat.items.every((x) => x.day.startsWith('2025'))).toBe(true);
    const against = await search(director, '展会', '&kind=opinion&status=against');
    expect(against.items.map((x) => x.title)).toEqual([expect.stringContaining('罗强（反对）')]);
    const luoqiang = await h.userId('luoqiang');
    const bySpeaker = await search(director, '补贴', `&speakerId=${luoqiang}`);
    expect(bySpeaker.items.length).toBe(1);
    expect(bySpeaker.facets).toEqual({ opinion: 1 });
    // A kind filter keeps the other kinds' counts (the tabs), its own page only of its kind.
    const onlyTopics = await search(director, '展会', '&kind=topic');
    expect(onlyTopics.items.every((x) => x.kind === 'topic')).toBe(true);
    expect(onlyTopics.facets).toEqual(all.facets);
    // A division the actor may not see is not there for them (404), never an empty list.
    const head = await h.login('head');
    const r = await head.get(`/api/search?q=${encodeURIComponent('展会')}&divisionId=${investment}`);
    expect(r.statusCode).toBe(404);
    expect(codeOf(r)).toBe('NOT_FOUND');
  });

  it('R1.3: every role finds exactly what it may open — no hit, count or snippet of anything else', async () => {
    const accounts = [...DEMO_ROLES, 'zhugang', 'songhua', 'chenjing', 'luoqiang'];
    const queries = ['海外仓', '展会', '资金', '补贴', '刘洋', '跨境电商'];
    const clients = new Map<string, Client>();
    for (const a of accounts) clients.set(a, await h.login(a));
    // Everything any of them finds: each must be found by exactly those who can open it.
    const found = new Map<string, Map<string, SearchHitDto>>();
    const universe = new Map<string, SearchHitDto>();
    for (const [a, c] of clients) {
      const mine = new Map<string, SearchHitDto>();
      for (const q of queries) {
        const r = await search(c, q);
        expect(r.nextCursor).toBeNull();
        const total = Object.values(r.facets ?? {}).reduce((x, y) => x + y, 0);
        expect(total, `${a} ${q}: counts are of the hits it may open`).toBe(r.items.length);
        for (const x of r.items) {
          mine.set(keyOf(x), x);
          universe.set(keyOf(x), x);
        }
      }
      found.set(a, mine);
    }
    expect(universe.size).toBeGreaterThan(30);
    const wrong: string[] = [];
    const opened = new Map<string, number>();
    for (const [a, c] of clients)
      for (const [key, x] of universe) {
        const url = openUrl(x.link);
        const k = `${a} ${url}`;
        if (!opened.has(k)) opened.set(k, (await c.get(url)).statusCode);
        const may = opened.get(k) === 200;
        const has = found.get(a)?.has(key) ?? false;
        if (may !== has) wrong.push(`${a}: ${key} ${has ? 'found but cannot open' : 'can open but not found'}`);
      }
    expect(wrong).toEqual([]);
    // The rules at work: the administrators find nothing; the draft is its proposer's alone;
    // the observer from 市场运行和消费促进处 finds the topic he was invited to, not its record.
    for (const a of ['admin', 'secadmin', 'auditor']) expect(found.get(a)?.size, a).toBe(0);
    const draftKey = `topic:/topics/${corpus.draft.id}`;
    expect([...clients.keys()].filter((a) => found.get(a)?.has(draftKey))).toEqual(['staff']);
    const observer = [...(found.get('songhua')?.values() ?? [])];
    expect(observer.map((x) => x.kind).sort()).toEqual(['topic']);
    expect(found.get('head')?.size).toBeGreaterThan(0);
    expect([...(found.get('head')?.values() ?? [])].some((x) => x.divisionName === '外商投资管理处')).toBe(false);
  });

  it('R1.3: the index changes in the transaction of the change; a refused change leaves it; reindex rebuilds the same rows', async () => {
    const head = await h.login('chenjing');
    const trade = await h.divisionId('对外贸易处');
    const created = await head.post('/api/topics', {
      divisionId: trade,
      title: '关于冷链物流枢纽建设的议题',
      description: '研究冷链物流枢纽选址。',
      category: '传达学习局党委及局领导工作部署',
      matterFlags: [],
      important: false,
    });
    expect(created.statusCode).toBe(201);
    const t = created.json() as { id: string; version: number };
    expect((await search(head, '冷链物流')).items.map((x) => x.link)).toEqual([`/topics/${t.id}`]);
    const edited = await head.put(`/api/topics/${t.id}`, {
      version: t.version,
      title: '关于冷链仓储中心建设的议题',
      description: '研究仓储中心选址。',
      category: '传达学习局党委及局领导工作部署',
      matterFlags: [],
      important: false,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect((await search(head, '冷链物流')).items).toEqual([]);
    expect((await search(head, '仓储中心')).items.map((x) => x.link)).toEqual([`/topics/${t.id}`]);
    // A stale version is refused (409) and the index keeps what was saved.
    const stale = await head.put(`/api/topics/${t.id}`, {
      version: t.version,
      title: '关于氢能产业园的议题',
      description: '',
      category: '传达学习局党委及局领导工作部署',
      matterFlags: [],
      important: false,
    });
    expect(stale.statusCode).toBe(409);
    expect((await search(head, '氢能产业园')).items).toEqual([]);

    const rows = async () =>
      (
        await h.s.db.kysely
          .selectFrom('search_documents')
          .select(['kind', 'object_id', 'part', 'title', 'body', 'title_tokens', 'tokens', 'status', 'link'])
          .orderBy('kind')
          .orderBy('object_id')
          .orderBy('part')
          .execute()
      ).map((r) => JSON.stringify(r));
    const before = await rows();
    const r = await reindexAll(h.s);
    expect(r.rows).toBe(before.length);
    expect(await rows()).toEqual(before);
    expect((await search(head, '仓储中心')).items.map((x) => x.link)).toEqual([`/topics/${t.id}`]);
  });

  it('R1.3: pages follow the cursor without repeats; a tampered cursor or bad words are 400', async () => {
    const director = await h.login('director');
    const all = await search(director, '同意');
    expect(all.items.length).toBeGreaterThan(6);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { statusCode: number; json(): unknown } = await director.get(
        `/api/search?q=${encodeURIComponent('同意')}&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.statusCode).toBe(200);
      const page = res.json() as SearchResultDto;
      if (cursor) expect(page.facets).toBeNull();
      seen.push(...page.items.map(keyOf));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map(keyOf));
    for (const bad of ['&cursor=xyz', `&cursor=${Buffer.from('[-3,0]').toString('base64url')}`, '&kind=nonsense'])
      expect((await director.get(`/api/search?q=a${bad}`)).statusCode, bad).toBe(400);
    expect((await director.get('/api/search?q=')).statusCode).toBe(400);
    expect((await director.get(`/api/search?q=${'长'.repeat(101)}`)).statusCode).toBe(400);
    expect((await director.get('/api/search?q=%00')).statusCode).toBe(400);
    expect((await h.anon('GET', '/api/search?q=%E6%B5%B7')).statusCode).toBe(401);
    // Words that are all punctuation find nothing, without an error.
    expect((await search(director, '，。！')).items).toEqual([]);
  });

  it('R1.3: another unit’s rows are never found, counted or shown — with one unit or with several in the database', async () => {
    const director = await h.login('director');
    const before = await search(director, '海外仓');
    // A second unit with a topic in the same words, indexed as its own.
    const other = randomUUID();
    const division = randomUUID();
    const at = new Date().toISOString();
    await h.s.db.kysely
      .insertInto('units')
      .values({ unit_id: other, name: '另一局', is_demo: 0, created_at: at })
      .execute();
    await insertDocs(
      h.s.db.kind,
      h.s.db.kysely,
      other,
      'topic',
      'other-topic',
      [
        {
          kind: 'topic',
          objectId: 'other-topic',
          part: 0,
          divisionId: division,
          year: 2025,
          day: '2025-03-10',
          category: null,
          matterFlags: [],
          status: 'approved',
          title: '海外仓建设补助（另一局）',
          body: '海外仓 暂缓 海外仓',
          link: '/topics/other-topic',
          acl: 'topic',
          ownerId: await h.userId('director'),
        },
      ],
      at,
    );
    const after = await search(director, '海外仓');
    // The same hits and counts (the order may move: the index's word statistics are the database's).
    expect(after.items.map(keyOf).sort()).toEqual(before.items.map(keyOf).sort());
    expect(after.facets).toEqual(before.facets);
    expect(JSON.stringify(after)).not.toContain('另一局');
    await h.s.db.kysely.deleteFrom('search_documents').where('unit_id', '=', other).execute();
    await h.s.db.kysely.deleteFrom('units').where('unit_id', '=', other).execute();
  });
});
