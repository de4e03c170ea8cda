/**
 * `npm run bench:archive` — yearly archiving (R5.7) of one division-year on the demo bureau
 * (SQLite in memory, the test harness): BENCH_ARCHIVE_MEETINGS meetings (default 12, one a month) of
 * 对外贸易处 in 2026, each with a topic 刘洋 proposed with a PDF material, decided (deferred), its
 * minutes issued; the third corrected once. Then, in January 2027, as 办公室:
 *   - POST /api/archives: gather, render every version and the record as PDF/A, pack, 四性检测,
 *     record — the request's wall time;
 *   - the package: bytes, files, items;
 *   - the offline check of the downloaded ZIP (`verifyPackage`, what `jiyao archive verify` runs).
 * Prints the figures and, last, one JSON line; never fails for slowness.
 */
import { performance } from 'node:perf_hooks';
import { makeHarness } from '../server/test/harness.js';
import { holdMeeting, issueAt } from '../server/test/flows.js';
import { tinyPdf } from '../server/test/archive-fixtures.js';
import { verifyPackage } from '../server/documents/archive/verify-package.js';
import type { TopicDto } from '../core/contracts/topics.js';
import type { MinutesDto } from '../core/contracts/minutes.js';
import type { ArchiveDetailDto } from '../core/contracts/archive.js';

const MEETINGS = Number(process.env.BENCH_ARCHIVE_MEETINGS ?? 12);

const h = await makeHarness();
try {
  const trade = await h.divisionId('对外贸易处');
  const material = await tinyPdf('外贸企业参展补助资金分配方案（详细测算见附表）。'.repeat(40));
  const t0 = performance.now();
  for (let i = 0; i < MEETINGS; i++) {
    const month = String((i % 12) + 1).padStart(2, '0');
    const day = String(10 + Math.floor(i / 12)).padStart(2, '0');
    h.clock.set(`2026-${month}-0${1 + (i % 5)}T09:00:00+08:00`);
    const staff = await h.login('staff');
    let topic = (
      await staff.post('/api/topics', {
        divisionId: trade,
        title: `第${i + 1}次例会议题：研究外贸稳增长措施`,
        description: '研究外贸稳增长措施。',
        category: '商务发展重要课题研究',
        matterFlags: [],
        important: false,
      })
    ).json() as TopicDto;
    await h.app.inject({
      method: 'POST',
      url: `/api/topics/${topic.id}/attachments`,
      headers: {
        cookie: staff.cookie,
        'x-csrf-token': staff.csrf,
        'content-type': 'application/octet-stream',
        'x-filename': encodeURIComponent(`材料${i + 1}.pdf`),
      },
      payload: material,
    });
    topic = (await staff.post(`/api/topics/${topic.id}/submit`, { version: topic.version })).json() as TopicDto;
    await (await h.login('head')).post(`/api/topics/${topic.id}/approve`, { version: topic.version });
    const m = await holdMeeting(h, `2026-${month}-${day}T09:00:00+08:00`, `第${i + 1}次例会`, {
      topicId: topic.id,
      decisions: [{ text: '待进一步调研后再议', outcome: 'deferred', deadline: null }],
    });
    const issued = await issueAt(h, m.id, `2026-${month}-${day}T15:00:00+08:00`);
    if (i === 2) {
      const head = await h.login('head');
      let c = (await head.post(`/api/minutes/${issued.id}/correct`)).json() as MinutesDto;
      c = (
        await (await h.login('recorder')).post(`/api/minutes/${c.id}/submit`, { version: c.version })
      ).json() as MinutesDto;
      await head.post(`/api/minutes/${c.id}/issue`, { version: c.version });
    }
  }
  const setupMs = performance.now() - t0;
  h.clock.set('2027-01-10T09:00:00+08:00');
  const office = await h.login('zhouxuemei');
  const a0 = performance.now();
  const r = await office.post('/api/archives', { divisionId: trade, year: 2026 });
  const archiveMs = performance.now() - a0;
  if (r.statusCode !== 201) throw new Error(`archive: ${r.statusCode} ${r.body}`);
  const archive = r.json() as ArchiveDetailDto;
  const zip = (await office.get(`/api/archives/${archive.id}/package.zip`)).rawPayload;
  const v0 = performance.now();
  const report = await verifyPackage(zip, { clamscan: null });
  const verifyMs = performance.now() - v0;
  const figures = {
    meetings: MEETINGS,
    items: archive.itemCount,
    files: archive.fileCount,
    packageBytes: zip.length,
    archiveRequestMs: Math.round(archiveMs),
    offlineVerifyMs: Math.round(verifyMs),
    verifyOk: report.ok,
    setupMs: Math.round(setupMs),
  };
  console.log(
    `archive of ${MEETINGS} meetings: ${figures.items} items, ${figures.files} files, ${(zip.length / 1024).toFixed(0)} KiB`,
  );
  console.log(`POST /api/archives (pack + 四性检测 + record): ${figures.archiveRequestMs} ms`);
  console.log(`offline 四性检测 of the ZIP: ${figures.offlineVerifyMs} ms (${report.ok ? 'pass' : 'FAIL'})`);
  console.log(JSON.stringify(figures));
} finally {
  await h.close();
}
