/**
 * `npm run bench:documents`: a 10-topic minutes rendered to DOCX, median of many
 * runs; the same minutes rendered to PDF by the server — the first render in a
 * fresh process (fonts not yet parsed), the median of later renders of minutes not
 * yet cached, and the median download of issued minutes from the PDF cache — and,
 * when LibreOffice is installed, the same DOCX converted to PDF by it, with the
 * ratios against the aim of a PDF ≥ 20× faster than LibreOffice.
 * `--cold` (internal): prints one fresh process's first render as JSON.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderMinutesDocx } from '../server/documents/minutes-docx.js';
import { fileURLToPath } from 'node:url';
import { draftMinutes } from '../core/minutes.js';
import type { RecordEntry } from '../core/record.js';
import { DEFAULT_REGIME } from '../core/settings.js';

const entries: RecordEntry[] = Array.from({ length: 10 }, (_, i) => ({
  topicId: `t${i}`,
  topicTitle: `关于第${i + 1}项重点工作的研究`,
  matterFlags: i % 3 === 0 ? ['funds'] : [],
  status: 'recorded',
  discussion: '会议听取了有关情况汇报，与会同志进行了认真讨论。'.repeat(4),
  opinions: [
    {
      speakerId: 'a',
      speakerName: '张敏',
      stance: 'against',
      text: '建议进一步论证后再作决定，确保资金使用规范、安全、有效',
    },
  ],
  decisions: [
    {
      text: `原则同意第${i + 1}项工作方案，由对外贸易处抓紧组织实施`,
      outcome: 'adopted',
      responsible: '李伟',
      deadline: '2026-12-31',
    },
  ],
}));
const content = draftMinutes({
  divisionName: '对外贸易处',
  meetingDay: '2026-11-03',
  chairName: '李伟',
  place: '第一会议室',
  entries,
  present: ['李伟', '王芳', '刘洋', '陈静', '杨帆', '黄磊'],
  leave: ['张敏'],
  observers: ['陈立新'],
  recorder: '王芳',
  distribution: '分送：局主要领导，陈立新（分管领导），局纪委书记，监察室（备案）；本处室全体人员传阅',
  template: { opening: DEFAULT_REGIME.minutesOpeningTemplate, closing: DEFAULT_REGIME.minutesClosingTemplate },
});

/** CPU time (user + system) in ms: steadier than wall time on a machine shared with other work. */
const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const issued = (n: number) => ({
  id: `m${n}`,
  content,
  number: `〔2026〕${n}号`,
  divisionName: '对外贸易处',
  issuedAt: '2026-11-04T02:00:00.000Z',
});

/** One fresh process: loading the PDF modules, then the first render (fonts read and parsed). */
async function cold() {
  const t0 = performance.now();
  const { renderMinutesPdf } = await import('../server/documents/minutes-pdf.js');
  const t1 = performance.now();
  const c1 = process.cpuUsage();
  await renderMinutesPdf(issued(3));
  const t2 = performance.now();
  console.log(
    JSON.stringify({ importMs: t1 - t0, firstRenderMs: t2 - t1, firstRenderCpuMs: cpuMs(process.cpuUsage(c1)) }),
  );
}

/** The first render in each of `n` fresh processes (median). */
interface Cold {
  importMs: number;
  firstRenderMs: number;
  firstRenderCpuMs: number;
}
function coldRuns(n: number): Cold {
  const runs: Cold[] = [];
  for (let i = 0; i < n; i++) {
    const r = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--cold'], {
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`cold run failed: ${r.stderr}`);
    runs.push(JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as Cold);
  }
  return {
    importMs: median(runs.map((r) => r.importMs)),
    firstRenderMs: median(runs.map((r) => r.firstRenderMs)),
    firstRenderCpuMs: median(runs.map((r) => r.firstRenderCpuMs)),
  };
}

