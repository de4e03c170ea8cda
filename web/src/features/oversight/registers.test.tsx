import { describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { Root } from '../../App';
import type { RegisterDto, RegisterLineDto } from '../../../../core/contracts/registers';
import { meFixture, mockFetch } from '../../test/fixtures';
import { phoneOrDesktop } from '../../test/media';

const register: RegisterDto = {
  id: 'g1',
  kind: 'funds',
  kindLabel: '资金',
  filename: '资金登记簿.csv',
  skippedLines: 0,
  lineCount: 2,
  importedAt: '2026-11-02T02:00:00.000Z',
  importedByName: '高敏',
  counts: { proposed: 1, confirmed: 0, finding: 1, dismissed: 0 },
};
const proposed: RegisterLineDto = {
  id: 'l1',
  registerId: 'g1',
  lineNo: 2,
  kind: 'funds',
  divisionId: 'd1',
  divisionName: '对外贸易处',
  day: '2026-04-02',
  amountYuan: '1150000.00',
  subject: '外贸企业参展补助资金拨付',
  state: 'proposed',
  stateLabel: '待复核',
  match: { topicId: 't1', title: '参展补助资金分配方案', meetingId: 'm1', meetingDay: '2026-03-10', score: 40 },
  candidates: [{ topicId: 't1', title: '参展补助资金分配方案', meetingId: 'm1', meetingDay: '2026-03-10', score: 40 }],
  reviewedByName: null,
  reviewedAt: null,
  reviewReason: null,
  version: 1,
  abilities: { confirm: true, dismiss: true, reopen: false },
};
const finding: RegisterLineDto = {
  ...proposed,
  id: 'l2',
  lineNo: 3,
  subject: '外资企业奖励资金兑现',
  state: 'finding',
  stateLabel: '未经处务会研究',
  match: null,
  candidates: [],
  abilities: { confirm: false, dismiss: false, reopen: false },
};

function renderAt(path: string, manage: boolean, extra: Record<string, { status: number; body?: unknown }> = {}) {
  const asked: Array<{ url: string; method: string; body: unknown }> = [];
  const canned = mockFetch({
    'GET /api/me': {
      status: 200,
      body: meFixture(
        {
          user: { id: 'u5', username: 'jiancha', displayName: '高敏', mustChangePassword: false },
          memberships: [
            {
              divisionId: 'sup',
              divisionName: '监察室',
              divisionKind: 'supervision_office',
              position: 'staff',
              isRecorder: false,
            },
          ],
        },
        manage
          ? ['regime.read', 'oversight.read', 'compliance.read', 'register.manage']
          : ['regime.read', 'oversight.read', 'compliance.read'],
      ),
    },
    'GET /api/divisions': { status: 200, body: [] },
    'GET /api/registers': { status: 200, body: { items: [register], nextCursor: null, canManage: manage } },
    'GET /api/registers/g1/lines': {
      status: 200,
      body: {
        register,
        nextCursor: null,
        items: manage
          ? [proposed, finding]
          : [{ ...proposed, abilities: { confirm: false, dismiss: false, reopen: false } }, finding],
      },
    },
    'POST /api/registers/lines/l1/dismiss': { status: 200, body: { ...proposed, state: 'dismissed' } },
    ...extra,
  });
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    asked.push({
      url: String(input),
      method: init?.method ?? 'GET',
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : init?.body,
    });
    return canned(input, init);
  });
  render(
    <MemoryRouter initialEntries={[path]}>
      <Root />
    </MemoryRouter>,
  );
  return asked;
}

