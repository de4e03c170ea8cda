import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cli.js';
import { buildPackage } from './documents/archive/package.js';
import { samplePackageSpec, tamper } from './test/archive-fixtures.js';

/**
 * `jiyao archive verify` offline (R5.7): the ZIP alone. The environment points at no database and a
 * data folder that does not exist, so any attempt to read configuration or data would show.
 */
describe('jiyao archive verify (offline 四性检测)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jiyao-cli-archive-'));
  const saved = { ...process.env };
  let file: string;
  let zip: Buffer;
  const run = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(
      argv,
      (l) => out.push(l),
      (l) => err.push(l),
    );
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
  beforeAll(async () => {
    process.env.DATABASE_URL = 'postgres://nobody@127.0.0.1:1/none';
    process.env.DATA_DIR = join(dir, 'does-not-exist');
    zip = buildPackage(await samplePackageSpec()).zip;
    file = join(dir, '对外贸易处-2026.zip');
    writeFileSync(file, zip);
  });
  afterAll(() => {
    process.env = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it('R5.7: a sound package: exit 0, the four properties passed, the report written as PDF, the ledger’s SHA-256 agrees', async () => {
    const report = join(dir, '检测报告.pdf');
    const sha = (await import('node:crypto')).createHash('sha256').update(zip).digest('hex');
    const r = await run('archive', 'verify', file, '--report', report, '--sha256', sha);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('四性检测（DA/T 70）：通过');
    for (const p of ['真实性：通过', '完整性：通过', '可用性：通过', '安全性：通过']) expect(r.out).toContain(p);
    expect(r.out).toContain('信息包 SHA-256 与归档记录一致。');
    expect(r.out.split('\n').at(-1)).toBe('结论：通过');
    expect(readFileSync(report).subarray(0, 5).toString()).toBe('%PDF-');
    expect(existsSync(join(dir, 'does-not-exist'))).toBe(false);
  });

  it('R5.7: one byte flipped in one file, CRC rewritten: exit 1 and the output names that file', async () => {
    const path = '0001-2026-Y-03-0002/minutes-r1.pdf';
    const bad = join(dir, 'tampered.zip');
    writeFileSync(bad, tamper(zip, path));
    const r = await run('archive', 'verify', bad);
    expect(r.code).toBe(1);
    expect(r.out).toContain('真实性：未通过');
    expect(r.out).toMatch(new RegExp(`${path.replace(/[()]/g, '\\$&')}：摘要值不符`));
    expect(r.out.split('\n').at(-1)).toBe('结论：未通过');
  });

  it.runIf(existsSync('/usr/bin/zip') && existsSync('/usr/bin/unzip'))(
    'R5.7: tampered by hand with the system unzip and zip: still named',
    async () => {
      const work = join(dir, 'by-hand');
      execFileSync('unzip', ['-q', file, '-d', work]);
      const path = '0001-2026-Y-03-0001/facts.xml';
      const xml = readFileSync(join(work, path), 'utf8');
      writeFileSync(join(work, path), xml.replace('出席', '缺席'));
      const rezipped = join(dir, 'rezipped.zip');
      execFileSync('zip', ['-q', '-r', '-X', rezipped, '.'], { cwd: work });
      const r = await run('archive', 'verify', rezipped);
      expect(r.code).toBe(1);
      expect(r.out).toContain(`${path}：摘要值不符`);
      // The folders `zip -r` adds are no files of the package and not named.
      expect(r.out).not.toContain('包内文件未列入清单');
    },
  );

  it('R5.7: a package SHA-256 other than the ledger’s fails; bad arguments print the usage (exit 2); a missing file exits 1', async () => {
    const r = await run('archive', 'verify', file, '--sha256', 'a'.repeat(64));
    expect(r.code).toBe(1);
    expect(r.out).toContain('信息包 SHA-256 与归档记录不一致');
    expect((await run('archive', 'verify')).code).toBe(2);
    expect((await run('archive', 'frobnicate', file)).code).toBe(2);
    expect((await run('archive', 'verify', file, '--sha256', 'xyz')).code).toBe(2);
    const missing = await run('archive', 'verify', join(dir, 'nope.zip'));
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('无法读取');
  });
});
