import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { Root } from '../../App';
import type { TrackingDetailDto, TrackingItemDto } from '../../../../core/contracts/tracking';
import { meFixture, mockFetch } from '../../test/fixtures';
import { ledgerQueryFrom, ledgerSearch } from './ledger-query';

const NONE: TrackingItemDto['abilities'] = {
  assign: false,
  report: false,
  requestCompletion: false,
  confirm: false,
  return: false,
  verify: false,
  requestExtension: false,
  decideExtension: false,
  terminate: false,
};

function itemOf(patch: Partial<TrackingItemDto> = {}): TrackingItemDto {
  return {
    id: 'i1',
    version: 3,
    status: 'in_progress',
    light: 'red',
    stalled: false,
    overdueWorkingDays: 2,
    provisional: false,
    sourceMinutesId: 'n1',
    sourceNumber: '〔2026〕1号',
    sourceMeetingId: 'm1',
    sourceDivisionId: 'd1',
    sourceDivisionName: '对外贸易处',
    topicId: 't1',
    topicTitle: '参展补助资金分配',
    decisionText: '制定参展补助细则',
    wording: '会议议定：制定参展补助细则（责任人：刘洋；完成时限：2026年11月27日）。',
    divisionId: 'd1',
    divisionName: '对外贸易处',
    responsibleUserId: 'u2',
    responsibleDivisionId: null,
    responsibleName: '刘洋',
    coResponsible: [{ id: 'u3', name: '陈静' }],
    note: '',
    needsCompletion: false,
    originalDeadline: '2026-11-27',
    deadline: '2026-11-27',
    extensions: 0,
    matterFlags: ['funds'],
    sampled: false,
    terminationReference: null,
    lastActivityDay: '2026-11-20',
    createdAt: '2026-11-10T08:00:00.000Z',
    closedAt: null,
    abilities: NONE,
    ...patch,
  };
}

function detailOf(patch: Partial<TrackingDetailDto> = {}): TrackingDetailDto {
  return { ...itemOf(), timeline: [], extensionRequests: [], ...patch };
}

type Routes = Parameters<typeof mockFetch>[0];

/** The shell at `path` as the head of 对外贸易处; every URL asked is remembered. */
function renderAt(path: string, routes: Routes, pages?: (url: string) => unknown) {
  const asked: Array<{ method: string; url: string; body?: unknown }> = [];
  const canned = mockFetch({ 'GET /api/me': { status: 200, body: meFixture() }, ...routes });
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    asked.push({
      method: init?.method ?? 'GET',
      url,
      ...(typeof init?.body === 'string' ? { body: JSON.parse(init.body) as unknown } : {}),
    });
    if (pages && url.startsWith('/api/tracking/items?'))
      return new Response(JSON.stringify(pages(url)), { status: 200, headers: { 'content-type': 'application/json' } });
    return canned(input, init);
  });
  render(
    <MemoryRouter initialEntries={[path]}>
      <Root />
    </MemoryRouter>,
  );
  return asked;
}

const page = (items: TrackingItemDto[], nextCursor: string | null = null) => ({
  items,
  nextCursor,
  scope: 'division',
  scopes: ['mine', 'division'],
});
const listCalls = (asked: Array<{ url: string }>) =>
  asked.filter((a) => a.url.startsWith('/api/tracking/items?')).map((a) => new URL(a.url, 'http://x').searchParams);

