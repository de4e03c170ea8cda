/**
 * CI artifacts for the minutes format (R5.5) and the inspection report (R6.4):
 * a sample minutes and a sample report (监督检查情况通报) rendered to DOCX and
 * PDF, the report's findings ledger to XLSX, the DOCX files converted by
 * LibreOffice, and the pages of the PDFs as PNG (the first with the mark, the
 * last with the 版记), under e2e/artifacts/documents/ for a person to look at.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { renderMinutesDocx } from '../server/documents/minutes-docx.js';
import { renderMinutesPdf } from '../server/documents/minutes-pdf.js';
import {
  findingsLedgerXlsx,
  inspectionReportDocx,
  inspectionReportPdf,
  type InspectionReportModel,
} from '../server/documents/inspection-report.js';
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

const report: InspectionReportModel = {
  unitName: '某某市商务局',
  officeName: '监察室',
  docNumber: '监察通〔2026〕3号',
  title: '关于2026年第三季度处务会制度执行情况专项检查的通报',
  addressees: '局属各处室',
  issuedOn: '2026-12-07',
  period: { from: '2026-07', to: '2026-09' },
  divisions: ['对外贸易处', '市场建设处', '财务处', '电子商务处'],
  checks: [
    { clause: 'R3.5', name: '每月召开处务会' },
    { clause: 'R5.2', name: '指定专人记录' },
    { clause: 'R5.8', name: '纪要按时报送' },
  ],
  summary:
    '各处室要切实提高对处务会制度的认识，严格按照制度要求每月召开处务会，规范纪要的形成、报送和归档。\n\n' +
    '对本次检查发现的问题，相关处室要在整改时限内完成整改，并将整改情况书面报送监察室。逾期未整改的，监察室将按照效能问责有关规定严肃处理。',
  sample: [
    { divisionName: '对外贸易处', seed: '7f3a0c9e', minutes: ['外贸纪〔2026〕7号', '外贸纪〔2026〕9号'] },
    { divisionName: '市场建设处', seed: '1b2c3d4e', minutes: ['市建纪〔2026〕8号'] },
    { divisionName: '财务处', seed: '5a6b7c8d', minutes: ['财务纪〔2026〕6号', '财务纪〔2026〕8号'] },
    { divisionName: '电子商务处', seed: '9e0f1a2b', minutes: [] },
  ],
  checklist: [
    { clause: 'R3.5', text: '每月至少召开一次处务会', pass: 10, fail: 2, notApplicable: 0 },
    { clause: 'R5.2', text: '指定专人负责会议记录，记录人无空缺', pass: 11, fail: 1, notApplicable: 0 },
    {
      clause: 'R5.8',
      text: '会后规定的工作日内报送局主要领导、分管领导和局纪委书记',
      pass: 8,
      fail: 1,
      notApplicable: 3,
    },
  ],
  findings: [
    {
      seq: 1,
      divisionName: '对外贸易处',
      clause: 'R3.5',
      description: '2026年8月未召开处务会，也未说明原因',
      deadline: '2026-11-30',
      stateLabel: '已整改',
      closedOn: '2026-11-20',
      caseNumber: null,
    },
    {
      seq: 2,
      divisionName: '市场建设处',
      clause: 'R5.8',
      description: '2026年7月第2次处务会纪要晚于会后规定的工作日报送分管领导',
      deadline: '2026-12-15',
      stateLabel: '整改中',
      closedOn: null,
      caseNumber: null,
    },
    {
      seq: 3,
      divisionName: '财务处',
      clause: 'R5.2',
      description: '2026年9月处务会未指定记录人，纪要由参会人员事后补记',
      deadline: '2026-11-25',
      stateLabel: '逾期未整改',
      closedOn: null,
      caseNumber: '问责〔2026〕2号',
    },
    {
      seq: 4,
      divisionName: '对外贸易处',
      clause: 'R3.5',
      description: '2026年9月处务会未形成纪要',
      deadline: '2026-12-10',
      stateLabel: '整改中',
      closedOn: null,
      caseNumber: null,
    },
  ],
  copiesTo: ['局主要领导', '局分管领导', '局纪委书记'],
};

const docx = join(out, 'minutes.docx');
const pdf = join(out, 'minutes.pdf');
// Issued minutes: the 版记's 印发 line carries the division and the issue date.
const minutes = { content, number: '〔2026〕3号', divisionName: '对外贸易处', issuedAt: '2026-11-30T02:00:00.000Z' };
writeFileSync(docx, await renderMinutesDocx(minutes));
writeFileSync(pdf, await renderMinutesPdf(minutes));
const reportDocx = join(out, 'inspection-report.docx');
const reportPdf = join(out, 'inspection-report.pdf');
const ledger = join(out, 'findings-ledger.xlsx');
writeFileSync(reportDocx, await inspectionReportDocx(report));
writeFileSync(reportPdf, await inspectionReportPdf(report));
writeFileSync(
  ledger,
  await findingsLedgerXlsx(
    '2026年第三季度处务会制度执行情况专项检查问题整改台账',
    report.findings.map((f) => ({
      ...f,
      inspectionTitle: report.title,
      foundOn: '2026-10-20',
      evidence: f.closedOn ? '整改报告；补开处务会的纪要' : '',
    })),
  ),
);
console.log(`wrote ${docx}, ${pdf}, ${reportDocx}, ${reportPdf} and ${ledger}`);
const has = (bin: string) => spawnSync('which', [bin]).status === 0;
const lo = ['libreoffice', 'soffice'].find(has);
if (lo) {
  mkdirSync(join(out, 'libreoffice'), { recursive: true });
  for (const file of [docx, reportDocx])
    execFileSync(lo, ['--headless', '--convert-to', 'pdf', '--outdir', join(out, 'libreoffice'), file], {
      stdio: 'inherit',
    });
} else console.log('LibreOffice not installed: DOCX conversion skipped');
if (has('pdftoppm')) {
  const png = (file: string, prefix: string) => execFileSync('pdftoppm', ['-r', '80', '-png', file, join(out, prefix)]);
  png(pdf, 'server-pdf');
  png(reportPdf, 'report-server-pdf');
  if (lo) {
    png(join(out, 'libreoffice', 'minutes.pdf'), 'libreoffice-pdf');
    png(join(out, 'libreoffice', 'inspection-report.pdf'), 'report-libreoffice-pdf');
  }
  console.log('rendered the pages to PNG');
} else console.log('pdftoppm not installed: PNG rendering skipped');
