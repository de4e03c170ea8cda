import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { codeOf, makeHarness, type Client, type Harness } from '../../test/harness.js';
import { holdMeeting, issueAt, uploadItemFile } from '../../test/flows.js';
import { FUNDS_TOPIC, PDF, PLAIN_TOPIC } from '../../test/fixtures.js';
import { tamper, tinyPdf } from '../../test/archive-fixtures.js';
import { race, statuses } from '../../test/race.js';
import { runCli } from '../../cli.js';
import { readZip, writeZip } from '../../documents/archive/zip.js';
import { readManifest } from '../../documents/archive/package.js';
import { verifyPackage } from '../../documents/archive/verify-package.js';
import type {
  AppraisalPageDto,
  ArchiveCheckDto,
  ArchiveDetailDto,
  ArchiveItemDto,
  ArchivesOverviewDto,
} from '../../../core/contracts/archive.js';
import type { MinutesDto } from '../../../core/contracts/minutes.js';
import type { TopicDto } from '../../../core/contracts/topics.js';
import type { TrackingDetailDto, TrackingItemDto } from '../../../core/contracts/tracking.js';

const FORUM_TOPIC = {
  title: '组织外贸企业出口政策培训会',
  description: '面向企业举办出口政策培训。',
  category: '面向企业的座谈会、研讨会、展览会和培训',
  matterFlags: [],
  important: false,
};

/**
 * R5.7 / R1.3: 对外贸易处's 2026 — three meetings whose minutes are numbered 〔2026〕1–3号
 * (the first corrected once, its funds topic with a material and a tracked item; the second on a
 * routine deployment; the third on a training for enterprises), one more held in December whose
 * minutes are issued in 2027 — archived by 办公室 (周雪梅) in January 2027.
 */
