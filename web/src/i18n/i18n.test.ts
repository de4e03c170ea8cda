import { describe, expect, it } from 'vitest';
import { zhCN } from './zh-CN';
import { en } from './en';

describe('dictionaries', () => {
  it('have the same keys and no empty text', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
    for (const v of [...Object.values(zhCN), ...Object.values(en)]) expect(v.trim()).not.toBe('');
  });
  it('the Chinese one is Simplified Chinese', () => {
    // a few Traditional characters that must never appear in the UI
    const traditional = /[會議務處記錄總當與們這發]/;
    for (const [k, v] of Object.entries(zhCN)) expect(v, k).not.toMatch(traditional);
  });
});
