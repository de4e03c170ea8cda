/**
 * CI artifacts for the minutes format (R5.5): a sample minutes rendered to DOCX
 * and PDF, the DOCX converted by LibreOffice, and the pages of both PDFs as PNG
 * (the first with the mark, the last with the 版记), under e2e/artifacts/documents/ for a person to look at.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { renderMinutesDocx } from '../server/documents/minutes-docx.js';
import { renderMinutesPdf } from '../server/documents/minutes-pdf.js';
import { draftMinutes } from '../core/minutes.js';
import { DEFAULT_REGIME } from '../core/settings.js';

const out = resolve(import.meta.dirname, '../e2e/artifacts/documents');
mkdirSync(out, { recursive: true });
const content = draftMinutes({
  divisionName: '对外贸易处',
  meetingDay: '2026-11-03',
  chairName: '李伟',
  place: '第一会议室',
  entries: [
    {
      topicId: 'a',
      topicTitle: '2027年外贸企业境外参展补助资金分配方案',
      matterFlags: ['funds'],
      status: 'recorded',
      discussion: '会议听取了参展补助资金分配方案的汇报，与会同志进行了认真讨论。',
      opinions: [
        {
          speakerId: 'd',
          speakerName: '张敏',
          stance: 'against',
          text: '补助标准过高，应先开展企业需求调研再确定金额',
        },
      ],
      decisions: [
        {
          text: '原则同意参展补助资金分配方案，按程序报局党委审定',
          outcome: 'escalated',
          responsible: '李伟',
          deadline: '2026-12-15',
        },
      ],
    },
    {
      topicId: 'b',
      topicTitle: '传达局党委关于优化营商环境的工作部署',
      matterFlags: [],
      status: 'recorded',
      discussion: '会议传达学习了局党委关于优化营商环境的工作部署。',
      opinions: [],
      decisions: [
        {
          text: '认真抓好贯彻落实，月底前报送工作进展',
          outcome: 'adopted',
          responsible: '对外贸易处',
          deadline: '2026-11-30',
        },
      ],
    },
  ],
  present: ['李伟', '王芳', '刘洋', '陈静', '杨帆', '黄磊'],
  leave: ['张敏'],
  observers: ['陈立新'],
  recorder: '王芳',
  distribution: '分送：局主要领导，陈立新（分管领导），局纪委书记，监察室（备案）；本处室全体人员传阅',
  template: { opening: DEFAULT_REGIME.minutesOpeningTemplate, closing: DEFAULT_REGIME.minutesClosingTemplate },
});

const docx = join(out, 'minutes.docx');
const pdf = join(out, 'minutes.pdf');
// Issued minutes: the 版记's 印发 line carries the division and the issue date.
const minutes = { content, number: '〔2026〕3号', divisionName: '对外贸易处', issuedAt: '2026-11-30T02:00:00.000Z' };
writeFileSync(docx, await renderMinutesDocx(minutes));
writeFileSync(pdf, await renderMinutesPdf(minutes));
console.log(`wrote ${docx} and ${pdf}`);
const has = (bin: string) => spawnSync('which', [bin]).status === 0;
const lo = ['libreoffice', 'soffice'].find(has);
if (lo) {
  mkdirSync(join(out, 'libreoffice'), { recursive: true });
  execFileSync(lo, ['--headless', '--convert-to', 'pdf', '--outdir', join(out, 'libreoffice'), docx], {
    stdio: 'inherit',
  });
} else console.log('LibreOffice not installed: DOCX conversion skipped');
if (has('pdftoppm')) {
  execFileSync('pdftoppm', ['-r', '80', '-png', pdf, join(out, 'server-pdf')]);
  if (lo)
    execFileSync('pdftoppm', [
      '-r',
      '80',
      '-png',
      join(out, 'libreoffice', 'minutes.pdf'),
      join(out, 'libreoffice-pdf'),
    ]);
  console.log('rendered the pages to PNG');
} else console.log('pdftoppm not installed: PNG rendering skipped');
