import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderMinutesPdf } from '../minutes-pdf.js';
import { EXE, PDF } from '../../test/fixtures.js';
import { samplePackageSpec, tamper, tinyDocx } from '../../test/archive-fixtures.js';
import { buildPackage, type PackageSpec } from './package.js';
import { renderCheckReportPdf } from './report-pdf.js';
import { reportLines, verifyPackage, type CheckReport } from './verify-package.js';
import { readZip, writeZip } from './zip.js';

const FIRST = '0001-2026-Y-03-0001';
const SECOND = '0001-2026-Y-03-0002';
const clone = (s: PackageSpec): PackageSpec => structuredClone(s);
const check = (r: CheckReport, id: string) => r.properties.flatMap((p) => p.checks).find((c) => c.id === id);
const failed = (r: CheckReport) =>
  r.properties
    .flatMap((p) => p.checks)
    .filter((c) => c.result === 'fail')
    .map((c) => c.id);
const noScan = { clamscan: null };

describe('R5.7: 四性检测 (DA/T 70) of an archive package, from the ZIP alone', () => {
  let spec: PackageSpec;
  let zip: Buffer;
  const dir = mkdtempSync(join(tmpdir(), 'jiyao-verify-'));
  beforeAll(async () => {
    spec = await samplePackageSpec();
    zip = buildPackage(spec).zip;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('R5.7: a sound package passes all four properties; the report names the package and its SHA-256', async () => {
    const r = await verifyPackage(zip, noScan);
    expect(failed(r)).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.properties.map((p) => [p.label, p.result])).toEqual([
      ['真实性', 'pass'],
      ['完整性', 'pass'],
      ['可用性', 'pass'],
      ['安全性', 'pass'],
    ]);
    expect(check(r, 'virus_scan')?.result).toBe('skip');
    expect(r.summary).toMatchObject({
      divisionName: '对外贸易处',
      year: '2026',
      items: 2,
      files: 10,
      hashAlg: 'SHA-256',
    });
    expect(r.packageSize).toBe(zip.length);
  });

  it('R5.7: with SM3 chosen, every digest is SM3 and the package passes', async () => {
    const s = clone(spec);
    s.header.hashAlg = 'sm3';
    const built = buildPackage(s);
    const manifest = readZip(built.zip).entries[0]?.data?.toString('utf8') ?? '';
    expect(manifest).toContain('<摘要算法>SM3</摘要算法>');
    expect(manifest).toContain('算法="SM3"');
    expect((await verifyPackage(built.zip, noScan)).ok).toBe(true);
  });

  it('R5.7: one byte changed in one file (CRC rewritten) fails fixity, naming exactly that file', async () => {
    const path = `${FIRST}/materials/2-说明.docx`;
    const r = await verifyPackage(tamper(zip, path, 40), noScan);
    expect(r.ok).toBe(false);
    const fixity = check(r, 'fixity');
    expect(fixity?.result).toBe('fail');
    expect(fixity?.problems.map((p) => p.file)).toEqual([path]);
    expect(fixity?.problems[0]?.message).toContain('文件已被改动');
    expect(check(r, 'package_readable')?.result).toBe('pass');
    expect(reportLines(r).some((l) => l.includes(path))).toBe(true);
  });

  it('R5.7: a missing superseded version fails integrity — files present and revision history — by its path', async () => {
    const gone = `${SECOND}/minutes-r0.pdf`;
    const entries = readZip(zip).entries.filter((e) => e.name !== gone);
    const r = await verifyPackage(
      writeZip(
        entries.map((e) => ({ name: e.name, data: e.data ?? Buffer.alloc(0) })),
        new Date(),
      ),
      noScan,
    );
    expect(check(r, 'files_present')?.problems).toContainEqual({ file: gone, message: '清单所列文件不在包内' });
    expect(check(r, 'revision_history')?.problems.map((p) => p.file)).toEqual([gone]);
  });

  it('R5.7: a file slipped in beside the manifest is named: not listed, and an executable', async () => {
    const entries = readZip(zip).entries.map((e) => ({ name: e.name, data: e.data ?? Buffer.alloc(0) }));
    const r = await verifyPackage(
      writeZip([...entries, { name: `${FIRST}/setup.pdf`, data: EXE }], new Date()),
      noScan,
    );
    expect(check(r, 'files_present')?.problems).toContainEqual({
      file: `${FIRST}/setup.pdf`,
      message: '包内文件未列入清单',
    });
    expect(check(r, 'no_executables')?.problems.map((p) => p.file)).toEqual([`${FIRST}/setup.pdf`]);
  });

  it('R5.7: a material with a VBA macro fails security; a material that does not parse fails usability', async () => {
    const s = clone(spec);
    const files = s.items[0]?.files ?? [];
    const docx = files.find((f) => f.path.endsWith('.docx'));
    const pdf = files.find((f) => f.path.endsWith('方案.pdf'));
    if (!docx || !pdf) throw new Error('sample changed');
    docx.data = tinyDocx('宏', true);
    pdf.data = PDF; // "%PDF-" and nothing a reader can open
    const r = await verifyPackage(buildPackage(s).zip, noScan);
    expect(check(r, 'fixity')?.result).toBe('pass');
    expect(check(r, 'no_macros')?.problems).toEqual([{ file: docx.path, message: '含有 VBA 宏或 ActiveX 控件' }]);
    expect(check(r, 'files_parse')?.problems.map((p) => p.file)).toEqual([pdf.path]);
  });

  it('R5.7: minutes not in PDF/A fail the format check', async () => {
    const s = clone(spec);
    const f = s.items[0]?.files.find((x) => x.role === 'minutes');
    if (!f) throw new Error('sample changed');
    f.data = await renderMinutesPdf({
      content: {
        title: '对外贸易处处务会会议纪要',
        opening: '〔2026〕1号',
        sections: [],
        closing: '',
        present: [],
        leave: [],
        observers: [],
        recorder: '王芳',
        distribution: '',
      },
      number: '〔2026〕1号',
      divisionName: '对外贸易处',
      issuedAt: '2026-03-10T05:00:00Z',
    });
    const r = await verifyPackage(buildPackage(s).zip, noScan);
    expect(check(r, 'formats_allowed')?.problems).toEqual([{ file: f.path, message: '纪要应为 PDF/A 格式' }]);
  });

  it('R5.7: metadata faults: a duplicate 档号, a missing 密级, a bad 保管期限 and date, a page count and a number that do not match', async () => {
    const s = clone(spec);
    const [a, b] = s.items;
    if (!a || !b) throw new Error('sample changed');
    b.metadata['档号'] = a.metadata['档号'];
    a.metadata['密级'] = '';
    a.metadata['保管期限'] = '20年';
    a.metadata['日期'] = '20250230';
    a.metadata['页数'] = '3';
    a.metadata['文件编号'] = '〔2026〕9号';
    const r = await verifyPackage(buildPackage(s).zip, noScan);
    expect(check(r, 'code_unique')?.problems[0]?.message).toBe(`档号 ${FIRST} 重复（第 1 件与第 2 件）`);
    expect(check(r, 'metadata_required')?.problems.map((p) => p.message)).toEqual([`${FIRST}：缺少元数据“密级”`]);
    const values =
      check(r, 'metadata_values')
        ?.problems.map((p) => p.message)
        .join('\n') ?? '';
    expect(values).toContain('保管期限“20年”不是永久、30年或10年');
    expect(values).toContain('日期“20250230”不是本年度的 YYYYMMDD 日期');
    expect(values).toContain('文件编号“〔2026〕9号”与编号规则和序号不符（应为“〔2026〕1号”）');
    expect(values).toContain('档号中的保管期限代码与元数据“保管期限”不一致');
    const content = check(r, 'content_matches')?.problems.map((p) => p.message) ?? [];
    expect(content).toContain('页数不符：元数据为 3 页，文件为 1 页');
    expect(content).toContain('正文中找不到文件编号“〔2026〕9号”');
  });

  it('R5.7: a gap in the numbers fails integrity', async () => {
    const s = clone(spec);
    const b = s.items[1];
    if (!b) throw new Error('sample changed');
    b.numberSeq = 3;
    const r = await verifyPackage(buildPackage(s).zip, noScan);
    expect(check(r, 'number_continuity')?.problems.map((p) => p.message)).toEqual([
      '纪要序号应从 1 起连续、不重复，实为 1、3',
    ]);
  });

  it('R5.7: not a package at all: unreadable, and nothing else claimed', async () => {
    const r = await verifyPackage(Buffer.from('hello'), noScan);
    expect(r.ok).toBe(false);
    expect(check(r, 'package_readable')?.problems[0]?.message).toContain('不是 ZIP 文件');
    expect(r.summary).toBeNull();
  });

  it('R5.7: the virus-scan hook runs ClamAV when installed, and a FOUND line names the file', async () => {
    const fake = join(dir, 'clamscan');
    // Stands in for ClamAV's command line: reports the file holding the EICAR marker as infected.
    writeFileSync(
      fake,
      '#!/bin/sh\nfor d; do :; done\nhit=$(grep -rl "EICAR-STANDARD" "$d")\nif [ -n "$hit" ]; then echo "$hit: Eicar-Test-Signature FOUND"; exit 1; fi\nexit 0\n',
    );
    chmodSync(fake, 0o755);
    expect(check(await verifyPackage(zip, { clamscan: fake }), 'virus_scan')?.result).toBe('pass');
    const s = clone(spec);
    const txt = {
      path: `${FIRST}/materials/4-说明.txt`,
      role: 'material' as const,
      format: 'TXT',
      label: '说明',
      data: Buffer.from('X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'),
    };
    s.items[0]?.files.push(txt);
    const r = await verifyPackage(buildPackage(s).zip, { clamscan: fake });
    expect(check(r, 'virus_scan')?.problems).toEqual([{ file: txt.path, message: '发现病毒：Eicar-Test-Signature' }]);
  });

  it('R5.7: the report renders as a PDF that says what failed and where', async () => {
    const r = await verifyPackage(tamper(zip, `${FIRST}/record.pdf`), noScan);
    const pdf = await renderCheckReportPdf(r);
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), verbosity: 0, isEvalSupported: false }).promise;
    let text = '';
    for (let p = 1; p <= doc.numPages; p++)
      text += (await (await doc.getPage(p)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join('');
    await doc.destroy();
    expect(text).toContain('归档信息包四性检测报告');
    expect(text).toContain('未通过');
    expect(text.replace(/\s/g, '')).toContain(`${FIRST}/record.pdf`);
  });
});
