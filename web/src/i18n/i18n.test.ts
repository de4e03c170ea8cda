import { describe, expect, it } from 'vitest';
import { zhCN } from './zh-CN';
import { en } from './en';
import { MINUTES_STEP_LABELS } from '../../../core/minutes';
import { TOPIC_STATUS_LABELS } from '../../../core/topics';

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
  it('names each step once: the pages’ status labels are the ones the server’s notices and errors use', () => {
    const zh = zhCN as Record<string, string>;
    for (const [step, label] of Object.entries(MINUTES_STEP_LABELS))
      expect(zh[`status.minutes.${step}`], step).toBe(label);
    for (const [status, label] of Object.entries(TOPIC_STATUS_LABELS))
      expect(zh[`status.topic.${status}`], status).toBe(label);
  });
});
