import { describe, expect, it } from 'vitest';
import { DEFAULT_REGIME, formatMinutesNumber, impliedBy, type CategoryImplication } from './settings.js';

describe('impliedBy: what a content category implies under the unit’s settings', () => {
  it.each<[string, CategoryImplication]>([
    ['专项资金的使用和分配', { category: '专项资金的使用和分配', matterFlags: ['funds'], important: true }],
    ['重大处罚事项', { category: '重大处罚事项', matterFlags: ['major_penalty'], important: true }],
    ['汇报工作情况及阶段性工作总结', { category: '汇报工作情况及阶段性工作总结', matterFlags: [], important: false }],
    [
      'a category the unit does not have',
      { category: 'a category the unit does not have', matterFlags: [], important: false },
    ],
    ['专项资金', { category: '专项资金', matterFlags: [], important: false }],
    [' 重大处罚事项', { category: ' 重大处罚事项', matterFlags: [], important: false }],
  ])('the default regime: %j', (category, implied) => {
    expect(impliedBy(DEFAULT_REGIME, category)).toEqual(implied);
  });

  const X = '须经处务会研究决定的事项';
  it.each<[string, CategoryImplication[], CategoryImplication]>([
    ['no implications at all', [], { category: X, matterFlags: [], important: false }],
    [
      'flags without importance',
      [{ category: X, matterFlags: ['project'], important: false }],
      { category: X, matterFlags: ['project'], important: false },
    ],
    [
      'importance without flags',
      [{ category: X, matterFlags: [], important: true }],
      { category: X, matterFlags: [], important: true },
    ],
    [
      'two lines for one category: flags merged once each, important if either says so',
      [
        { category: X, matterFlags: ['funds', 'project'], important: false },
        { category: '重大处罚事项', matterFlags: ['major_penalty'], important: true },
        { category: X, matterFlags: ['project', 'licensing'], important: true },
      ],
      { category: X, matterFlags: ['funds', 'project', 'licensing'], important: true },
    ],
    [
      'another category’s line does not apply',
      [{ category: '重大处罚事项', matterFlags: ['major_penalty'], important: true }],
      { category: X, matterFlags: [], important: false },
    ],
  ])('%s', (_name, categoryImplications, implied) => {
    expect(impliedBy({ categoryImplications }, X)).toEqual(implied);
  });
});

describe('formatMinutesNumber: the unit’s numbering pattern', () => {
  it.each<[string, number, number, string]>([
    ['〔{year}〕{n}号', 2026, 1, '〔2026〕1号'],
    ['〔{year}〕{n}号', 2027, 123, '〔2027〕123号'],
    ['第{n}期', 2026, 12, '第12期'],
    ['外贸纪〔{year}〕{n}号', 2026, 3, '外贸纪〔2026〕3号'], // with the unit's 机关代字
    ['{year}年第{n}号', 2026, 7, '2026年第7号'],
    ['{n}/{year}/{n}', 2026, 5, '5/2026/5'],
    ['外贸处纪要', 2026, 3, '外贸处纪要'],
    ['〔{year}〕{seq}号', 2026, 3, '〔2026〕{seq}号'],
    ['{YEAR}-{N}', 2026, 3, '{YEAR}-{N}'],
  ])('%s, %i, %i → %s', (pattern, year, n, number) => {
    expect(formatMinutesNumber(pattern, year, n)).toBe(number);
  });
});
