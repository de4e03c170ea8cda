import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { App } from 'antd';
import dayjs from 'dayjs';
import { I18nProvider } from '../../i18n';
import type { CaseDetailDto, CaseNoticeDto, EvidenceCheckDto } from '../../../../core/contracts/accountability';
import { mockFetch } from '../../test/fixtures';
import CasePage from './CasePage';
import MyCasePage from './MyCasePage';
import { openCaseBodyOf } from './OpenCaseDialog';

const NONE = {
  preliminary: false,
  file: false,
  dismiss: false,
  investigate: false,
  statement: false,
  evidence: false,
  propose: false,
  decide: false,
  archive: false,
  verify: true,
};
const HASH = 'ab'.repeat(32);

const aCase = (patch: Partial<CaseDetailDto> = {}): CaseDetailDto => ({
  id: 'c1',
  version: 2,
  kind: 'item',
  title: '督办事项逾期未办结：参展补助',
  status: 'registered',
  divisionId: 'd1',
  divisionName: '对外贸易处',
  subjects: [{ id: 'u9', name: '刘洋' }],
  openedBy: '高敏',
  openedAt: '2026-11-25T02:00:00.000Z',
  bundleHash: HASH,
  updatedAt: '2026-11-25T02:00:00.000Z',
  description: '',
  source: { itemId: 'i1', meetingId: null, month: null },
  notice: null,
  dismissReason: null,
  proposal: null,
  decision: null,
  timeline: [{ id: 'e1', seq: 1, kind: 'open', actorName: '高敏', text: '', data: {}, at: '2026-11-25T02:00:00.000Z' }],
  evidence: [
    {
      id: 'v1',
      seq: 1,
      kind: 'bundle',
      sha256: HASH,
      prevHash: null,
      actorName: '高敏',
      at: '2026-11-25T02:00:00.000Z',
      payload: { source: { decision: { text: '制定参展补助细则' } } },
      attachments: [],
    },
  ],
  measures: ['批评教育', '通报批评'],
  abilities: { ...NONE, preliminary: true, evidence: true },
  ...patch,
});

function show(path: string, routes: Parameters<typeof mockFetch>[0]) {
  const fetch = vi.fn(mockFetch({ 'GET /api/people': { status: 200, body: [] }, ...routes }));
  vi.stubGlobal('fetch', fetch);
  render(
    <I18nProvider>
      <MemoryRouter initialEntries={[path]}>
        <App>
          <Routes>
            <Route path="/cases/:id" element={<CasePage />} />
            <Route path="/cases/mine/:id" element={<MyCasePage />} />
          </Routes>
        </App>
      </MemoryRouter>
    </I18nProvider>,
  );
  return fetch;
}

const stepButtons = async () =>
  within(await screen.findByTestId('case-steps'))
    .queryAllByRole('button')
    .map((b) => b.textContent?.replace(/\s/g, ''));

describe('R6.3: the case page offers exactly the steps the server allows', () => {
  it('a registered case for the office: 开始初核 and 补充证据, nothing else', async () => {
    show('/cases/c1', { 'GET /api/cases/c1': { status: 200, body: aCase() } });
    expect(await screen.findByText('督办事项逾期未办结：参展补助')).toBeTruthy();
    expect(await stepButtons()).toEqual(['开始初核', '补充证据']);
    expect(screen.getByTestId('case-status').textContent).toBe('线索登记');
  });

  it('a case in 初核: 立案 and 不予立案; a leader who may only decide sees only 记录处理决定', async () => {
    show('/cases/c1', {
      'GET /api/cases/c1': {
        status: 200,
        body: aCase({ status: 'preliminary', abilities: { ...NONE, file: true, dismiss: true } }),
      },
    });
    expect(await stepButtons()).toEqual(['立案', '不予立案']);
  });

  it('no abilities, no step buttons (a principal leader reading a case under investigation)', async () => {
    show('/cases/c1', {
      'GET /api/cases/c1': { status: 200, body: aCase({ status: 'investigating', abilities: NONE }) },
    });
    expect(await screen.findByText('督办事项逾期未办结：参展补助')).toBeTruthy();
    expect(await stepButtons()).toEqual([]);
  });

  it('开始初核 sends the version it read and shows the new state', async () => {
    const fetch = show('/cases/c1', {
      'GET /api/cases/c1': { status: 200, body: aCase() },
      'POST /api/cases/c1/preliminary': {
        status: 200,
        body: aCase({ status: 'preliminary', version: 3, abilities: { ...NONE, file: true, dismiss: true } }),
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: '开始初核' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: '开始初核' }));
    await waitFor(() => expect(screen.getByTestId('case-status').textContent).toBe('初核'));
    const call = fetch.mock.calls.find(([url, init]) => url === '/api/cases/c1/preliminary' && init?.method === 'POST');
    expect(JSON.parse(String(call?.[1]?.body))).toEqual({ version: 2, note: '' });
  });

  it('校验 recomputes the evidence on the server and says when it no longer matches', async () => {
    const check: EvidenceCheckDto = {
      result: 'mismatch',
      bundleHash: HASH,
      recomputedBundleHash: 'cd'.repeat(32),
      rows: [
        {
          seq: 1,
          kind: 'bundle',
          sha256: HASH,
          recomputed: 'cd'.repeat(32),
          wellFormed: true,
          chained: true,
          ok: false,
        },
      ],
      checkedAt: '2026-11-26T02:00:00.000Z',
    };
    show('/cases/c1', {
      'GET /api/cases/c1': { status: 200, body: aCase() },
      'GET /api/cases/c1/evidence/verify': { status: 200, body: check },
    });
    fireEvent.click(await screen.findByRole('button', { name: /校验/ }));
    expect((await screen.findByTestId('verify-result')).textContent).toContain('校验未通过');
    expect(screen.getByText('不一致')).toBeTruthy();
  });
});

