import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import {
  ARCHIVE_FORMATS,
  CHECK_RESULT_LABELS,
  CLASSIFICATIONS,
  DOCUMENT_KIND,
  FOUR_PROPERTIES,
  FOUR_PROPERTY_LABELS,
  METADATA_FIELDS,
  parseArchiveCode,
  periodOfCode,
  RETENTION_LABELS,
  RETENTION_PERIODS,
  type CheckResult,
  type FourProperty,
} from '../../../core/archive.js';
import { formatMinutesNumber } from '../../../core/settings.js';
import { inspectFile, type FileFacts } from './inspect-file.js';
import { MANIFEST_NAME, readManifest, sha256, type Manifest } from './package.js';
import { digestOf } from './sm3.js';
import { readZip, safeEntryName, type ZipEntry } from './zip.js';

/**
 * 四性检测 (DA/T 70) of an archive package, from the ZIP alone — at packaging on the server and
 * offline by `jiyao archive verify`. Each property holds named checks; every problem names its
 * file (or its item's 档号) so that one changed byte in one file is reported by that file's path.
 */

export interface CheckProblem {
  /** The file's path in the package, when the problem is one file's. */
  file: string | null;
  message: string;
}

export interface CheckOutcome {
  id: string;
  name: string;
  result: CheckResult;
  /** What was checked, in words (e.g. "32 个文件"). */
  scope: string;
  problems: CheckProblem[];
}

export interface PropertyOutcome {
  property: FourProperty;
  label: string;
  result: CheckResult;
  checks: CheckOutcome[];
}

export interface CheckReport {
  ok: boolean;
  checkedAt: string;
  packageSha256: string;
  packageSize: number;
  /** The manifest's own digest (in the package's algorithm): what the archive ledger recorded. */
  manifestDigest: string | null;
  summary: {
    unitName: string;
    fonds: string;
    divisionName: string;
    year: string;
    items: number;
    files: number;
    hashAlg: string;
    archivedAt: string;
    archivedBy: string;
  } | null;
  properties: PropertyOutcome[];
}

export interface VerifyOptions {
  now?: Date;
  /**
   * The virus-scan hook: the path of `clamscan` (or `clamdscan`), `null` for none, or
   * undefined to look for it on PATH. Without it the check is reported as not run.
   */
  clamscan?: string | null;
}

class Checks {
  readonly outcomes = new Map<string, CheckOutcome & { property: FourProperty }>();
  add(property: FourProperty, id: string, name: string, scope = ''): CheckOutcome {
    const o = { property, id, name, result: 'pass' as CheckResult, scope, problems: [] as CheckProblem[] };
    this.outcomes.set(id, o);
    return o;
  }
}

function fail(o: CheckOutcome, file: string | null, message: string): void {
  o.result = 'fail';
  // A package with thousands of bad files names the first 500; the count says the rest.
  if (o.problems.length < 500) o.problems.push({ file, message });
}

/** Finds a program on PATH (the ClamAV hook), or null. */
export function onPath(program: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, program);
    if (existsSync(p)) return p;
  }
  return null;
}