describe('R6.2: the ledger page (督办台账)', () => {
  it('filters travel in the address: a pasted link keeps what is valid and drops the rest', () => {
    const q = ledgerQueryFrom(
      new URLSearchParams('light=red&status=bogus&overdueDays=3&deadlineFrom=2026-11-01&deadlineTo=tomorrow&x=1'),
    );
    expect(q).toEqual({ light: 'red', overdueDays: 3, deadlineFrom: '2026-11-01' });
    expect(ledgerSearch({ ...q, scope: 'division', needsCompletion: 'true' })).toBe(
      '?scope=division&light=red&deadlineFrom=2026-11-01&overdueDays=3&needsCompletion=true',
    );
    expect(ledgerQueryFrom(new URLSearchParams('overdueDays=0'))).toEqual({});
  });

  it('renders the rows with the light in words, and sends the filters of the address and of each change', async () => {
    const asked = renderAt('/tracking?light=red&status=in_progress', {}, (url) =>
      url.includes('cursor=c1')
        ? page([itemOf({ id: 'i3', decisionText: '汇总展会成效', light: 'yellow', overdueWorkingDays: 0 })])
        : page(
            [
              itemOf(),
              itemOf({
                id: 'i2',
                decisionText: '梳理出口退税堵点',
                responsibleName: '',
                needsCompletion: true,
                light: null,
                deadline: null,
                originalDeadline: null,
                stalled: true,
                overdueWorkingDays: 0,
                coResponsible: [],
              }),
            ],
            'c1',
          ),
    );
    expect(await screen.findByText('制定参展补助细则')).toBeInstanceOf(HTMLElement);
    const first = listCalls(asked)[0];
    expect(first?.get('light')).toBe('red');
    expect(first?.get('status')).toBe('in_progress');
    expect(first?.get('scope')).toBeNull();
    // The light is a coloured tag that says what it means; 停滞 and 待补全 too.
    const table = screen.getByRole('table');
    expect(within(table).getByText('红灯（逾期）').closest('.ant-tag')).not.toBeNull();
    expect(within(table).getByText('停滞').closest('.ant-tag')).not.toBeNull();
    expect(within(table).getByText('待补全').closest('.ant-tag')).not.toBeNull();
    expect(screen.getByText('2 个工作日')).toBeInstanceOf(HTMLElement);
    expect(screen.getByText('协办：陈静')).toBeInstanceOf(HTMLElement);
    // The export downloads the same filters.
    expect(screen.getByRole('link', { name: /导出 Excel/ }).getAttribute('href')).toBe(
      '/api/tracking/items.xlsx?status=in_progress&light=red',
    );
    // The scope tabs come from the server's scopes; choosing one asks for it.
    fireEvent.click(screen.getByRole('tab', { name: '我的督办' }));
    await waitFor(() => expect(listCalls(asked).some((p) => p.get('scope') === 'mine')).toBe(true));
    const mine = listCalls(asked).find((p) => p.get('scope') === 'mine');
    expect(mine?.get('light')).toBe('red');
    // 待补全 joins the query.
    fireEvent.click(await screen.findByRole('checkbox', { name: '待补全' }));
    await waitFor(() => expect(listCalls(asked).some((p) => p.get('needsCompletion') === 'true')).toBe(true));
    // The next page after the server's cursor, with the same filters.
    fireEvent.click(await screen.findByRole('button', { name: /加载更多/ }));
    expect(await screen.findByText('汇总展会成效')).toBeInstanceOf(HTMLElement);
    const more = listCalls(asked).find((p) => p.get('cursor') === 'c1');
    expect(more?.get('needsCompletion')).toBe('true');
    expect(more?.get('scope')).toBe('mine');
  });

  it('the 督办 menu entry is there; 监督检查 is not, for a head without oversight.read (R6.4)', async () => {
    renderAt('/tracking', {}, () => page([]));
    expect(await screen.findByText('暂无督办事项')).toBeInstanceOf(HTMLElement);
    expect(screen.getAllByText('督办').length).toBeGreaterThan(0);
    expect(screen.queryByText('监督检查')).toBeNull();
  });
});