describe('R5.7 R1.3: yearly archiving per division, the package, its 四性检测 and retention', () => {
  let h: Harness;
  let trade: string;
  let investment: string;
  let office: Client;
  let first: MinutesDto;
  let corrected: MinutesDto;
  let december: string;
  let item: TrackingItemDto;
  let juneMeeting: string;
  let fundsTopic: string;
  /** 张敏's 传阅 entry of 〔2026〕1号（更正）: read while the year is being archived. */
  let racedEntry: string;
  let archive: ArchiveDetailDto;
  let zip: Buffer;
  const dir = mkdtempSync(join(tmpdir(), 'jiyao-archive-'));

  const ok = <T>(r: LightMyRequestResponse, status = 200): T => {
    expect(r.statusCode, r.body).toBe(status);
    return r.json() as T;
  };
  const upload = (c: Client, url: string, name: string, data: Buffer) =>
    h.app.inject({
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
  /** A topic 刘洋 proposes with `material` attached, which the head approves. */
  const proposedTopic = async (topic: object, name: string, material: Buffer) => {
    const staff = await h.login('staff');
    let t = ok<TopicDto>(await staff.post('/api/topics', { divisionId: trade, ...topic }), 201);
    ok(await upload(staff, `/api/topics/${t.id}/attachments`, name, material), 201);
    t = ok<TopicDto>(await staff.post(`/api/topics/${t.id}/submit`, { version: t.version }));
    t = ok<TopicDto>(await (await h.login('head')).post(`/api/topics/${t.id}/approve`, { version: t.version }));
    return t.id;
  };
  const archiveOf = (c: Client, year: number, divisionId = trade) => c.post('/api/archives', { divisionId, year });
  const overview = async (year?: number) =>
    ok<ArchivesOverviewDto>(await office.get(`/api/archives${year ? `?year=${year}` : ''}`));
  const cli = async (...argv: string[]) => {
    const out: string[] = [];
    const code = await runCli(
      argv,
      (l) => out.push(l),
      (l) => out.push(l),
    );
    return { code, out: out.join('\n') };
  };

  beforeAll(async () => {
    h = await makeHarness();
    trade = await h.divisionId('对外贸易处');
    investment = await h.divisionId('外商投资管理处');
    const staffId = await h.userId('staff');
    // 2026-03-10: the funds topic, with its material; a decision for 刘洋 → a tracked item.
    h.clock.set('2026-03-02T09:00:00+08:00');
    const funds = await proposedTopic(FUNDS_TOPIC, '参展补助方案.pdf', await tinyPdf('参展补助资金分配方案'));
    fundsTopic = funds;
    const march = await holdMeeting(h, '2026-03-10T09:00:00+08:00', '三月例会', {
      topicId: funds,
      allPresent: true,
      decisions: [
        { text: '同意参展补助资金分配方案', outcome: 'adopted', responsibleUserId: staffId, deadline: '2026-06-30' },
      ],
    });
    first = await issueAt(h, march.id, '2026-03-11T10:00:00+08:00');
    // Corrected on 04-01: 〔2026〕1号（更正）supersedes it.
    h.clock.set('2026-04-01T09:00:00+08:00');
    const head = await h.login('head');
    let c = ok<MinutesDto>(await head.post(`/api/minutes/${first.id}/correct`), 201);
    c = ok<MinutesDto>(await (await h.login('recorder')).post(`/api/minutes/${c.id}/submit`, { version: c.version }));
    corrected = ok<MinutesDto>(await head.post(`/api/minutes/${c.id}/issue`, { version: c.version }));
    // 06-15: a routine deployment, rejected (nothing tracked); 09-08: a training for enterprises, deferred.
    const june = await holdMeeting(h, '2026-06-15T09:00:00+08:00', '六月例会', {
      topic: { ...PLAIN_TOPIC, title: '传达全市优化营商环境大会精神' },
      decisions: [{ text: '暂不安排专项部署', outcome: 'rejected', deadline: null }],
    });
    await issueAt(h, june.id, '2026-06-16T10:00:00+08:00');
    juneMeeting = june.id;
    const sept = await holdMeeting(h, '2026-09-08T09:00:00+08:00', '九月例会', {
      topic: FORUM_TOPIC,
      decisions: [{ text: '待政策出台后再研究', outcome: 'deferred', deadline: null }],
    });
    await issueAt(h, sept.id, '2026-09-09T10:00:00+08:00');
    // 12-21: held and closed; its minutes wait for January.
    december = (
      await holdMeeting(h, '2026-12-21T09:00:00+08:00', '十二月例会', {
        decisions: [{ text: '明年再议', outcome: 'deferred', deadline: null }],
      })
    ).id;
    // A read receipt for the package: 王建国 reads 〔2026〕1号（更正）.
    h.clock.set('2026-04-02T09:00:00+08:00');
    const director = await h.login('director');
    const inbox = ok<{ items: Array<{ id: string; minutesId: string }> }>(await director.get('/api/distributions'));
    const entry = inbox.items.find((e) => e.minutesId === corrected.id);
    if (!entry) throw new Error('no entry for the director');
    ok(await director.post(`/api/distributions/${entry.id}/read`, {}));
    const deputy = ok<{ items: Array<{ id: string; minutesId: string }> }>(
      await (await h.login('deputy')).get('/api/distributions'),
    );
    racedEntry = deputy.items.find((e) => e.minutesId === corrected.id)?.id ?? '';
    item = ok<{ items: TrackingItemDto[] }>(await (await h.login('staff')).get('/api/tracking/items?scope=mine'))
      .items[0] as TrackingItemDto;
    h.clock.set('2027-01-10T09:00:00+08:00');
    office = await h.login('zhouxuemei');
  });
  afterAll(async () => {
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('R5.7: only 办公室 archives and 监察室 reads; everyone else gets 404, 监察室 403 on archiving', async () => {
    for (const u of ['head', 'staff', 'director', 'leader', 'jiwei', 'admin', 'auditor', 'secadmin']) {
      const c = await h.login(u);
      expect((await c.get('/api/archives')).statusCode, u).toBe(404);
      expect(codeOf(await archiveOf(c, 2026)), u).toBe('NOT_FOUND');
      expect((await c.get('/api/archives/appraisal')).statusCode, u).toBe(404);
    }
    const jiancha = await h.login('jiancha');
    expect(ok<ArchivesOverviewDto>(await jiancha.get('/api/archives')).canManage).toBe(false);
    const r = await archiveOf(jiancha, 2026);
    expect(r.statusCode).toBe(403);
    expect(codeOf(r)).toBe('FORBIDDEN');
    expect((await jiancha.get('/api/archives/appraisal')).statusCode).toBe(404);
  });

  it('R5.7: refused while the year is open, for a division-year with nothing issued, and while anything of the year is unfinished — with the reasons', async () => {
    expect(codeOf(await archiveOf(office, 2027))).toBe('ARCHIVE_YEAR_OPEN');
    expect((await archiveOf(office, 2027)).statusCode).toBe(409);
    const empty = await archiveOf(office, 2026, investment);
    expect([empty.statusCode, codeOf(empty)]).toEqual([409, 'ARCHIVE_EMPTY']);
    expect(codeOf(await office.post('/api/archives', { divisionId: await h.divisionId('局领导'), year: 2026 }))).toBe(
      'NOT_FOUND',
    );
    expect((await office.post('/api/archives', { divisionId: trade, year: '2026' })).statusCode).toBe(400);
    const r = await archiveOf(office, 2026);
    expect([r.statusCode, codeOf(r)]).toEqual([409, 'ARCHIVE_NOT_READY']);
    const blockers = (r.json() as { error: { details: { blockers: Array<{ kind: string; link: string }> } } }).error
      .details.blockers;
    expect(blockers.map((b) => b.kind).sort()).toEqual(['item_open', 'meeting_without_minutes']);
    expect(blockers.find((b) => b.kind === 'item_open')?.link).toBe(`/tracking/${item.id}`);
    expect(blockers.find((b) => b.kind === 'meeting_without_minutes')?.link).toBe(`/meetings/${december}`);
    const row = (await overview()).divisions.find((d) => d.divisionId === trade);
    expect(row).toMatchObject({ year: 2026, state: 'not_ready', stateLabel: '暂不能归档', minutesCount: 3 });
    expect(row?.blockers).toHaveLength(2);
    expect(await h.s.db.kysely.selectFrom('archives').selectAll().execute()).toEqual([]);
  });

  it('R5.7: a draft of the December minutes still blocks 2026; issued in January it is 〔2027〕1号 and belongs to 2027', async () => {
    const recorder = await h.login('recorder');
    const draft = ok<MinutesDto>(await recorder.post(`/api/meetings/${december}/minutes`), 201);
    const blockers = (await overview(2026)).divisions.find((d) => d.divisionId === trade)?.blockers ?? [];
    expect(blockers.find((b) => b.kind === 'minutes_unissued')?.link).toBe(`/minutes/${draft.id}`);
    h.clock.set('2027-01-10T10:00:00+08:00');
    const submitted = ok<MinutesDto>(
      await (await h.login('recorder')).post(`/api/minutes/${draft.id}/submit`, { version: draft.version }),
    );
    const issued = ok<MinutesDto>(
      await (await h.login('head')).post(`/api/minutes/${draft.id}/issue`, { version: submitted.version }),
    );
    expect(issued.number).toBe('〔2027〕1号');
    office = await h.login('zhouxuemei');
    expect((await overview(2026)).divisions.find((d) => d.divisionId === trade)?.blockers.map((b) => b.kind)).toEqual([
      'item_open',
    ]);
  });

  it('R5.7: the tracked item’s outcome must exist: once completed (and verified if sampled) the year is ready', async () => {
    h.clock.set('2026-06-20T09:00:00+08:00');
    const staff = await h.login('staff');
    const file = await uploadItemFile(h, staff, item.id);
    let d = ok<TrackingDetailDto>(await staff.get(`/api/tracking/items/${item.id}`));
    d = ok<TrackingDetailDto>(
      await staff.post(`/api/tracking/items/${item.id}/completion`, {
        version: d.version,
        text: '资金已按方案拨付',
        attachmentIds: [file],
      }),
    );
    d = ok<TrackingDetailDto>(
      await (await h.login('head')).post(`/api/tracking/items/${item.id}/confirm`, { version: d.version }),
    );
    expect(d.status).toBe('completed');
    if (d.sampled)
      ok(
        await (
          await h.login('jiancha')
        ).post(`/api/tracking/items/${item.id}/verify`, { version: d.version, note: '已核验' }),
      );
    h.clock.set('2027-01-10T11:00:00+08:00');
    office = await h.login('zhouxuemei');
    const row = (await overview()).divisions.find((d) => d.divisionId === trade);
    expect(row).toMatchObject({ state: 'ready', stateLabel: '可归档', blockers: [] });
  });

  it('R5.7: two archiving requests and a read receipt at once: one archive (201), the other 409 ALREADY_ARCHIVED; the receipt is in the package or refused, never lost', async () => {
    const deputy = await h.login('deputy');
    const [a, b, read] = await Promise.all([
      archiveOf(office, 2026),
      archiveOf(office, 2026),
      deputy.post(`/api/distributions/${racedEntry}/read`, {}),
    ]);
    const two = [a, b].filter((r): r is LightMyRequestResponse => r !== undefined);
    expect(statuses(two), `${a?.body.slice(0, 200)} ${b?.body.slice(0, 200)}`).toEqual(
      // The receipt landing between packing and recording changes the facts: that archive is 409 CONFLICT.
      statuses(two).includes(201) ? [201, 409] : [409, 409],
    );
    for (const r of two.filter((x) => x.statusCode === 409))
      expect(['ALREADY_ARCHIVED', 'CONFLICT']).toContain(codeOf(r));
    expect([200, 409]).toContain(read.statusCode);
    if (read.statusCode === 409) expect(codeOf(read)).toBe('ARCHIVED');
    let created = two.find((r) => r.statusCode === 201);
    if (!created) created = await archiveOf(office, 2026); // the read won: archive now
    expect(created.statusCode, created.body).toBe(201);
    archive = created.json() as ArchiveDetailDto;
    expect(await h.s.db.kysely.selectFrom('archives').selectAll().execute()).toHaveLength(1);
    const again = await archiveOf(office, 2026);
    expect([again.statusCode, codeOf(again)]).toEqual([409, 'ALREADY_ARCHIVED']);
    // Whichever came first, the database and the package agree on 张敏's receipt.
    const entry = await h.s.db.kysely
      .selectFrom('distribution_entries')
      .select('read_at')
      .where('id', '=', racedEntry)
      .executeTakeFirstOrThrow();
    const pkg = (await office.get(`/api/archives/${archive.id}/package.zip`)).rawPayload;
    const facts =
      readZip(pkg)
        .entries.find((e) => e.name === '0001-2026-Y-01-0001/facts.xml')
        ?.data?.toString('utf8') ?? '';
    const line = facts.split('\n').find((l) => l.includes('对象="张敏"') && l.includes('〔2026〕1号（更正）')) ?? '';
    expect(line).not.toBe('');
    expect(line.includes('阅知时间=')).toBe(entry.read_at !== null);
    expect(entry.read_at !== null).toBe(read.statusCode === 200);
  });

  it('R5.7: the archive: one item per minutes with DA/T 46 metadata, 档号 by the unit’s pattern, retention by category, every version and the record as files', () => {
    expect(archive).toMatchObject({
      divisionName: '对外贸易处',
      year: 2026,
      divisionCode: '01',
      itemCount: 3,
      checkOk: true,
    });
    expect(archive.archivedByName).toBe('周雪梅');
    expect(archive.hashAlg).toBe('SHA-256');
    expect(archive.items.map((i) => [i.seq, i.code, i.number, i.retentionLabel, i.dueDay, i.stateLabel])).toEqual([
      [1, '0001-2026-Y-01-0001', '〔2026〕1号（更正）', '永久', null, '在库'],
      [2, '0001-2026-D30-01-0002', '〔2026〕2号', '30年', '2057-01-01', '在库'],
      [3, '0001-2026-D10-01-0003', '〔2026〕3号', '10年', '2037-01-01', '在库'],
    ]);
    expect(archive.items[0]?.metadata).toEqual({
      档号: '0001-2026-Y-01-0001',
      年度: '2026',
      保管期限: '永久',
      题名: '对外贸易处处务会会议纪要',
      文件编号: '〔2026〕1号（更正）',
      责任者: '示范市商务局对外贸易处',
      日期: '20260311',
      文种: '纪要',
      密级: '非密',
      页数: String(archive.items[0]?.pages),
    });
    expect(archive.items[0]?.minutesId).toBe(corrected.id);
    const paths = archive.files.map((f) => f.path);
    expect(paths[0]).toBe('manifest.xml');
    expect(paths.filter((p) => p.startsWith('0001-2026-Y-01-0001/'))).toEqual([
      '0001-2026-Y-01-0001/minutes-r0.pdf',
      '0001-2026-Y-01-0001/minutes-r1.pdf',
      '0001-2026-Y-01-0001/record.pdf',
      '0001-2026-Y-01-0001/facts.xml',
      '0001-2026-Y-01-0001/materials/1-参展补助方案.pdf',
    ]);
    expect(archive.report.properties.map((p) => [p.label, p.result])).toEqual([
      ['真实性', 'pass'],
      ['完整性', 'pass'],
      ['可用性', 'pass'],
      ['安全性', 'pass'],
    ]);
  });

  it('R5.7: the package downloads with the ledger’s SHA-256; the offline check passes it; one changed byte fails it naming the file', async () => {
    const r = await office.get(`/api/archives/${archive.id}/package.zip`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/zip');
    zip = r.rawPayload;
    expect((await import('node:crypto')).createHash('sha256').update(zip).digest('hex')).toBe(archive.packageSha256);
    const file = join(dir, 'trade-2026.zip');
    writeFileSync(file, zip);
    const good = await cli('archive', 'verify', file, '--sha256', archive.packageSha256);
    expect(good.out).toContain('结论：通过');
    expect(good.code).toBe(0);
    const path = '0001-2026-D30-01-0002/record.pdf';
    const bad = join(dir, 'tampered.zip');
    writeFileSync(bad, tamper(zip, path));
    const failed = await cli('archive', 'verify', bad);
    expect(failed.code).toBe(1);
    expect(failed.out).toContain(`${path}：摘要值不符`);
  });

  it('R5.7: the package holds the attendance, the distribution receipts of every version and the tracked item’s outcome', () => {
    const entries = new Map(readZip(zip).entries.map((e) => [e.name, e.data?.toString('utf8') ?? '']));
    const facts = entries.get('0001-2026-Y-01-0001/facts.xml') ?? '';
    expect(facts).toContain('姓名="刘洋" 身份="参会" 出席="出席"');
    expect(facts).toContain('纪要编号="〔2026〕1号"');
    expect(facts).toContain('纪要编号="〔2026〕1号（更正）" 方式="纪要报送" 对象="王建国"');
    expect(facts).toMatch(/对象="王建国"[^>]*阅知时间="2026-04-02T01:00:00.000Z"/);
    expect(facts).toMatch(/责任="刘洋"[^>]*办理结果="已(办结|核验)"/);
    expect(facts).toContain('资金已按方案拨付');
    const manifest = readManifest(entries.get('manifest.xml') ?? '');
    expect(manifest.header).toMatchObject({
      立档单位: '示范市商务局',
      全宗号: '0001',
      处室: '对外贸易处',
      年度: '2026',
      件数: '3',
    });
    expect(manifest.items[0]?.revisions.map((v) => [v.revision, v.number, v.state])).toEqual([
      ['0', '〔2026〕1号', '已被更正'],
      ['1', '〔2026〕1号（更正）', '现行'],
    ]);
    expect(manifest.items[0]?.files.find((f) => f.role === 'material')?.label).toBe(
      '2027年外贸企业参展补助资金分配方案：参展补助方案.pdf',
    );
  });

  it('R5.7: 监察室 verifies the stored package against the ledger and gets the report as PDF; a changed file in the store is caught', async () => {
    const jiancha = await h.login('jiancha');
    const check = ok<ArchiveCheckDto>(await jiancha.get(`/api/archives/${archive.id}/check`));
    expect(check).toMatchObject({ matchesLedger: true, missing: false });
    expect(check.report.ok).toBe(true);
    const pdf = await jiancha.get(`/api/archives/${archive.id}/report.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(ok<ArchiveDetailDto>(await jiancha.get(`/api/archives/${archive.id}`)).items).toHaveLength(3);
    expect((await (await h.login('head')).get(`/api/archives/${archive.id}`)).statusCode).toBe(404);
    // The blob on disk replaced behind the system's back: the check says so.
    const blobs = join(h.s.config.dataDir, 'blobs');
    const sha = archive.packageSha256;
    writeFileSync(join(blobs, sha.slice(0, 2), sha.slice(2, 4), sha), tamper(zip, '0001-2026-Y-01-0001/facts.xml'));
    const after = ok<ArchiveCheckDto>(await jiancha.get(`/api/archives/${archive.id}/check`));
    expect(after.matchesLedger).toBe(false);
    expect(after.report.ok).toBe(false);
    const fixity = after.report.properties[0]?.checks.find((c) => c.id === 'fixity');
    expect(fixity?.problems.map((p) => p.file)).toEqual(['0001-2026-Y-01-0001/facts.xml']);
    // The unit-wide integrity check (and so `jiyao audit verify`) names the package too.
    const integrity = ok<{ ok: boolean; problems: Array<{ subjectId: string; message: string }> }>(
      await jiancha.get('/api/integrity'),
    );
    expect(integrity.ok).toBe(false);
    expect(integrity.problems).toContainEqual({
      kind: 'blob_mismatch',
      subjectId: archive.id,
      message: '对外贸易处 2026 年度的归档信息包与归档记录的 SHA-256 不符（blob hash mismatch）',
    });
    writeFileSync(join(blobs, sha.slice(0, 2), sha.slice(2, 4), sha), zip);
    expect(ok<{ ok: boolean }>(await jiancha.get('/api/integrity')).ok).toBe(true);
  });

  it('R5.7: archiving is audited: who, which division-year, the package’s SHA-256', async () => {
    const e = await h.s.db.kysely
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'archive.create')
      .executeTakeFirstOrThrow();
    expect(e.actor_name).toBe('周雪梅');
    expect(JSON.parse(e.data)).toMatchObject({
      divisionId: trade,
      year: 2026,
      items: 3,
      sha256: archive.packageSha256,
    });
    const page = ok<{ items: Array<{ action: string; subjectName: string | null }> }>(
      await (await h.login('auditor')).get('/api/audit/events?limit=100'),
    );
    expect(page.items.find((x) => x.action === 'archive.create')?.subjectName).toBe('档案：对外贸易处 2026 年度');
  });

  it('R5.7: archived records are read-only — minutes, record, materials, receipts, tracked items all 409 ARCHIVED, nothing changes; the next year stays open', async () => {
    h.clock.set('2027-01-11T09:00:00+08:00');
    const changes = async () =>
      Number(
        (
          await h.s.db.kysely
            .selectFrom('audit_events')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('action', 'not like', 'auth.%')
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await changes();
    const head = await h.login('head');
    const recorder = await h.login('recorder');
    const staff = await h.login('staff');
    const refused = async (label: string, r: Promise<LightMyRequestResponse>) => {
      const res = await r;
      expect([res.statusCode, codeOf(res)], `${label}: ${res.body}`).toEqual([409, 'ARCHIVED']);
      expect((res.json() as { error: { message: string } }).error.message).toContain(
        '对外贸易处 2026 年度的纪要已归档',
      );
    };
    await refused('correct the minutes', head.post(`/api/minutes/${corrected.id}/correct`));
    await refused('draft the minutes again', recorder.post(`/api/meetings/${juneMeeting}/minutes`));
    const june = ok<{ agenda: Array<{ topicId: string }> }>(await head.get(`/api/meetings/${juneMeeting}`));
    await refused(
      'amend the record',
      recorder.put(`/api/meetings/${juneMeeting}/record/${june.agenda[0]?.topicId}`, {
        version: 1,
        status: 'recorded',
        discussion: '改写',
        opinions: [],
        decisions: [{ text: '同意', outcome: 'adopted', deadline: null }],
        amendmentReason: '更正笔误',
      }),
    );
    await refused(
      'add a material',
      upload(staff, `/api/topics/${fundsTopic}/attachments`, '补充.pdf', await tinyPdf('补充')),
    );
    const d = ok<TrackingDetailDto>(await staff.get(`/api/tracking/items/${item.id}`));
    await refused(
      'report on the item',
      staff.post(`/api/tracking/items/${item.id}/reports`, { version: d.version, text: '补充说明' }),
    );
    await refused(
      'attach to the item',
      upload(staff, `/api/tracking/items/${item.id}/attachments`, '说明.pdf', await tinyPdf('说明')),
    );
    if (d.status === 'completed')
      await refused(
        'verify the item',
        (await h.login('jiancha')).post(`/api/tracking/items/${item.id}/verify`, { version: d.version, note: '核验' }),
      );
    const yangfan = await h.login('yangfan');
    const unread = ok<{ items: Array<{ id: string; minutesId: string }> }>(
      await yangfan.get('/api/distributions'),
    ).items.find((e) => e.minutesId === corrected.id);
    await refused('confirm a receipt', yangfan.post(`/api/distributions/${unread?.id}/read`, {}));
    const jiancha = await h.login('jiancha');
    const filing = ok<{ items: Array<{ id: string; minutesId: string }> }>(
      await jiancha.get('/api/distributions?box=filing'),
    ).items.find((e) => e.minutesId === corrected.id);
    await refused('sign the filing', jiancha.post(`/api/distributions/${filing?.id}/receive`));
    expect(await changes()).toBe(before);
    // 〔2027〕1号 is not archived: it may still be corrected.
    const minutes2027 = await h.s.db.kysely
      .selectFrom('minutes')
      .select('id')
      .where('number', '=', '〔2027〕1号')
      .executeTakeFirstOrThrow();
    expect((await head.post(`/api/minutes/${minutes2027.id}/correct`)).statusCode).toBe(201);
  });

  it('R1.3: archived minutes stay findable and readable years on (reference later)', async () => {
    h.clock.set('2036-05-01T09:00:00+08:00');
    const director = await h.login('director');
    expect(ok<MinutesDto>(await director.get(`/api/minutes/${corrected.id}`)).number).toBe('〔2026〕1号（更正）');
    const found = ok<{ items: Array<{ link: string }> }>(
      await director.get(`/api/search?q=${encodeURIComponent('参展补助')}&kind=minutes`),
    );
    expect(found.items.some((x) => x.link.includes(corrected.id))).toBe(true);
  });

  it('R1.3 R5.7: 到期鉴定 — none before due; the 10-year item from 2037; destroying a permanent one is 422; the decision is recorded and the item stays in the ledger as 已销毁', async () => {
    h.clock.set('2036-12-31T09:00:00+08:00');
    office = await h.login('zhouxuemei');
    expect(ok<AppraisalPageDto>(await office.get('/api/archives/appraisal')).items).toEqual([]);
    const ten = archive.items[2] as ArchiveItemDto;
    const body = {
      version: ten.version,
      decision: 'destroy',
      reason: '已无查考价值',
      appraisers: '周雪梅、吴涛、马骏',
      reference: '商办〔2037〕1号',
    };
    expect(codeOf(await office.post(`/api/archives/items/${ten.id}/appraise`, body))).toBe('ARCHIVE_NOT_DUE');
    h.clock.set('2037-01-02T09:00:00+08:00');
    office = await h.login('zhouxuemei');
    const due = ok<AppraisalPageDto>(await office.get('/api/archives/appraisal'));
    expect(due.items.map((i) => [i.code, i.due, i.abilities])).toEqual([
      ['0001-2026-D10-01-0003', true, { appraise: true, destroy: true }],
    ]);
    const permanent = archive.items[0] as ArchiveItemDto;
    const refuse = await office.post(`/api/archives/items/${permanent.id}/appraise`, {
      ...body,
      version: permanent.version,
    });
    expect([refuse.statusCode, codeOf(refuse)]).toEqual([422, 'ARCHIVE_PERMANENT']);
    expect(codeOf(await office.post(`/api/archives/items/${ten.id}/appraise`, { ...body, reason: '' }))).toBe(
      'VALIDATION_FAILED',
    );
    expect(
      codeOf(
        await office.post(`/api/archives/items/${ten.id}/appraise`, { ...body, decision: 'extend', retention: '10y' }),
      ),
    ).toBe('ARCHIVE_EXTENSION_INVALID');
    expect((await (await h.login('jiancha')).post(`/api/archives/items/${ten.id}/appraise`, body)).statusCode).toBe(
      403,
    );
    expect((await (await h.login('head')).post(`/api/archives/items/${ten.id}/appraise`, body)).statusCode).toBe(404);
    const two = await race(2, () => office.post(`/api/archives/items/${ten.id}/appraise`, body), 'destroy twice');
    expect(statuses(two)).toEqual([200, 409]);
    const destroyed = two.find((r) => r.statusCode === 200)?.json() as ArchiveItemDto;
    expect(destroyed).toMatchObject({
      state: 'destroyed',
      stateLabel: '已销毁',
      abilities: { appraise: false, destroy: false },
    });
    expect(destroyed.decisions).toEqual([
      expect.objectContaining({
        decisionLabel: '销毁',
        fromRetention: '10y',
        reason: '已无查考价值',
        reference: '商办〔2037〕1号',
        decidedByName: '周雪梅',
      }),
    ]);
    expect(ok<AppraisalPageDto>(await office.get('/api/archives/appraisal')).items).toEqual([]);
    const detail = ok<ArchiveDetailDto>(await office.get(`/api/archives/${archive.id}`));
    expect(detail.items.map((i) => i.stateLabel)).toEqual(['在库', '在库', '已销毁']);
    expect(await h.s.db.kysely.selectFrom('archive_decisions').selectAll().execute()).toHaveLength(1);
    expect(
      await h.s.db.kysely
        .selectFrom('audit_events')
        .select('action')
        .where('action', '=', 'archive.appraise')
        .execute(),
    ).toHaveLength(1);
  });

  it('R1.3 R5.7: a 30-year item due in 2057 may be kept longer (延长保管 to 永久); then it is no longer due', async () => {
    h.clock.set('2057-01-05T09:00:00+08:00');
    office = await h.login('zhouxuemei');
    const due = ok<AppraisalPageDto>(await office.get('/api/archives/appraisal'));
    expect(due.items.map((i) => i.code)).toEqual(['0001-2026-D30-01-0002']);
    const it30 = due.items[0] as ArchiveItemDto;
    const kept = ok<ArchiveItemDto>(
      await office.post(`/api/archives/items/${it30.id}/appraise`, {
        version: it30.version,
        decision: 'extend',
        retention: 'permanent',
        reason: '仍具查考价值',
        appraisers: '周雪梅、吴涛',
        reference: '商办〔2057〕2号',
      }),
    );
    expect(kept).toMatchObject({ retention: 'permanent', retentionLabel: '永久', dueDay: null, state: 'kept' });
    expect(kept.decisions[0]).toMatchObject({
      decisionLabel: '延长保管期限',
      fromRetention: '30y',
      toRetention: 'permanent',
    });
    expect(ok<AppraisalPageDto>(await office.get('/api/archives/appraisal')).items).toEqual([]);
  });
});

/**
 * R5.7: the 四性检测 at packaging is binding. 对外贸易处's 2025: a topic whose material does not
 * parse as the PDF it claims to be — the package fails usability and nothing is archived; then
 * issued minutes changed in the database behind their seal stop the archiving by name.
 */
describe('R5.7: a package that fails its 四性检测 is not archived', () => {
  let h: Harness;
  let trade: string;
  beforeAll(async () => {
    h = await makeHarness();
    trade = await h.divisionId('对外贸易处');
    h.clock.set('2025-10-01T09:00:00+08:00');
    const staff = await h.login('staff');
    const t = (await staff.post('/api/topics', { divisionId: trade, ...PLAIN_TOPIC })).json() as TopicDto;
    await h.app.inject({
      method: 'POST',
      url: `/api/topics/${t.id}/attachments`,
      headers: {
        cookie: staff.cookie,
        'x-csrf-token': staff.csrf,
        'content-type': 'application/octet-stream',
        'x-filename': encodeURIComponent('扫描件.pdf'),
      },
      payload: PDF,
    });
    const submitted = (await staff.post(`/api/topics/${t.id}/submit`, { version: t.version })).json() as TopicDto;
    await (await h.login('head')).post(`/api/topics/${t.id}/approve`, { version: submitted.version });
    const m = await holdMeeting(h, '2025-10-10T09:00:00+08:00', '十月例会', {
      topicId: t.id,
      decisions: [{ text: '不予采纳', outcome: 'rejected', deadline: null }],
    });
    await issueAt(h, m.id, '2025-10-11T10:00:00+08:00');
    h.clock.set('2026-02-01T09:00:00+08:00');
  });
  afterAll(async () => h?.close());

  it('R5.7: a material that does not parse: 422 ARCHIVE_CHECK_FAILED with the report naming it, nothing stored', async () => {
    const office = await h.login('zhouxuemei');
    const before = await h.auditCount();
    const r = await office.post('/api/archives', { divisionId: trade, year: 2025 });
    expect([r.statusCode, codeOf(r)]).toEqual([422, 'ARCHIVE_CHECK_FAILED']);
    const report = (r.json() as { error: { details: { report: ArchiveCheckDto['report'] } } }).error.details.report;
    const parse = report.properties.find((p) => p.property === 'usability')?.checks.find((c) => c.id === 'files_parse');
    expect(parse?.problems.map((p) => p.file)).toEqual(['0001-2025-D30-01-0001/materials/1-扫描件.pdf']);
    expect(await h.s.db.kysely.selectFrom('archives').selectAll().execute()).toEqual([]);
    expect(await h.s.db.kysely.selectFrom('archive_division_codes').selectAll().execute()).toEqual([]);
    expect(await h.auditCount()).toBe(before);
    // The same package, checked offline, fails the same way.
    expect(report.ok).toBe(false);
    expect((await verifyPackage(Buffer.from('x'))).ok).toBe(false);
  });

  it('R5.7: minutes changed behind their seal stop the archiving by name (409 ARCHIVE_NOT_READY)', async () => {
    const row = await h.s.db.kysely.selectFrom('minutes').select(['id', 'content']).executeTakeFirstOrThrow();
    await h.s.db.kysely
      .updateTable('minutes')
      .set({ content: row.content.replace('不予采纳', '予以采纳') })
      .where('id', '=', row.id)
      .execute();
    const r = await (await h.login('zhouxuemei')).post('/api/archives', { divisionId: trade, year: 2025 });
    expect([r.statusCode, codeOf(r)]).toEqual([409, 'ARCHIVE_NOT_READY']);
    expect((r.json() as { error: { message: string } }).error.message).toContain('〔2025〕1号的内容与封存哈希不一致');
  });
});

/**
 * R5.6 R5.7: the numbering pattern changed during the year. 对外贸易处's 2025: 〔2025〕1号 issued in
 * March under the default pattern; in June the general office sets 对外贸易处纪要〔{year}〕第{n}号;
 * the July minutes is 对外贸易处纪要〔2025〕第2号. Each number was right when it was made: the
 * package names the earlier pattern on the item numbered under it, and passes its check.
 */
describe('R5.6 R5.7: a numbering pattern changed during the year', () => {
  let h: Harness;
  let trade: string;
  beforeAll(async () => {
    h = await makeHarness();
    trade = await h.divisionId('对外贸易处');
    const noItem = { decisions: [{ text: '不予采纳', outcome: 'rejected', deadline: null }] };
    const march = await holdMeeting(h, '2025-03-10T09:00:00+08:00', '三月例会', noItem);
    await issueAt(h, march.id, '2025-03-11T10:00:00+08:00');
    h.clock.set('2025-06-02T09:00:00+08:00');
    const admin = await h.login('admin');
    const cur = (await admin.get('/api/settings/regime')).json() as {
      value: Record<string, unknown>;
      version: number;
    };
    const put = await admin.put('/api/admin/settings/regime', {
      value: { ...cur.value, numberingPattern: '对外贸易处纪要〔{year}〕第{n}号' },
      version: cur.version,
    });
    expect(put.statusCode, put.body).toBe(200);
    const july = await holdMeeting(h, '2025-07-07T09:00:00+08:00', '七月例会', noItem);
    await issueAt(h, july.id, '2025-07-08T10:00:00+08:00');
    h.clock.set('2026-02-01T09:00:00+08:00');
  });
  afterAll(async () => h?.close());

  it('R5.6 R5.7: the year archives; the item numbered under the earlier pattern names it; the offline check passes and still catches a wrong number', async () => {
    const numbers = await h.s.db.kysely.selectFrom('minutes').select('number').orderBy('number').execute();
    expect(numbers.map((n) => n.number)).toEqual(['〔2025〕1号', '对外贸易处纪要〔2025〕第2号']);
    const office = await h.login('zhouxuemei');
    const r = await office.post('/api/archives', { divisionId: trade, year: 2025 });
    expect(r.statusCode, r.body).toBe(201);
    const zip = (await office.get(`/api/archives/${(r.json() as { id: string }).id}/package.zip`)).rawPayload;
    const manifest = readManifest(
      readZip(zip)
        .entries.find((e) => e.name === 'manifest.xml')
        ?.data?.toString('utf8') ?? '',
    );
    expect(manifest.header['编号规则']).toBe('对外贸易处纪要〔{year}〕第{n}号');
    expect(manifest.items.map((i) => [i.metadata['文件编号'], i.numberingPattern])).toEqual([
      ['〔2025〕1号', '〔{year}〕{n}号'],
      ['对外贸易处纪要〔2025〕第2号', null],
    ]);
    expect((await verifyPackage(zip)).ok).toBe(true);
    // The item's own pattern is checked too: a number that fits neither is named.
    const forged = writeZip(
      readZip(zip).entries.map((e) => ({
        name: e.name,
        data:
          e.name === 'manifest.xml'
            ? Buffer.from(
                (e.data ?? Buffer.alloc(0))
                  .toString('utf8')
                  .replace('编号规则="〔{year}〕{n}号"', '编号规则="〔{year}〕{n}号文"'),
              )
            : (e.data ?? Buffer.alloc(0)),
      })),
      new Date('2026-02-01T01:00:00Z'),
    );
    const report = await verifyPackage(forged);
    const values = report.properties
      .find((p) => p.property === 'authenticity')
      ?.checks.find((c) => c.id === 'metadata_values');
    expect(values?.problems.map((p) => p.message)).toContain(
      '0001-2025-D30-01-0001：文件编号“〔2025〕1号”与编号规则和序号不符（应为“〔2025〕1号文”）',
    );
  });
});
