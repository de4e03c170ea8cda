import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The regime is data (REGULATION.md, "What software adds"): nothing in code
 * says "3 working days" or "1 meeting a month". The defaults live in
 * core/settings.ts and nowhere else; every other place reads the unit's settings.
 */
const ROOTS = ['core', 'server', 'web/src', 'scripts', 'bin'];
const ALLOWED = new Set(['core/settings.ts']);
const PATTERNS: Array<[RegExp, string]> = [
  [/\d+\s*个工作日/u, 'a working-day count in text'],
  [/(addWorkingDays|distributionDeadline)\([^,()]+,\s*\d+\s*\)/u, 'a working-day count passed as a literal'],
  [
    /(distributionWorkingDays|meetingsPerMonth)\s*(===?|!==?|<=?|>=?|\?\?)\s*\d/u,
    'a regime setting compared with a literal',
  ],
  [/每月(至少)?\s*\d+\s*次/u, 'a meetings-per-month count in text'],
];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'holiday-data' ? [] : sources(path);
    return /\.(ts|tsx|mjs)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('no hard-coded regime number', () => {
  it('R5.8 R3.5: the working days and meetings per month come from the unit’s settings, never from a literal', () => {
    const root = process.cwd();
    const found: string[] = [];
    for (const file of ROOTS.flatMap((r) => sources(join(root, r)))) {
      const rel = relative(root, file);
      if (ALLOWED.has(rel)) continue;
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          for (const [re, what] of PATTERNS) if (re.test(line)) found.push(`${rel}:${i + 1} ${what}: ${line.trim()}`);
        });
    }
    expect(found).toEqual([]);
  });
});

describe('one module for Asia/Shanghai time', () => {
  it('no UTC+8 arithmetic outside core/shanghai-time.ts', () => {
    const root = process.cwd();
    const found: string[] = [];
    for (const file of ['core', 'server', 'scripts'].flatMap((r) => sources(join(root, r)))) {
      const rel = relative(root, file);
      if (rel === 'core/shanghai-time.ts') continue;
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (/\b8\s*\*\s*(3600|60\s*\*\s*60)/.test(line)) found.push(`${rel}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(found).toEqual([]);
  });
});