describe('R6.2: the item page', () => {
  const show = (d: TrackingDetailDto, more: Routes = {}) =>
    renderAt('/tracking/i1', { 'GET /api/tracking/items/i1': { status: 200, body: d }, ...more });
  const actions = async () => {
    const box = await screen.findByTestId('item-actions');
    return within(box)
      .queryAllByRole('button')
      .map((b) => b.textContent?.replace(/\s/g, ''));
  };

  it('shows only the buttons its abilities allow: the responsible person reports and asks for more time', async () => {
    show(detailOf({ abilities: { ...NONE, report: true, requestCompletion: true, requestExtension: true } }));
    expect(await actions()).toEqual(['报告进展', '申请办结', '申请延期']);
  });

  it('the head: confirm, return and terminate; with a pending extension, approve or reject it', async () => {
    show(
      detailOf({
        status: 'completion_requested',
        abilities: { ...NONE, confirm: true, return: true, decideExtension: true, terminate: true },
        extensionRequests: [
          {
            id: 'x1',
            requestedBy: '刘洋',
            reason: '等待企业数据',
            fromDeadline: '2026-11-27',
            newDeadline: '2026-12-04',
            status: 'pending',
            decidedBy: null,
            decidedAt: null,
            note: '',
            createdAt: '2026-11-20T02:00:00.000Z',
          },
        ],
      }),
    );
    expect(await actions()).toEqual(['确认办结', '退回', '同意延期', '不同意延期', '终止']);
    expect(screen.getByText(/刘洋 申请将完成时限由 2026-11-27 延至 2026-12-04/)).toBeInstanceOf(HTMLElement);
  });

  it('no ability, no button: a reader sees the item and its timeline only', async () => {
    show(
      detailOf({
        timeline: [
          {
            id: 'e1',
            kind: 'report',
            actorId: 'u2',
            actorName: '刘洋',
            text: '已收集十家企业数据',
            data: {},
            attachments: [{ id: 'a1', filename: '办理情况.pdf', size: 2048, fileType: 'pdf' }],
            receipts: [],
            at: '2026-11-20T02:00:00.000Z',
          },
        ],
      }),
    );
    expect(await actions()).toEqual([]);
    expect(screen.getByText('已收集十家企业数据')).toBeInstanceOf(HTMLElement);
    expect(screen.getByRole('link', { name: '办理情况.pdf' }).getAttribute('href')).toBe(
      '/api/tracking/items/i1/attachments/a1',
    );
    // Its source minutes and topic are links.
    expect(screen.getByRole('link', { name: '〔2026〕1号' }).getAttribute('href')).toBe('/minutes/n1');
    expect(screen.getByRole('link', { name: '参展补助资金分配' }).getAttribute('href')).toBe('/topics/t1');
  });

  it('an extended item shows the original deadline and the current one', async () => {
    show(
      detailOf({
        originalDeadline: '2026-11-20',
        deadline: '2026-11-27',
        extensions: 1,
        lastActivityDay: '2026-11-25',
      }),
    );
    expect(await screen.findByText('原定时限')).toBeInstanceOf(HTMLElement);
    expect(screen.getByText('2026-11-20')).toBeInstanceOf(HTMLElement);
    expect(screen.getByText('现时限')).toBeInstanceOf(HTMLElement);
    expect(screen.getByText('2026-11-27')).toBeInstanceOf(HTMLElement);
    expect(screen.getByText('（已延期 1 次）')).toBeInstanceOf(HTMLElement);
    expect(screen.queryByText('完成时限')).toBeNull();
  });

  it('one deadline when never extended', async () => {
    show(detailOf());
    expect(await screen.findByText('完成时限')).toBeInstanceOf(HTMLElement);
    expect(screen.queryByText('原定时限')).toBeNull();
  });

  it('sends the version it shows; a 409 reloads the item and says so', async () => {
    const asked = show(detailOf({ status: 'completion_requested', abilities: { ...NONE, confirm: true } }), {
      'POST /api/tracking/items/i1/confirm': {
        status: 409,
        body: { error: { code: 'CONFLICT', message: '数据已被他人修改，请刷新后重试' } },
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: '确认办结' }));
    fireEvent.click(await screen.findByRole('button', { name: /^确\s*认$/ }));
    expect(await screen.findByText('数据已被他人修改，已重新加载最新内容。')).toBeInstanceOf(HTMLElement);
    const post = asked.find((a) => a.method === 'POST');
    expect(post).toEqual({ method: 'POST', url: '/api/tracking/items/i1/confirm', body: { version: 3 } });
    expect(asked.filter((a) => a.method === 'GET' && a.url === '/api/tracking/items/i1')).toHaveLength(2);
  });
});

