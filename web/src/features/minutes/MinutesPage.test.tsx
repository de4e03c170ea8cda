import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { App } from 'antd';
import type { MinutesDto } from '../../../../core/contracts/minutes';
import { mockFetch } from '../../test/fixtures';
import MinutesPage from './MinutesPage';

const minutes = (integrity: MinutesDto['integrity']): MinutesDto => ({
  id: 'n1',
  meetingId: 'm1',
  meetingTitle: '例会',
  divisionId: 'd1',
  divisionName: '对外贸易处',
  status: 'issued',
  content: {
    title: '对外贸易处处务会会议纪要',
    opening: '2026年3月2日，处务会召开。',
    sections: [
      {
        topicId: 't1',
        heading: '一、参展补助资金分配',
        marks: '【涉及资金事项】',
        narrative: '会议听取了汇报。',
        blocks: [{ kind: 'dissent', speakerId: 'u2', speakerName: '黄磊', text: '黄磊同志对此持不同意见：“不同意。”' }],
        recordVersion: 2,
      },
    ],
    closing: '',
    present: ['李明'],
    leave: [],
    observers: [],
    recorder: '张华',
    distribution: '报：局领导',
  },
  version: 3,
  number: '〔2026〕1号',
  revision: 0,
  supersedesId: null,
  supersededById: null,
  contentHash: 'a'.repeat(64),
  hashAlg: 'sha256',
  issuedAt: '2026-03-03T02:00:00.000Z',
  issuedByName: '李明',
  integrity,
  abilities: { edit: false, submit: false, returnToDraft: false, issue: false, correct: false },
});

const show = (dto: MinutesDto) => {
  vi.stubGlobal('fetch', vi.fn(mockFetch({ 'GET /api/minutes/n1': { status: 200, body: dto } })));
  render(
    <MemoryRouter initialEntries={['/minutes/n1']}>
      <App>
        <Routes>
          <Route path="/minutes/:id" element={<MinutesPage />} />
        </Routes>
      </App>
    </MemoryRouter>,
  );
};

describe('R5.7: the minutes page shows whether the stored text still matches its seal', () => {
  it('verified: 完整性校验通过', async () => {
    show(minutes({ verified: true, checkedAt: '2026-03-04T00:00:00.000Z' }));
    expect((await screen.findByText('完整性校验通过')).textContent).toBe('完整性校验通过');
    expect(screen.queryByText('内容与封存哈希不一致')).toBeNull();
  });

  it('tampered: 内容与封存哈希不一致, with a warning not to rely on the text', async () => {
    show(minutes({ verified: false, checkedAt: '2026-03-04T00:00:00.000Z' }));
    expect((await screen.findByText('内容与封存哈希不一致')).textContent).toBe('内容与封存哈希不一致');
    expect(screen.getByText(/请勿以此文本为准/).textContent).toContain('可能在系统之外被改动');
    expect(screen.queryByText('完整性校验通过')).toBeNull();
  });
});

describe('R5.4: the drafter edits the narrative; the blocks from the record stay locked', () => {
  it('修改文字 opens the narrative only; the dissent is shown, never in an input', async () => {
    const draft = {
      ...minutes(null),
      status: 'draft' as const,
      number: null,
      contentHash: null,
      hashAlg: null,
      issuedAt: null,
      issuedByName: null,
      abilities: { edit: true, submit: true, returnToDraft: false, issue: false, correct: false },
    };
    show(draft);
    (await screen.findByText('修改文字')).click();
    const box = (await screen.findByLabelText('一、参展补助资金分配 讨论情况')) as HTMLTextAreaElement;
    expect(box.value).toBe('会议听取了汇报。');
    const dissent = screen.getByText('黄磊同志对此持不同意见：“不同意。”');
    expect(dissent.tagName).toBe('P');
    expect(dissent.getAttribute('data-kind')).toBe('dissent');
    expect(screen.getAllByRole('textbox')).toHaveLength(1);
  });
});
