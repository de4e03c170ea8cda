import { CHECK_RESULT_LABELS } from '../../../core/archive.js';
import { shanghaiDateTime } from '../../../core/shanghai-time.js';
import { FlowPdf } from '../flow-pdf.js';
import type { PdfFonts } from '../fonts.js';
import type { CheckReport } from './verify-package.js';

/** The 四性检测 report as PDF (the screen's report on paper): verdict, package, every check and problem. */
export async function renderCheckReportPdf(r: CheckReport, fonts?: PdfFonts): Promise<Buffer> {
  const s = r.summary;
  const doc = new FlowPdf({ title: '归档信息包四性检测报告', at: new Date(r.checkedAt), ...(fonts ? { fonts } : {}) });
  doc.title('归档信息包四性检测报告');
  doc.paragraph('依据 DA/T 70《文书类电子档案检测一般要求》，对归档信息包的真实性、完整性、可用性和安全性进行检测。', {
    indentChars: 2,
  });
  doc.gap();
  doc.labelled('检测结论', r.ok ? '通过' : '未通过');
  doc.labelled('检测时间', shanghaiDateTime(r.checkedAt));
  if (s) {
    doc.labelled('立档单位', `${s.unitName}（全宗号 ${s.fonds}）`);
    doc.labelled('处室、年度', `${s.divisionName}\u3000${s.year} 年度`);
    doc.labelled('件数、文件数', `${s.items} 件，${s.files} 个文件`);
    doc.labelled('归档', `${s.archivedBy}\u3000${s.archivedAt ? shanghaiDateTime(s.archivedAt) : ''}`);
    doc.labelled('摘要算法', s.hashAlg);
  }
  doc.labelled('信息包 SHA-256', r.packageSha256);
  doc.labelled('信息包大小', `${r.packageSize} 字节`);
  if (r.manifestDigest) doc.labelled('清单摘要', r.manifestDigest);
  for (const p of r.properties) {
    doc.heading(`${p.label}：${CHECK_RESULT_LABELS[p.result]}`);
    for (const c of p.checks) {
      doc.paragraph(`【${CHECK_RESULT_LABELS[c.result]}】${c.name}${c.scope ? `（${c.scope}）` : ''}`, {
        indentChars: 0,
        hangChars: 2,
        color: c.result === 'fail' ? '#c00000' : 'black',
      });
      for (const pr of c.problems)
        doc.paragraph(`${pr.file ? `${pr.file}：` : ''}${pr.message}`, { indentChars: 2, hangChars: 3, size: 10.5 });
    }
  }
  return doc.end();
}
