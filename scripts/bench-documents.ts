/**
 * `npm run bench:documents`: a 10-topic minutes rendered to DOCX, median of many
 * runs; and, when LibreOffice is installed, the same DOCX converted to PDF by it
 * for comparison; and the same minutes rendered to PDF by the server.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderMinutesDocx } from '../server/documents/minutes-docx.js';
import { renderMinutesPdf } from '../server/documents/minutes-pdf.js';
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

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function main() {
  for (let i = 0; i < 5; i++) await renderMinutesDocx({ content, number: '〔2026〕3号' }); // warm-up
  const times: number[] = [];
  let size = 0;
  for (let i = 0; i < 30; i++) {
    const t0 = performance.now();
    const buf = await renderMinutesDocx({ content, number: '〔2026〕3号' });
    times.push(performance.now() - t0);
    size = buf.length;
  }
  const docx = median(times);
  console.log(
    `DOCX (10 topics): median ${docx.toFixed(1)} ms over 30 runs, ${Math.round(size / 1024)} KB (aim ≤ 50 ms: ${docx <= 50 ? '达标' : '未达标'})`,
  );
  for (let i = 0; i < 3; i++) await renderMinutesPdf({ content, number: '〔2026〕3号' });
  const pdfTimes: number[] = [];
  let pdfSize = 0;
  for (let i = 0; i < 15; i++) {
    const t0 = performance.now();
    const buf = await renderMinutesPdf({ content, number: '〔2026〕3号' });
    pdfTimes.push(performance.now() - t0);
    pdfSize = buf.length;
  }
  const pdf = median(pdfTimes);
  console.log(
    `PDF  (10 topics): median ${pdf.toFixed(1)} ms over 15 runs, ${Math.round(pdfSize / 1024)} KB with subsetted fonts (aim ≤ 300 ms: ${pdf <= 300 ? '达标' : '未达标'})`,
  );
  const lo = ['libreoffice', 'soffice'].find((b) => spawnSync('which', [b]).status === 0);
  if (!lo) {
    console.log(
      'LibreOffice is not installed here: the comparison is skipped (apt-get install libreoffice-writer-nogui).',
    );
    console.log(`JSON ${JSON.stringify({ docxMs: docx, docxBytes: size, pdfMs: pdf, pdfBytes: pdfSize })}`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'jiyao-bench-doc-'));
  try {
    writeFileSync(join(dir, 'minutes.docx'), await renderMinutesDocx({ content, number: '〔2026〕3号' }));
    const loTimes: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      execFileSync(lo, ['--headless', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'minutes.docx')], {
        stdio: 'ignore',
      });
      loTimes.push(performance.now() - t0);
    }
    const l = median(loTimes);
    console.log(
      `LibreOffice DOCX→PDF: median ${l.toFixed(0)} ms over 3 runs; DOCX is ${(l / docx).toFixed(0)}× and PDF ${(l / pdf).toFixed(1)}× faster (aim ≥ 20×)`,
    );
    console.log(
      `JSON ${JSON.stringify({ docxMs: docx, docxBytes: size, pdfMs: pdf, pdfBytes: pdfSize, libreofficeMs: l })}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