async function main() {
  for (let i = 0; i < 5; i++) await renderMinutesDocx({ content, number: '〔2026〕3号', divisionName: '对外贸易处' }); // warm-up
  const times: number[] = [];
  let size = 0;
  for (let i = 0; i < 30; i++) {
    const t0 = performance.now();
    const buf = await renderMinutesDocx({ content, number: '〔2026〕3号', divisionName: '对外贸易处' });
    times.push(performance.now() - t0);
    size = buf.length;
  }
  const docx = median(times);
  console.log(
    `DOCX (10 topics): median ${docx.toFixed(1)} ms over 30 runs, ${Math.round(size / 1024)} KB (aim ≤ 50 ms: ${docx <= 50 ? '达标' : '未达标'})`,
  );

  const c = coldRuns(3);
  console.log(
    `PDF  cold: first render in a fresh process ${c.firstRenderMs.toFixed(0)} ms (CPU ${c.firstRenderCpuMs.toFixed(0)} ms; fonts read and parsed), median of 3 processes; loading the PDF modules before it ${c.importMs.toFixed(0)} ms`,
  );
  const { renderMinutesPdf } = await import('../server/documents/minutes-pdf.js');
  const { clearPdfCache, minutesPdf, pdfCacheStats } = await import('../server/documents/pdf-cache.js');
  for (let i = 0; i < 3; i++) await renderMinutesPdf(issued(100 + i));
  // Each run a different document (its number), as the first download of each minutes in a running server.
  const pdfTimes: number[] = [];
  const pdfCpu: number[] = [];
  let pdfSize = 0;
  for (let i = 0; i < 15; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const buf = await renderMinutesPdf(issued(200 + i));
    pdfTimes.push(performance.now() - t0);
    pdfCpu.push(cpuMs(process.cpuUsage(c0)));
    pdfSize = buf.length;
  }
  const pdf = median(pdfTimes);
  const pdfCpuMs = median(pdfCpu);
  console.log(
    `PDF  warm: median ${pdf.toFixed(1)} ms (CPU ${pdfCpuMs.toFixed(1)} ms) over 15 uncached renders in a running process, ${Math.round(pdfSize / 1024)} KB with subsetted fonts (aim ≤ 300 ms: ${pdf <= 300 ? '达标' : '未达标'})`,
  );
  clearPdfCache();
  await minutesPdf(issued(3));
  const cachedTimes: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t0 = performance.now();
    await minutesPdf(issued(3));
    cachedTimes.push(performance.now() - t0);
  }
  const cached = median(cachedTimes);
  const st = pdfCacheStats();
  console.log(
    `PDF  cached: median ${cached.toFixed(2)} ms over 30 downloads of issued minutes from the PDF cache (${st.hits} hits, ${st.misses} miss)`,
  );
  const figures = {
    docxMs: docx,
    docxBytes: size,
    pdfColdMs: c.firstRenderMs,
    pdfColdCpuMs: c.firstRenderCpuMs,
    pdfColdImportMs: c.importMs,
    pdfWarmMs: pdf,
    pdfWarmCpuMs: pdfCpuMs,
    pdfCachedMs: cached,
    pdfBytes: pdfSize,
  };
  const lo = ['libreoffice', 'soffice'].find((b) => spawnSync('which', [b]).status === 0);
  if (!lo) {
    console.log(
      'LibreOffice is not installed here: the comparison is skipped (apt-get install libreoffice-writer-nogui).',
    );
    console.log(`JSON ${JSON.stringify(figures)}`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'jiyao-bench-doc-'));
  try {
    writeFileSync(
      join(dir, 'minutes.docx'),
      await renderMinutesDocx({ content, number: '〔2026〕3号', divisionName: '对外贸易处' }),
    );
    const loTimes: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      execFileSync(lo, ['--headless', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'minutes.docx')], {
        stdio: 'ignore',
      });
      loTimes.push(performance.now() - t0);
    }
    const l = median(loTimes);
    const ratio = (ms: number) => {
      const r = l / ms;
      return `${r >= 100 ? r.toFixed(0) : r.toFixed(1)}× ${r >= 20 ? '达标' : '未达标'}`;
    };
    console.log(`LibreOffice DOCX→PDF: median ${l.toFixed(0)} ms over 3 runs. Faster than LibreOffice (aim ≥ 20×):`);
    console.log(`  DOCX            ${ratio(docx)}`);
    console.log(`  PDF cold        ${ratio(c.firstRenderMs)} (first render in a fresh process)`);
    console.log(`  PDF warm        ${ratio(pdf)} (uncached render in a running process)`);
    console.log(`  PDF cached      ${ratio(cached)} (issued minutes downloaded again)`);
    console.log(`JSON ${JSON.stringify({ ...figures, libreofficeMs: l })}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void (process.argv.includes('--cold') ? cold() : main());
