import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { App } from 'antd';
import { I18nProvider } from '../../i18n';
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
  issueComment: null,
  instructions: [],
  integrity,
  abilities: { edit: false, submit: false, returnToDraft: false, issue: false, correct: false },
});

/** Where the 督办事项 button leads: the ledger filtered by these minutes. */
function TrackingProbe() {
  const { search } = useLocation();
  return <div data-testid="tracking">{search}</div>;
}

const show = (dto: MinutesDto, more: Parameters<typeof mockFetch>[0] = {}) => {
  const fetch = vi.fn(mockFetch({ 'GET /api/minutes/n1': { status: 200, body: dto }, ...more }));
  vi.stubGlobal('fetch', fetch);
  render(
    <I18nProvider>
      <MemoryRouter initialEntries={['/minutes/n1']}>
        <App>
          <Routes>
            <Route path="/minutes/:id" element={<MinutesPage />} />
            <Route path="/tracking" element={<TrackingProbe />} />
          </Routes>
        </App>
      </MemoryRouter>
    </I18nProvider>,
  );
  return fetch;
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

describe("issue 15: one name per step, the issuer's comment and the leaders' 批示", () => {
  const inReview = (): MinutesDto => ({
    ...minutes(null),
    status: 'in_review',
    number: null,
    contentHash: null,
    hashAlg: null,
    issuedAt: null,
    issuedByName: null,
    abilities: { edit: false, submit: false, returnToDraft: true, issue: true, correct: false },
  });

  it('a minutes in review is 待签发, and signing sends the optional comment', async () => {
    const fetch = show(inReview(), { 'POST /api/minutes/n1/issue': { status: 200, body: minutes(null) } });
    expect((await screen.findByText('待签发')).textContent).toBe('待签发');
    fireEvent.click(screen.getByRole('button', { name: /^签\s?发$/ }));
    fireEvent.change(await screen.findByLabelText('意见（可不填）'), { target: { value: '同意印发。' } });
    fireEvent.click(screen.getByRole('button', { name: '确认签发' }));
    await waitFor(() => expect(fetch.mock.calls.some(([url]) => String(url).endsWith('/issue'))).toBe(true));
    const call = fetch.mock.calls.find(([url]) => String(url).endsWith('/issue'));
    expect(JSON.parse(String(call?.[1]?.body))).toEqual({ version: 3, comment: '同意印发。' });
  });

  it('signing without a comment sends the version only (older servers accept it)', async () => {
    const fetch = show(inReview(), { 'POST /api/minutes/n1/issue': { status: 200, body: minutes(null) } });
    fireEvent.click(await screen.findByRole('button', { name: /^签\s?发$/ }));
    fireEvent.click(await screen.findByRole('button', { name: '确认签发' }));
    await waitFor(() => expect(fetch.mock.calls.some(([url]) => String(url).endsWith('/issue'))).toBe(true));
    const call = fetch.mock.calls.find(([url]) => String(url).endsWith('/issue'));
    expect(JSON.parse(String(call?.[1]?.body))).toEqual({ version: 3 });
  });

  it("the division sees the leaders' 批示 and the issuer's comment on the minutes page", async () => {
    show({
      ...minutes(null),
      issueComment: '同意印发。',
      instructions: [{ name: '王建国', comment: '请抓紧落实。', at: '2026-03-04T01:00:00.000Z' }],
    });
    const box = await screen.findByTestId('instructions');
    expect(box.textContent).toContain('领导批示');
    expect(box.textContent).toContain('王建国（2026-03-04 09:00）：请抓紧落实。');
    expect(screen.getByText('同意印发。').textContent).toBe('签发意见：同意印发。');
  });
});

describe('R6.2: issued minutes lead to the decisions they put under 督办', () => {
  it('督办事项 opens the ledger filtered by these minutes', async () => {
    show(minutes(null));
    fireEvent.click(await screen.findByRole('button', { name: '督办事项' }));
    expect((await screen.findByTestId('tracking')).textContent).toBe('?sourceMinutesId=n1');
  });

  it('no 督办事项 before the minutes are issued', async () => {
    show({ ...minutes(null), status: 'draft', number: null });
    expect(await screen.findByText('对外贸易处处务会会议纪要')).toBeInstanceOf(HTMLElement);
    expect(screen.queryByRole('button', { name: '督办事项' })).toBeNull();
  });
});
