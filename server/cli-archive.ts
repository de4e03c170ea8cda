import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

type Out = (line: string) => void;

/**
 * `jiyao archive verify <package.zip> [--report 报告.pdf] [--sha256 <hex>]`: the 四性检测 of an
 * archive package (R5.7) offline — the ZIP alone, no database, no configuration. Prints the report,
 * writes it as PDF when asked, and exits 0 only when every check passes (and the package's SHA-256
 * is the one given, when given: the ledger's value on the 归档 page).
 */
export async function archiveCommand(args: string[], out: Out, err: Out): Promise<number> {
  const [sub, ...rest] = args;
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: { report: { type: 'string' }, sha256: { type: 'string' } },
      allowPositionals: true,
    });
  } catch (e) {
    err(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
    return 2;
  }
  const file = parsed.positionals[0];
  const expected = parsed.values.sha256?.toLowerCase();
  if (sub !== 'verify' || !file || parsed.positionals.length > 1 || (expected && !/^[0-9a-f]{64}$/.test(expected))) {
    err(USAGE);
    return 2;
  }
  let zip: Buffer;
  try {
    zip = readFileSync(file);
  } catch (e) {
    err(`无法读取 ${file}：${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
  const { verifyPackage, reportLines } = await import('./documents/archive/verify-package.js');
  const report = await verifyPackage(zip);
  for (const line of reportLines(report)) out(line);
  let ok = report.ok;
  if (expected) {
    const same = expected === report.packageSha256;
    out(same ? '信息包 SHA-256 与归档记录一致。' : `信息包 SHA-256 与归档记录不一致：应为 ${expected}`);
    ok &&= same;
  }
  if (parsed.values.report) {
    const { renderCheckReportPdf } = await import('./documents/archive/report-pdf.js');
    writeFileSync(parsed.values.report, await renderCheckReportPdf(report));
    out(`检测报告已写入 ${parsed.values.report}`);
  }
  out(ok ? '结论：通过' : '结论：未通过');
  return ok ? 0 : 1;
}

const USAGE =
  '用法：jiyao archive verify <归档信息包.zip> [--report 检测报告.pdf] [--sha256 <归档记录中的信息包 SHA-256>]';