const DAY8 = /^(\d{4})(\d{2})(\d{2})$/;
function validDay8(v: string): boolean {
  const m = DAY8.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** `（更正）`, `（更正2）` …: the suffix a correction's number carries (minutes-commands.ts). */
/** The suffix a correction's number carries: （更正）, （更正2）…. */
export const correctionSuffix = (revision: number) => (revision > 0 ? `（更正${revision > 1 ? revision : ''}）` : '');

const squash = (s: string) => s.replace(/\s+/g, '');

/** Runs all checks over a package's bytes. Never throws on bad content: every fault is a finding. */
export async function verifyPackage(zip: Buffer, opts: VerifyOptions = {}): Promise<CheckReport> {
  const c = new Checks();
  // 真实性
  const fixity = c.add('authenticity', 'fixity', '固化信息校验（各文件摘要值与清单一致）');
  const values = c.add(
    'authenticity',
    'metadata_values',
    '元数据值与格式（档号、年度、保管期限、日期、文种、密级、页数、文件编号）',
  );
  const unique = c.add('authenticity', 'code_unique', '档号唯一');
  const content = c.add('authenticity', 'content_matches', '内容与元数据一致（纪要的题名、文件编号、页数）');
  // 完整性
  const required = c.add('integrity', 'metadata_required', '必备元数据齐全');
  const numbering = c.add('integrity', 'number_continuity', '件号与纪要编号连续、无断号');
  const present = c.add('integrity', 'files_present', '文件齐全（清单所列文件都在包内，包内没有清单外的文件）');
  const history = c.add('integrity', 'revision_history', '修订历史完整（每一版纪要都在包内）');
  // 可用性
  const readable = c.add('usability', 'package_readable', '信息包可读（ZIP 结构、CRC 校验、清单可解析）');
  const parses = c.add('usability', 'files_parse', '文件可解析');
  const formats = c.add('usability', 'formats_allowed', '文件格式符合归档要求（纪要、会议记录为 PDF/A）');
  const unencrypted = c.add('usability', 'not_encrypted', '无加密');
  // 安全性
  const noExec = c.add('security', 'no_executables', '无可执行文件');
  const noMacros = c.add('security', 'no_macros', '无宏和脚本');
  const virus = c.add('security', 'virus_scan', '病毒扫描（ClamAV）');

  const read = readZip(zip);
  for (const p of read.problems) fail(readable, null, p);
  const byName = new Map<string, ZipEntry>();
  for (const e of read.entries) {
    if (byName.has(e.name)) fail(readable, e.name, '包内有同名文件');
    byName.set(e.name, e);
    if (!safeEntryName(e.name)) fail(noExec, e.name, '文件名含有绝对路径或“..”，解压时可能写到包外');
    if (e.encrypted) fail(unencrypted, e.name, 'ZIP 条目已加密');
    else if (e.problem) fail(readable, e.name, e.problem);
  }

  let manifest: Manifest | null = null;
  const manifestEntry = byName.get(MANIFEST_NAME);
  if (!manifestEntry) {
    if (read.problems.length === 0) fail(readable, MANIFEST_NAME, '包内没有清单 manifest.xml');
  } else if (manifestEntry.data) {
    try {
      manifest = readManifest(manifestEntry.data.toString('utf8'));
    } catch (e) {
      fail(readable, MANIFEST_NAME, `清单无法解析：${e instanceof Error ? e.message : String(e)}`);
    }
  }

  const header = manifest?.header ?? {};
  const year = header['年度'] ?? '';
  const alg = manifest?.items.flatMap((i) => i.files)[0]?.alg ?? null;
  const facts = new Map<string, FileFacts>();
  let fileCount = 0;

  if (manifest) {
    for (const key of ['立档单位', '全宗号', '处室', '年度', '档号规则', '编号规则', '摘要算法', '件数'])
      if (!header[key]) fail(required, MANIFEST_NAME, `清单缺少归档信息“${key}”`);
    if (!/^\d{4}$/.test(year)) fail(values, MANIFEST_NAME, `清单的年度“${year}”不是四位年份`);
    if (header['件数'] !== String(manifest.items.length))
      fail(present, MANIFEST_NAME, `清单记载 ${header['件数'] ?? '?'} 件，实列 ${manifest.items.length} 件`);
    const listed = new Set<string>([MANIFEST_NAME]);
    const codes = new Map<string, string>();
    const seqs: number[] = [];
    const numberSeqs: number[] = [];

    for (const item of manifest.items) {
      const code = item.metadata['档号'] ?? '';
      const where = code || `第 ${item.seq} 件`;
      // Required metadata: all ten DA/T 46 fields, each non-empty.
      for (const f of METADATA_FIELDS) if (!item.metadata[f]) fail(required, null, `${where}：缺少元数据“${f}”`);
      // Values and formats.
      const m = item.metadata;
      const parts = code ? parseArchiveCode(header['档号规则'] ?? '', code) : null;
      if (code && !parts) fail(values, null, `${where}：档号与档号规则“${header['档号规则'] ?? ''}”不符`);
      if (parts) {
        if (parts['年度'] !== undefined && parts['年度'] !== m['年度'])
          fail(values, null, `${where}：档号中的年度与元数据“年度”不一致`);
        if (parts['全宗号'] !== undefined && parts['全宗号'] !== header['全宗号'])
          fail(values, null, `${where}：档号中的全宗号与归档信息不一致`);
        if (parts['处室代码'] !== undefined && parts['处室代码'] !== header['处室代码'])
          fail(values, null, `${where}：档号中的处室代码与归档信息不一致`);
        if (parts['件号'] !== undefined && Number(parts['件号']) !== Number(item.seq))
          fail(values, null, `${where}：档号中的件号与件号属性不一致`);
        const period = parts['保管期限'] !== undefined ? periodOfCode(parts['保管期限']) : null;
        if (period && m['保管期限'] && RETENTION_LABELS[period] !== m['保管期限'])
          fail(values, null, `${where}：档号中的保管期限代码与元数据“保管期限”不一致`);
      }
      if (m['年度'] && m['年度'] !== year)
        fail(values, null, `${where}：年度“${m['年度']}”与信息包年度“${year}”不一致`);
      if (m['保管期限'] && !RETENTION_PERIODS.some((p) => RETENTION_LABELS[p] === m['保管期限']))
        fail(values, null, `${where}：保管期限“${m['保管期限']}”不是永久、30年或10年`);
      if (m['日期'] && (!validDay8(m['日期']) || m['日期'].slice(0, 4) !== year))
        fail(values, null, `${where}：日期“${m['日期']}”不是本年度的 YYYYMMDD 日期`);
      if (m['文种'] && m['文种'] !== DOCUMENT_KIND) fail(values, null, `${where}：文种应为“${DOCUMENT_KIND}”`);
      if (m['密级'] && !(CLASSIFICATIONS as readonly string[]).includes(m['密级']))
        fail(values, null, `${where}：密级“${m['密级']}”不在允许的取值内`);
      if (m['页数'] && !/^[1-9]\d*$/.test(m['页数'])) fail(values, null, `${where}：页数“${m['页数']}”不是正整数`);
      const current = item.revisions.at(-1);
      const expected =
        /^\d+$/.test(item.numberSeq) && /^\d{4}$/.test(year)
          ? formatMinutesNumber(
              item.numberingPattern ?? header['编号规则'] ?? '',
              Number(year),
              Number(item.numberSeq),
            ) + correctionSuffix(Number(current?.revision ?? 0))
          : null;
      if (m['文件编号'] && expected !== m['文件编号'])
        fail(values, null, `${where}：文件编号“${m['文件编号']}”与编号规则和序号不符（应为“${expected ?? '?'}”）`);
      if (item.numberingPattern !== null && !item.numberingPattern.includes('{n}'))
        fail(values, null, `${where}：编号规则“${item.numberingPattern}”不含序号 {n}`);
      if (code) {
        const other = codes.get(code);
        if (other !== undefined) fail(unique, null, `档号 ${code} 重复（第 ${other} 件与第 ${item.seq} 件）`);
        codes.set(code, item.seq);
      }
      if (/^\d+$/.test(item.seq)) seqs.push(Number(item.seq));
      else fail(numbering, null, `${where}：件号“${item.seq}”不是数字`);
      if (/^\d+$/.test(item.numberSeq)) numberSeqs.push(Number(item.numberSeq));
      else fail(numbering, null, `${where}：纪要序号“${item.numberSeq}”不是数字`);

      // Files: listed once, present, digest as listed.
      for (const f of item.files) {
        fileCount++;
        if (listed.has(f.path)) fail(present, f.path, '清单中重复列出');
        listed.add(f.path);
        if (!f.alg) fail(fixity, f.path, `清单中的摘要算法“${f.algName}”无法识别`);
        const entry = byName.get(f.path);
        if (!entry) {
          fail(present, f.path, '清单所列文件不在包内');
          continue;
        }
        if (!entry.data) continue; // reported as unreadable above
        if (f.alg && digestOf(f.alg, entry.data) !== f.digest)
          fail(
            fixity,
            f.path,
            `摘要值不符：清单记载 ${f.digest.slice(0, 16)}…，文件实为 ${digestOf(f.alg, entry.data).slice(0, 16)}…（文件已被改动）`,
          );
        if (f.size !== null && f.size !== entry.data.length)
          fail(fixity, f.path, `大小不符：清单记载 ${f.size} 字节，文件实为 ${entry.data.length} 字节`);
        facts.set(f.path, await inspectFile(f.path, entry.data));
      }
      for (const role of ['minutes', 'record', 'facts'])
        if (!item.files.some((f) => f.role === role))
          fail(
            present,
            null,
            `${where}：缺少${role === 'minutes' ? '纪要' : role === 'record' ? '会议记录' : '出席、分送签收和督办情况'}文件`,
          );

      // Revision history: every version 0..n, the last in force, each with its file.
      const revs = item.revisions.map((r) => Number(r.revision));
      if (revs.length === 0) fail(history, null, `${where}：没有修订历史`);
      revs.forEach((r, i) => {
        if (r !== i) fail(history, null, `${where}：修订历史缺少第 ${i} 版`);
      });
      item.revisions.forEach((r, i) => {
        const last = i === item.revisions.length - 1;
        if (r.state !== (last ? '现行' : '已被更正'))
          fail(history, null, `${where}：第 ${r.revision} 版的状态应为“${last ? '现行' : '已被更正'}”`);
        const file = item.files.find((f) => f.path === r.path && f.role === 'minutes');
        if (!file) fail(history, r.path || null, `${where}：第 ${r.revision} 版纪要的文件未列入清单`);
        else if (!byName.has(r.path)) fail(history, r.path, `${where}：第 ${r.revision} 版纪要的文件不在包内`);
      });

      // Content matches metadata: the version in force, as rendered.
      const currentFile = current ? facts.get(current.path) : undefined;
      const pdf = currentFile?.pdf;
      if (current && currentFile && !pdf) fail(content, current.path, '现行纪要不是可读的 PDF，无法核对内容');
      if (pdf) {
        if (m['页数'] && String(pdf.pages) !== m['页数'])
          fail(content, current?.path ?? null, `页数不符：元数据为 ${m['页数']} 页，文件为 ${pdf.pages} 页`);
        if (m['题名'] && pdf.title !== m['题名'])
          fail(content, current?.path ?? null, `题名不符：元数据为“${m['题名']}”，文件标题为“${pdf.title ?? ''}”`);
        if (m['题名'] && !squash(pdf.text).includes(squash(m['题名'])))
          fail(content, current?.path ?? null, `正文中找不到题名“${m['题名']}”`);
        if (m['文件编号'] && !squash(pdf.text).includes(squash(m['文件编号'])))
          fail(content, current?.path ?? null, `正文中找不到文件编号“${m['文件编号']}”`);
      }
    }
    // Numbers without a gap: items 1..n, minutes numbers of the year 1..n.
    const contiguous = (xs: number[]) => [...xs].sort((a, b) => a - b).every((x, i) => x === i + 1);
    if (!contiguous(seqs))
      fail(numbering, null, `件号应从 1 起连续，实为 ${[...seqs].sort((a, b) => a - b).join('、')}`);
    if (!contiguous(numberSeqs))
      fail(numbering, null, `纪要序号应从 1 起连续、不重复，实为 ${[...numberSeqs].sort((a, b) => a - b).join('、')}`);
    for (const e of read.entries)
      if (!e.isDirectory && !listed.has(e.name)) fail(present, e.name, '包内文件未列入清单');
  }

  for (const [path, f] of facts) {
    if (!f.parses) fail(parses, path, f.parseProblem ?? '无法解析');
    if (!f.format || !(ARCHIVE_FORMATS as readonly string[]).includes(f.format))
      fail(formats, path, '文件格式不在允许的归档格式内（PDF、OFD、Word、Excel、WPS、PNG、JPEG、文本、XML）');
    if (f.encrypted) fail(unencrypted, path, '文件已加密');
    if (f.executable) fail(noExec, path, f.executable);
    if (f.macros) fail(noMacros, path, f.macros);
  }
  for (const item of manifest?.items ?? [])
    for (const f of item.files) {
      const got = facts.get(f.path);
      if (!got) continue;
      if ((f.role === 'minutes' || f.role === 'record') && !got.pdf?.pdfA)
        fail(formats, f.path, `${f.role === 'minutes' ? '纪要' : '会议记录'}应为 PDF/A 格式`);
      if (f.role === 'facts' && got.format !== 'xml') fail(formats, f.path, '出席、分送签收和督办情况应为 XML');
    }
  for (const e of read.entries)
    if (e.data && !facts.has(e.name) && e.name !== MANIFEST_NAME) {
      const exec = (await inspectFile(e.name, e.data)).executable;
      if (exec) fail(noExec, e.name, exec);
    }

  await scanForViruses(virus, read.entries, opts.clamscan);

  const scopeOf = (n: number, what: string) => `${n} ${what}`;
  fixity.scope = scopeOf(fileCount, '个文件');
  values.scope =
    unique.scope =
    required.scope =
    numbering.scope =
    history.scope =
    content.scope =
      scopeOf(manifest?.items.length ?? 0, '件');
  present.scope = readable.scope = scopeOf(read.entries.length, '个包内文件');
  parses.scope = formats.scope = unencrypted.scope = noMacros.scope = scopeOf(facts.size, '个文件');
  noExec.scope = scopeOf(read.entries.length, '个包内文件');

  const properties: PropertyOutcome[] = FOUR_PROPERTIES.map((property) => {
    const checks = [...c.outcomes.values()].filter((o) => o.property === property).map(({ property: _p, ...o }) => o);
    return {
      property,
      label: FOUR_PROPERTY_LABELS[property],
      result: checks.some((o) => o.result === 'fail') ? 'fail' : 'pass',
      checks,
    };
  });
  return {
    ok: properties.every((p) => p.result !== 'fail'),
    checkedAt: (opts.now ?? new Date()).toISOString(),
    packageSha256: sha256(zip),
    packageSize: zip.length,
    manifestDigest: manifestEntry?.data && alg ? digestOf(alg, manifestEntry.data) : null,
    summary: manifest
      ? {
          unitName: header['立档单位'] ?? '',
          fonds: header['全宗号'] ?? '',
          divisionName: header['处室'] ?? '',
          year,
          items: manifest.items.length,
          files: fileCount,
          hashAlg: header['摘要算法'] ?? '',
          archivedAt: header['归档时间'] ?? '',
          archivedBy: header['归档人'] ?? '',
        }
      : null,
    properties,
  };
}

/**
 * The virus-scan hook: with ClamAV installed every readable entry is written to a private temp
 * folder and scanned (`clamscan --no-summary --infected -r`); a FOUND line names the file. Without
 * it the check is reported as not run (未执行), which does not fail the package.
 */
async function scanForViruses(o: CheckOutcome, entries: ZipEntry[], configured: string | null | undefined) {
  const bin = configured === undefined ? (onPath('clamdscan') ?? onPath('clamscan')) : configured;
  if (!bin) {
    o.result = 'skip';
    o.scope = '本机未安装 ClamAV（clamscan），未执行病毒扫描';
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'jiyao-scan-'));
  try {
    const names = new Map<string, string>();
    entries.forEach((e, i) => {
      if (!e.data) return;
      const local = join(dir, `f${i}`);
      mkdirSync(dirname(local), { recursive: true });
      writeFileSync(local, e.data, { mode: 0o600 });
      names.set(local, e.name);
    });
    const run = spawnSync(bin, ['--no-summary', '--infected', '-r', dir], { encoding: 'utf8', timeout: 10 * 60_000 });
    o.scope = `${names.size} 个文件（${bin}）`;
    if (run.status === 0) return;
    if (run.status === 1) {
      for (const line of (run.stdout ?? '').split('\n')) {
        const m = /^(.*): (.+) FOUND$/.exec(line.trim());
        if (m) fail(o, names.get(m[1] ?? '') ?? m[1] ?? null, `发现病毒：${m[2]}`);
      }
      if (o.problems.length === 0) fail(o, null, '病毒扫描报告发现病毒');
      return;
    }
    fail(
      o,
      null,
      `病毒扫描未能完成（${bin} 退出码 ${run.status ?? '超时'}）：${(run.stderr ?? '').trim().slice(0, 200)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The report as lines for a terminal: the verdict, each property and check, every problem by file. */
export function reportLines(r: CheckReport): string[] {
  const lines: string[] = [];
  const s = r.summary;
  lines.push(`四性检测（DA/T 70）：${r.ok ? '通过' : '未通过'}`);
  if (s)
    lines.push(
      `信息包：${s.unitName} ${s.divisionName} ${s.year} 年度，${s.items} 件，${s.files} 个文件，摘要算法 ${s.hashAlg}，${s.archivedBy} 归档于 ${s.archivedAt}`,
    );
  lines.push(`信息包 SHA-256：${r.packageSha256}（${r.packageSize} 字节）`);
  if (r.manifestDigest) lines.push(`清单摘要：${r.manifestDigest}`);
  for (const p of r.properties) {
    lines.push(`${p.label}：${CHECK_RESULT_LABELS[p.result]}`);
    for (const ch of p.checks) {
      lines.push(`  [${CHECK_RESULT_LABELS[ch.result]}] ${ch.name}${ch.scope ? `（${ch.scope}）` : ''}`);
      for (const pr of ch.problems) lines.push(`      ${pr.file ? `${pr.file}：` : ''}${pr.message}`);
    }
  }
  return lines;
}