describe('R6.4 R4.1: the 登记簿核对 page', () => {
  it('R6.4 R4.1: lines with state tags and the candidate topic; 确认 / 驳回 from the abilities; 驳回 asks a reason', async () => {
    vi.stubGlobal('matchMedia', phoneOrDesktop(false));
    const asked = renderAt('/oversight/registers', true);
    const row = (await screen.findByText('外贸企业参展补助资金拨付')).closest('tr') as HTMLElement;
    expect(within(row).getByText('待复核')).toBeInstanceOf(HTMLElement);
    expect(within(row).getByRole('link', { name: '参展补助资金分配方案' }).getAttribute('href')).toBe('/topics/t1');
    const other = screen.getByText('外资企业奖励资金兑现').closest('tr') as HTMLElement;
    expect(within(other).getByText('未经处务会研究')).toBeInstanceOf(HTMLElement);
    expect(within(row).getByRole('button', { name: /^确\s?认$/ })).toBeInstanceOf(HTMLElement);
    expect(within(other).queryByRole('button', { name: /^确\s?认$/ })).toBeNull();
    expect(screen.getByRole('button', { name: '导入登记簿' })).toBeInstanceOf(HTMLElement);
    fireEvent.click(within(row).getByRole('button', { name: /^驳\s?回$/ }));
    const dialog = await screen.findByRole('dialog');
    const ok = within(dialog).getByRole('button', { name: /^驳\s?回$/ });
    expect(ok.hasAttribute('disabled')).toBe(true);
    fireEvent.change(within(dialog).getByRole('textbox'), { target: { value: '金额与纪要不符' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /^驳\s?回$/ }));
    await waitFor(() => expect(asked.some((a) => a.url === '/api/registers/lines/l1/dismiss')).toBe(true));
    expect(asked.find((a) => a.url === '/api/registers/lines/l1/dismiss')?.body).toEqual({
      version: 1,
      reason: '金额与纪要不符',
    });
  });

  it('R6.4 R4.1: an import refused with 422 lists every bad line', async () => {
    vi.stubGlobal('matchMedia', phoneOrDesktop(false));
    renderAt('/oversight/registers', true, {
      'POST /api/registers/import/funds': {
        status: 422,
        body: {
          error: {
            code: 'REGISTER_IMPORT_INVALID',
            message: '登记簿有 3 处错误，未导入任何内容',
            details: {
              total: 3,
              errors: [
                { line: 3, column: '处室', reason: '本单位没有名为“不存在处”的处室' },
                { line: 4, column: '日期', reason: '日期“2026-02-30”无效，应为 YYYY-MM-DD 格式的实际日期' },
                { line: 5, column: '事项', reason: '事项为空' },
              ],
            },
          },
        },
      },
    });
    await screen.findByText('外贸企业参展补助资金拨付');
    const input = document.querySelector('input[type=file]') as HTMLInputElement;
    fireEvent.change(input, { target: { files: [new File(['x'], '错误.csv', { type: 'text/csv' })] } });
    expect(await screen.findByText('登记簿有 3 处错误，未导入任何内容')).toBeInstanceOf(HTMLElement);
    expect(screen.getByText(/第 3 行「处室」：本单位没有名为“不存在处”的处室/)).toBeInstanceOf(HTMLElement);
    expect(screen.getByText(/第 4 行「日期」/)).toBeInstanceOf(HTMLElement);
    expect(screen.getByText(/第 5 行「事项」：事项为空/)).toBeInstanceOf(HTMLElement);
  });

  it('R6.4 R4.1: a reviewed line offers 重新复核 with a reason; an import naming lines already imported lists them', async () => {
    vi.stubGlobal('matchMedia', phoneOrDesktop(false));
    const dismissed: RegisterLineDto = {
      ...proposed,
      state: 'dismissed',
      stateLabel: '已驳回（未经处务会研究）',
      match: null,
      reviewReason: '金额与纪要不符',
      version: 2,
      abilities: { confirm: false, dismiss: false, reopen: true },
    };
    const asked = renderAt('/oversight/registers', true, {
      'GET /api/registers/g1/lines': { status: 200, body: { register, nextCursor: null, items: [dismissed, finding] } },
      'POST /api/registers/lines/l1/reopen': { status: 200, body: proposed },
      'POST /api/registers/import/funds': {
        status: 201,
        body: {
          ...register,
          id: 'g1',
          lineCount: 1,
          skippedLines: 2,
          skipped: [
            { line: 2, earlier: '一季度资金登记簿.csv 第 2 行' },
            { line: 3, earlier: '一季度资金登记簿.csv 第 3 行' },
          ],
        },
      },
    });
    const row = (await screen.findByText('外贸企业参展补助资金拨付')).closest('tr') as HTMLElement;
    expect(within(row).queryByRole('button', { name: /^驳\s?回$/ })).toBeNull();
    const other = screen.getByText('外资企业奖励资金兑现').closest('tr') as HTMLElement;
    expect(within(other).queryByRole('button', { name: '重新复核' })).toBeNull();
    fireEvent.click(within(row).getByRole('button', { name: '重新复核' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByRole('button', { name: '重新复核' }).hasAttribute('disabled')).toBe(true);
    fireEvent.change(within(dialog).getByRole('textbox'), { target: { value: '已补录研究该事项的处务会' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '重新复核' }));
    await waitFor(() => expect(asked.some((a) => a.url === '/api/registers/lines/l1/reopen')).toBe(true));
    expect(asked.find((a) => a.url === '/api/registers/lines/l1/reopen')?.body).toEqual({
      version: 2,
      reason: '已补录研究该事项的处务会',
    });

    const input = document.querySelector('input[type=file]') as HTMLInputElement;
    fireEvent.change(input, { target: { files: [new File(['x'], '上半年资金登记簿.csv', { type: 'text/csv' })] } });
    expect(
      await screen.findByText('资金登记簿.csv 中有 2 条事项此前已导入（处室、日期、金额、事项均相同），未重复导入'),
    ).toBeInstanceOf(HTMLElement);
    expect(screen.getByText(/第 3 行：同 一季度资金登记簿.csv 第 3 行/)).toBeInstanceOf(HTMLElement);
  });

  it('R6.4 R4.1: a reader without register.manage sees no upload and no buttons; the phone shows cards', async () => {
    vi.stubGlobal('matchMedia', phoneOrDesktop(true));
    renderAt('/oversight/registers', false);
    expect(await screen.findByText('外贸企业参展补助资金拨付')).toBeInstanceOf(HTMLElement);
    expect(document.querySelector('table')).toBeNull();
    expect(screen.queryByRole('button', { name: '导入登记簿' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^确\s?认$/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /^驳\s?回$/ })).toBeNull();
    vi.stubGlobal('matchMedia', phoneOrDesktop(false));
  });

  it('R6.4 R4.1: the 监督检查 page offers 登记簿核对 only with register.manage', async () => {
    vi.stubGlobal('matchMedia', phoneOrDesktop(false));
    const matrix = {
      'GET /api/oversight/compliance': {
        status: 200,
        body: {
          from: '2025-11',
          to: '2026-10',
          months: [],
          asOf: '2026-11-02T02:00:00.000Z',
          scope: 'bureau',
          regimeStartMonth: '2025-11',
          checks: [],
          rows: [],
          scoring: {
            formula: '得分',
            notes: [],
            weights: {},
            total: {
              score: null,
              passedWeight: 0,
              applicableWeight: 0,
              passed: 0,
              failed: 0,
              notApplicable: 0,
              months: 0,
            },
          },
          trend: [],
        },
      },
    };
    renderAt('/oversight?month=2026-10', true, matrix);
    fireEvent.click(await screen.findByRole('button', { name: '登记簿核对' }));
    expect(await screen.findByText('外贸企业参展补助资金拨付')).toBeInstanceOf(HTMLElement);
    cleanup();
    renderAt('/oversight?month=2026-10', false, matrix);
    expect(await screen.findByText('没有需要检查的处室')).toBeInstanceOf(HTMLElement);
    expect(screen.queryByRole('button', { name: '登记簿核对' })).toBeNull();
  });
});
