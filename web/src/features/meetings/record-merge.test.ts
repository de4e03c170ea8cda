import { describe, expect, it } from 'vitest';
import { mergeEntries } from './record-merge';
import type { RecordEntryDto } from '../../../../core/contracts/record';

const server: RecordEntryDto = {
  topicId: 't',
  topicTitle: '议题',
  matterFlags: [],
  status: 'recorded',
  discussion: '甲的记录',
  opinions: [{ speakerId: 'a', speakerName: '甲', stance: 'for', text: '同意' }],
  decisions: [{ text: '通过', outcome: 'adopted', responsible: '', deadline: null }],
  version: 2,
  updatedAt: null,
  updatedBy: null,
};

describe('merging two people’s record of a topic', () => {
  it('R5.4: keeps both people’s words, a dissent included', () => {
    const merged = mergeEntries(server, {
      status: 'recorded',
      discussion: '乙的记录',
      opinions: [
        { speakerId: 'a', speakerName: '甲', stance: 'for', text: '同意' },
        { speakerId: 'b', speakerName: '乙', stance: 'against', text: '不同意，理由如下' },
      ],
      decisions: [{ text: '通过', outcome: 'adopted', responsible: '', deadline: null }],
    });
    expect(merged.discussion).toBe('甲的记录\n乙的记录');
    expect(merged.opinions.map((o) => o.text)).toEqual(['同意', '不同意，理由如下']);
    expect(merged.decisions).toHaveLength(1);
  });
});
