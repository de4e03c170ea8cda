import { describe, expect, it } from 'vitest';
import {
  appraisalDueDay,
  archiveCodePatternProblem,
  canExtendTo,
  formatArchiveCode,
  parseArchiveCode,
  periodForYears,
  retentionFor,
} from './archive.js';
import { DEFAULT_REGIME, regimeSettingsSchema } from './settings.js';

describe('R5.7 R1.3: archive rules', () => {
  it('R5.7: the 档号 pattern: fields in braces, 年度 and 件号 required, a folder-safe rest', () => {
    expect(archiveCodePatternProblem('{全宗号}-{年度}-{保管期限}-{处室代码}-{件号}')).toBeNull();
    expect(archiveCodePatternProblem('WS·{年度}·{件号}')).toBeNull();
    expect(archiveCodePatternProblem('{全宗号}-{件号}')).toBe('档号规则须包含 {年度} 和 {件号}');
    expect(archiveCodePatternProblem('{年度}-{件号}-{部门}')).toContain('“{部门}”不是可用的字段');
    expect(archiveCodePatternProblem('{年度}-{件号}-{件号}')).toBe('档号规则中同一字段只能出现一次');
    expect(archiveCodePatternProblem('{年度}/{件号}')).toBe('档号规则中字段以外只能使用字母、数字和 - . _ ·');
    expect(archiveCodePatternProblem('{年度}-{件号}}')).toBe('档号规则的花括号不成对');
    expect(archiveCodePatternProblem('{年度}')).toBe('档号规则须为 5–80 个字符');
    // The settings schema holds the same rule: a unit cannot save a bad pattern.
    const bad = regimeSettingsSchema.safeParse({ ...DEFAULT_REGIME, archiveCodePattern: '{年度}-x' });
    expect(bad.success).toBe(false);
    expect(JSON.stringify(bad.error?.issues)).toContain('档号规则须包含 {年度} 和 {件号}');
    expect(regimeSettingsSchema.safeParse({ ...DEFAULT_REGIME, archiveFondsCode: '全宗' }).success).toBe(false);
  });

  it('R5.7: a 档号 is formatted and read back by its pattern', () => {
    const pattern = DEFAULT_REGIME.archiveCodePattern;
    const code = formatArchiveCode(pattern, { fonds: 'J012', year: 2026, period: '30y', divisionCode: '03', seq: 7 });
    expect(code).toBe('J012-2026-D30-03-0007');
    expect(parseArchiveCode(pattern, code)).toEqual({
      全宗号: 'J012',
      年度: '2026',
      保管期限: 'D30',
      处室代码: '03',
      件号: '0007',
    });
    expect(parseArchiveCode(pattern, 'J012-26-D30-03-0007')).toBeNull();
    expect(parseArchiveCode(pattern, 'J012-2026-D20-03-0007')).toBeNull();
  });

  it('R1.3 R5.7: minutes are kept for the longest period of their topics’ categories; unlisted categories take the default', () => {
    expect(retentionFor(DEFAULT_REGIME, ['面向企业的座谈会、研讨会、展览会和培训'])).toBe('10y');
    expect(retentionFor(DEFAULT_REGIME, ['面向企业的座谈会、研讨会、展览会和培训', '商务发展重要课题研究'])).toBe(
      '30y',
    );
    expect(retentionFor(DEFAULT_REGIME, ['商务发展重要课题研究', '专项资金的使用和分配'])).toBe('permanent');
    expect(retentionFor(DEFAULT_REGIME, ['某个新分类'])).toBe('30y');
    expect(retentionFor({ ...DEFAULT_REGIME, archiveRetentionDefault: '10y' }, ['某个新分类'])).toBe('10y');
  });

  it('R1.3 R5.7: appraisal falls due on 1 January after the period, counted from the year after; never for permanent', () => {
    expect(appraisalDueDay(2026, '10y')).toBe('2037-01-01');
    expect(appraisalDueDay(2026, '30y')).toBe('2057-01-01');
    expect(appraisalDueDay(2026, 'permanent')).toBeNull();
    expect(canExtendTo('10y', '30y')).toBe(true);
    expect(canExtendTo('30y', 'permanent')).toBe(true);
    expect(canExtendTo('30y', '10y')).toBe(false);
    expect(canExtendTo('30y', '30y')).toBe(false);
  });

  it('R1.3: the old “years” setting maps to the shortest period that keeps minutes at least that long (0 = unset)', () => {
    expect([0, 1, 10, 11, 30, 31, 100].map(periodForYears)).toEqual([
      null,
      '10y',
      '10y',
      '30y',
      '30y',
      'permanent',
      'permanent',
    ]);
  });
});
