import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readZip, safeEntryName, writeZip } from './zip.js';

const AT = new Date('2027-01-05T02:00:00Z');
const hasZipTools = existsSync('/usr/bin/zip') && existsSync('/usr/bin/unzip');
const dir = mkdtempSync(join(tmpdir(), 'jiyao-zip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Incompressible, deterministic bytes: a SHA-256 chain from the seed. */
const random = (n: number, seed = 1) => {
  const parts: Buffer[] = [];
  let h = Buffer.from(String(seed));
  for (let got = 0; got < n; got += 32) parts.push((h = createHash('sha256').update(h).digest()));
  return Buffer.concat(parts).subarray(0, n);
};

describe('R5.7: the archive package’s ZIP writer and reader (node:zlib, no dependency)', () => {
  const entries = [
    { name: 'manifest.xml', data: Buffer.from('<?xml version="1.0"?><a>清单</a>'.repeat(50)) },
    { name: '0001-2026-Y-03-0001/materials/1-参展方案.pdf', data: random(20_000) },
    { name: 'empty.txt', data: Buffer.alloc(0) },
  ];

  it('R5.7: what it writes it reads back byte for byte: deflated where smaller, stored where not, CRC and sizes checked', () => {
    const zip = writeZip(entries, AT);
    const read = readZip(zip);
    expect(read.problems).toEqual([]);
    expect(
      read.entries.map((e) => [
        e.name,
        e.problem,
        e.data?.equals(entries.find((x) => x.name === e.name)?.data ?? Buffer.alloc(1)),
      ]),
    ).toEqual([
      ['manifest.xml', null, true],
      ['0001-2026-Y-03-0001/materials/1-参展方案.pdf', null, true],
      ['empty.txt', null, true],
    ]);
    expect(read.entries.map((e) => e.method)).toEqual([8, 0, 0]);
    // The same input, the same bytes.
    expect(writeZip(entries, AT).equals(zip)).toBe(true);
  });

  it.runIf(hasZipTools)(
    'R5.7: `unzip -t` accepts the archive, lists the Chinese names in UTF-8 and the entry times in China Standard Time',
    () => {
      const file = join(dir, 'ours.zip');
      writeFileSync(file, writeZip(entries, AT));
      const test = execFileSync('unzip', ['-t', file], { encoding: 'utf8' });
      expect(test).toContain('No errors detected in compressed data');
      const list = execFileSync('unzip', ['-l', file], { encoding: 'utf8' });
      expect(list).toContain('0001-2026-Y-03-0001/materials/1-参展方案.pdf');
      expect(list).toContain('2027-01-05 10:00');
      const out = join(dir, 'out');
      execFileSync('unzip', ['-q', file, '-d', out]);
      expect(
        readFileSync(join(out, '0001-2026-Y-03-0001/materials/1-参展方案.pdf')).equals(
          entries[1]?.data ?? Buffer.alloc(0),
        ),
      ).toBe(true);
    },
  );

  it.runIf(hasZipTools)(
    'R5.7: reads a ZIP made by the system `zip` (deflated, stored, folders, a Chinese name)',
    () => {
      const src = join(dir, 'src');
      mkdirSync(join(src, '子目录'), { recursive: true });
      writeFileSync(join(src, '子目录', '说明.txt'), '会议纪要归档\n'.repeat(100));
      writeFileSync(join(src, 'noise.bin'), random(3000, 7));
      const file = join(dir, 'system.zip');
      execFileSync('zip', ['-q', '-r', file, '.'], { cwd: src });
      const read = readZip(readFileSync(file));
      expect(read.problems).toEqual([]);
      const byName = new Map(read.entries.map((e) => [e.name, e]));
      expect(byName.get('子目录/')?.isDirectory).toBe(true);
      expect(byName.get('子目录/说明.txt')?.data?.toString('utf8')).toBe('会议纪要归档\n'.repeat(100));
      expect(byName.get('noise.bin')?.data?.equals(random(3000, 7))).toBe(true);
      expect(read.entries.every((e) => e.problem === null)).toBe(true);
    },
  );

  it.runIf(hasZipTools)('R5.7: an entry encrypted by `zip -P` is reported as encrypted, not read', () => {
    const src = join(dir, 'enc');
    mkdirSync(src, { recursive: true });
    writeFileSync(join(src, 'secret.txt'), 'x');
    const file = join(dir, 'enc.zip');
    execFileSync('zip', ['-q', '-P', 'pw', file, 'secret.txt'], { cwd: src });
    const [e] = readZip(readFileSync(file)).entries;
    expect(e).toMatchObject({ name: 'secret.txt', encrypted: true, data: null, problem: '文件已加密' });
  });

  it('R5.7: a changed byte inside an entry’s data fails its CRC and names nothing else; a cut file has no directory', () => {
    const zip = writeZip(
      [
        { name: 'a.txt', data: Buffer.from('a'.repeat(10)) },
        { name: 'b.bin', data: random(100) },
      ],
      AT,
    );
    const broken = Buffer.from(zip);
    const at = zip.indexOf(Buffer.from('b.bin')) + 'b.bin'.length + 10; // inside b.bin's stored bytes
    broken[at] = (broken[at] ?? 0) ^ 0xff;
    const read = readZip(broken);
    expect(read.entries.map((e) => [e.name, e.problem])).toEqual([
      ['a.txt', null],
      ['b.bin', 'CRC-32 校验失败（数据已损坏或被改动）'],
    ]);
    expect(readZip(zip.subarray(0, zip.length - 30)).problems[0]).toContain('找不到中央目录结束记录');
    expect(readZip(Buffer.from('not a zip')).problems).toHaveLength(1);
  });

  it('R5.7: a zip bomb stops at the entry limit', () => {
    const zip = writeZip([{ name: 'zeros', data: Buffer.alloc(5_000_000) }], AT);
    expect(zip.length).toBeLessThan(10_000);
    expect(readZip(zip, { maxEntryBytes: 1_000_000 }).entries[0]?.problem).toContain('超过上限');
  });

  it('R5.7: the writer refuses names that would leave the folder or clash', () => {
    for (const bad of ['', '/etc/passwd', '../x', 'a/../../x', 'a\\b', 'a//b', 'nul\u0000'])
      expect(safeEntryName(bad), bad).toBe(false);
    expect(safeEntryName('0001-2026-Y-03-0001/materials/1-方案.pdf')).toBe(true);
    expect(() => writeZip([{ name: '../x', data: Buffer.alloc(1) }], AT)).toThrow(/bad entry name/);
    expect(() =>
      writeZip(
        [
          { name: 'a', data: Buffer.alloc(1) },
          { name: 'a', data: Buffer.alloc(1) },
        ],
        AT,
      ),
    ).toThrow(/duplicate/);
  });
});