describe('R6.2: the print view', () => {
  it('heads the table 督办事项台账 with the filters and the time, and holds the rows of every page', async () => {
    const asked = renderAt('/tracking/print?light=red', { 'GET /api/divisions': { status: 200, body: [] } }, (url) =>
      url.includes('cursor=p2')
        ? page([itemOf({ id: 'i3', decisionText: '汇总展会成效', overdueWorkingDays: 3 })])
        : page([itemOf(), itemOf({ id: 'i2', decisionText: '梳理出口退税堵点', extensions: 1 })], 'p2'),
    );
    expect(await screen.findByRole('heading', { name: '督办事项台账' })).toBeInstanceOf(HTMLElement);
    expect(screen.getByText('筛选条件：范围：本处室台账；灯号：红灯（逾期）')).toBeInstanceOf(HTMLElement);
    expect(screen.getByText(/^打印时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)).toBeInstanceOf(HTMLElement);
    expect(screen.getByText('共 3 项')).toBeInstanceOf(HTMLElement);
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell')[3]?.textContent)).toEqual([
      '制定参展补助细则',
      '梳理出口退税堵点',
      '汇总展会成效',
    ]);
    expect(within(rows[0]!).getByText('红灯（逾期）')).toBeInstanceOf(HTMLElement);
    // Every page asked with the filters, the largest page size.
    const calls = listCalls(asked);
    expect(calls).toHaveLength(2);
    expect(calls.every((p) => p.get('light') === 'red' && p.get('limit') === '100')).toBe(true);
    expect(screen.getByRole('button', { name: /打\s*印/ })).toBeInstanceOf(HTMLElement);
  });
});

describe('R6.2: 督办考评', () => {
  it('shows each division’s rates, overdue days and score with the formula the settings make', async () => {
    const asked = renderAt('/tracking/scores', {
      'GET /api/tracking/scores': {
        status: 200,
        body: {
          from: '2026-01-01',
          to: '2026-12-31',
          asOf: '2026-11-20',
          formula: '得分 = 按期办结率×60 + 办结率×40 − 逾期工作日×0.5 − 延期次数×2',
          notes: ['事项按现行完成时限（经批准延期的，为延期后的时限）计入统计期间。'],
          rows: [
            {
              divisionId: 'd1',
              divisionName: '对外贸易处',
              due: 4,
              completed: 3,
              completedOnTime: 2,
              onTimeRate: 0.5,
              completionRate: 0.75,
              overdueWorkingDays: 6,
              extensions: 1,
              terminated: 1,
              score: 55,
            },
          ],
        },
      },
    });
    await screen.findByText('对外贸易处');
    expect(screen.getByText(/得分 = 按期办结率×60/)).toBeInstanceOf(HTMLElement);
    expect(screen.getByText('50.0%')).toBeInstanceOf(HTMLElement);
    expect(screen.getByText('75.0%')).toBeInstanceOf(HTMLElement);
    expect(screen.getByText('55.00')).toBeInstanceOf(HTMLElement);
    const q = new URL(asked.find((a) => a.url.startsWith('/api/tracking/scores'))?.url ?? '', 'http://x').searchParams;
    expect(q.get('from')).toMatch(/^\d{4}-01-01$/);
    expect(q.get('to')).toMatch(/^\d{4}-12-31$/);
  });
});
