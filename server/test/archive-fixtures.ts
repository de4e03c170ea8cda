import { crc32, deflateSync } from 'node:zlib';
import type { MinutesContent } from '../../core/minutes.js';
import { renderMinutesPdf } from '../documents/minutes-pdf.js';
import { FlowPdf } from '../documents/flow-pdf.js';
import { factsXml, renderRecordPdf, type MeetingFacts } from '../documents/archive/item-documents.js';
import type { PackageItem, PackageSpec } from '../documents/archive/package.js';
import type { PackageHashAlg } from '../documents/archive/sm3.js';
import { readZip, writeZip } from '../documents/archive/zip.js';

/** Real files of the formats an archive package holds, made here (no binary fixtures in the repo). */

/** A valid 2×2 PNG: signature, IHDR, IDAT, IEND, each chunk with its CRC. */
export function tinyPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td) >>> 0);
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0);
  ihdr.writeUInt32BE(2, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const raw = Buffer.from([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A minimal real Word document; with `macro`, a vbaProject.bin part as a .docm carries. */
export function tinyDocx(text: string, macro = false): Buffer {
  const types =
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
    '</Types>';
  const doc =
    '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    `<w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`;
  return writeZip(
    [
      { name: '[Content_Types].xml', data: Buffer.from(types) },
      { name: 'word/document.xml', data: Buffer.from(doc) },
      ...(macro ? [{ name: 'word/vbaProject.bin', data: Buffer.from('Attribute VB_Name = "x"') }] : []),
    ],
    new Date('2026-03-01T00:00:00Z'),
  );
}

/** A small real PDF with `text` (a material). */
export async function tinyPdf(text: string): Promise<Buffer> {
  const doc = new FlowPdf({ title: text, at: new Date('2026-03-01T00:00:00Z') });
  doc.paragraph(text);
  return doc.end();
}

const content = (day: string, n: string): MinutesContent => ({
  title: '对外贸易处处务会会议纪要',
  opening: `${day}，李伟同志在第一会议室主持召开处务会，研究参展补助等事项。现将会议议定事项纪要如下：`,
  sections: [
    {
      topicId: 't1',
      heading: '一、关于外贸企业参展补助',
      marks: '【涉及资金事项】',
      narrative: `会议研究了参展补助资金分配方案（${n}）。`,
      blocks: [{ kind: 'decision', speakerId: null, speakerName: null, text: '同意分配方案。' }],
      recordVersion: 1,
    },
  ],
  closing: '',
  present: ['李伟', '张敏', '王芳'],
  leave: [],
  observers: [],
  recorder: '王芳',
  distribution: '分送：局主要领导，分管领导，局纪委书记，监察室。',
});

const meeting = (id: string, day: string): MeetingFacts => ({
  id,
  title: `${day} 例会`,
  kindLabel: '例会',
  startsAt: `${day}T01:00:00.000Z`,
  day,
  place: '第一会议室',
  chair: '李伟',
  recorder: '王芳',
  closedAt: `${day}T02:00:00.000Z`,
  backfillReason: null,
  participants: [
    { name: '李伟', role: '参会', attendance: '出席', checkedInAt: null },
    { name: '王芳', role: '参会', attendance: '出席', checkedInAt: `${day}T00:58:00.000Z` },
  ],
  leaves: [],
  record: [
    {
      topicTitle: '关于外贸企业参展补助',
      category: '专项资金的使用和分配',
      status: '已记录',
      discussion: '与会人员讨论了分配原则 & 标准。',
      opinions: [{ speaker: '李伟', stance: '赞成', text: '同意。', reservation: false }],
      decisions: ['同意分配方案。'],
    },
  ],
});

/**
 * A division-year of two items: 〔2026〕1号 (issued once) and 〔2026〕2号 corrected once (two
 * revisions), each with its record and facts, the first with three materials (PDF, Word, PNG).
 */
export async function samplePackageSpec(hashAlg: PackageHashAlg = 'sha256'): Promise<PackageSpec> {
  const items: PackageItem[] = [];
  const days = ['2026-03-10', '2026-06-15'];
  for (const [i, day] of days.entries()) {
    const seq = i + 1;
    const code = `0001-2026-Y-03-000${seq}`;
    const numbers = seq === 1 ? ['〔2026〕1号'] : ['〔2026〕2号', '〔2026〕2号（更正）'];
    const revisions = [];
    const files: PackageItem['files'] = [];
    for (const [rev, number] of numbers.entries()) {
      const issuedAt = `${day}T0${5 + rev}:00:00.000Z`;
      const path = `${code}/minutes-r${rev}.pdf`;
      const pdf = await renderMinutesPdf({
        content: content(day, number),
        number,
        divisionName: '对外贸易处',
        issuedAt,
        pdfA: 'PDF/A-2b',
      });
      files.push({ path, role: 'minutes', format: 'PDF/A-2b', label: `纪要第 ${rev} 版`, revision: rev, data: pdf });
      revisions.push({
        revision: rev,
        number,
        issuedAt,
        state: (rev === numbers.length - 1 ? '现行' : '已被更正') as '现行' | '已被更正',
        path,
      });
    }
    const m = meeting(`m${seq}`, day);
    files.push({
      path: `${code}/record.pdf`,
      role: 'record',
      format: 'PDF/A-2b',
      label: '会议记录',
      data: await renderRecordPdf(m, '对外贸易处', 'PDF/A-2b'),
    });
    files.push({
      path: `${code}/facts.xml`,
      role: 'facts',
      format: 'XML',
      label: '出席、分送签收和督办情况',
      data: Buffer.from(factsXml(m, [], []), 'utf8'),
    });
    if (seq === 1) {
      files.push({
        path: `${code}/materials/1-方案.pdf`,
        role: 'material',
        format: 'PDF',
        label: '方案',
        data: await tinyPdf('参展补助资金分配方案'),
      });
      files.push({
        path: `${code}/materials/2-说明.docx`,
        role: 'material',
        format: 'DOCX',
        label: '说明',
        data: tinyDocx('说明'),
      });
      files.push({
        path: `${code}/materials/3-照片.png`,
        role: 'material',
        format: 'PNG',
        label: '照片',
        data: tinyPng(),
      });
    }
    const current = numbers.at(-1) ?? '';
    items.push({
      seq,
      numberSeq: seq,
      period: 'permanent',
      meeting: { id: m.id, title: m.title, day },
      revisions,
      files,
      metadata: {
        档号: code,
        年度: '2026',
        保管期限: '永久',
        题名: '对外贸易处处务会会议纪要',
        文件编号: current,
        责任者: '示范市商务局对外贸易处',
        日期: day.replaceAll('-', ''),
        文种: '纪要',
        密级: '非密',
        页数: '1',
      },
    });
  }
  return {
    header: {
      unitName: '示范市商务局',
      fonds: '0001',
      divisionName: '对外贸易处',
      divisionCode: '03',
      year: 2026,
      archivedBy: '周雪梅',
      archivedAt: '2027-01-05T02:00:00.000Z',
      codePattern: '{全宗号}-{年度}-{保管期限}-{处室代码}-{件号}',
      numberingPattern: '〔{year}〕{n}号',
      hashAlg,
    },
    items,
  };
}

/**
 * The package with one byte of the file `path` changed and the ZIP written again with correct
 * CRCs — so the ZIP layer is sound and only the manifest's digest can tell.
 */
export function tamper(zip: Buffer, path: string, at = 200): Buffer {
  const read = readZip(zip);
  return writeZip(
    read.entries.map((e) => {
      const data = Buffer.from(e.data ?? Buffer.alloc(0));
      const i = Math.min(at, data.length - 1);
      if (e.name === path) data[i] = (data[i] ?? 0) ^ 0x01;
      return { name: e.name, data };
    }),
    new Date('2027-01-05T02:00:00Z'),
  );
}