describe('R6.3: the person concerned reads the notice and submits a statement', () => {
  const notice = (patch: Partial<CaseNoticeDto> = {}): CaseNoticeDto => ({
    id: 'c1',
    version: 5,
    status: 'investigating',
    notice: { text: '你负责的事项已逾期，请提交书面说明。', at: '2026-11-25T02:00:00.000Z' },
    statements: [],
    decision: null,
    abilities: { statement: true },
    ...patch,
  });

  it('shows the notice, no evidence or hash, and posts the statement with the version it read', async () => {
    const fetch = show('/cases/mine/c1', {
      'GET /api/cases/mine/c1': { status: 200, body: notice() },
      'POST /api/cases/c1/statements': {
        status: 200,
        body: notice({
          version: 6,
          statements: [{ seq: 2, text: '因调研未完成。', at: '2026-11-25T03:00:00.000Z', attachments: [] }],
        }),
      },
    });
    expect(await screen.findByText('你负责的事项已逾期，请提交书面说明。')).toBeTruthy();
    expect(screen.queryByText(/SHA-256/)).toBeNull();
    fireEvent.change(screen.getByLabelText('提交说明或申辩'), { target: { value: '因调研未完成。' } });
    fireEvent.click(screen.getByRole('button', { name: '提交说明或申辩' }));
    expect(await screen.findByText('因调研未完成。')).toBeTruthy();
    const call = fetch.mock.calls.find(([url]) => url === '/api/cases/c1/statements');
    expect(JSON.parse(String(call?.[1]?.body))).toEqual({ version: 5, text: '因调研未完成。', attachmentIds: [] });
  });

  it('after the decision: the decision, and no statement form', async () => {
    show('/cases/mine/c1', {
      'GET /api/cases/mine/c1': {
        status: 200,
        body: notice({
          status: 'decided',
          abilities: { statement: false },
          decision: {
            measure: '通报批评',
            decidedBy: '局党组会议',
            decidedOn: '2026-11-28',
            meetingReference: '局党组会议2026年第20次',
            text: '予以通报批评。',
            recordedAt: '2026-11-28T02:00:00.000Z',
          },
        }),
      },
    });
    expect(await screen.findByText('通报批评')).toBeTruthy();
    expect(screen.getByText('局党组会议2026年第20次')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '提交说明或申辩' })).toBeNull();
  });
});

describe('R6.3: the registration dialog sends the source, never the evidence', () => {
  it('builds the body per source; no persons picked means the server’s default', () => {
    expect(openCaseBodyOf({ kind: 'item', itemId: 'i1', subjectIds: [] })).toEqual({
      kind: 'item',
      itemId: 'i1',
      description: '',
    });
    expect(
      openCaseBodyOf({ kind: 'monthly_meeting', divisionId: 'd1', month: dayjs('2026-10-15'), title: '  ' }),
    ).toEqual({ kind: 'monthly_meeting', divisionId: 'd1', month: '2026-10', description: '' });
    expect(
      openCaseBodyOf({ kind: 'lead', title: ' 线索 ', description: '来信', subjectIds: ['u1'], divisionId: 'd2' }),
    ).toEqual({ kind: 'lead', title: '线索', description: '来信', subjectIds: ['u1'], divisionId: 'd2' });
  });
});
