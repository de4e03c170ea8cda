import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { Root } from '../../App';
import type { ComplianceCellDetailDto, ComplianceMatrixDto } from '../../../../core/contracts/oversight';
import { CHECK_DEFINITIONS, COMPLIANCE_CHECKS, type CellResult } from '../../../../core/compliance';
import { meFixture, mockFetch } from '../../test/fixtures';
import { phoneOrDesktop } from '../../test/media';

const checks = COMPLIANCE_CHECKS.map((id) => ({ id, ...CHECK_DEFINITIONS[id] }));
const LABEL: Record<CellResult, string> = { pass: '达标', fail: '未达标', na: '不适用' };
const cells = (results: CellResult[]) =>
  results.map((result, i) => ({
    check: COMPLIANCE_CHECKS[i] ?? 'meetings',
    result,
    resultLabel: LABEL[result],
    counts: { ok: result === 'pass' ? 1 : 0, problem: result === 'fail' ? 1 : 0, pending: 0, skipped: 0 },
    note: null,
  }));

/** A score as the server computes it (core complianceScore): passed of applicable weights. */
const score = (passed: number, applicable: number) => ({
  score: applicable > 0 ? Math.round((1000 * passed) / applicable) / 10 : null,
  passedWeight: passed,
  applicableWeight: applicable,
  passed,
  failed: applicable - passed,
  notApplicable: 8 - applicable,
  months: 1,
});

const matrix: ComplianceMatrixDto = {
  from: '2025-11',
  to: '2026-10',
  months: [{ month: '2026-10', soFar: false }],
  asOf: '2026-11-02T02:00:00.000Z',
  scope: 'bureau',
  regimeStartMonth: '2025-11',
  checks,
  rows: [
    {
      divisionId: 'd1',
      divisionName: '对外贸易处',
      months: [
        { month: '2026-10', soFar: false, cells: cells(['pass', 'pass', 'fail', 'pass', 'pass', 'pass', 'na']) },
      ],
      score: score(5, 6),
      trend: [
        { month: '2026-08', soFar: false, passed: 1, applicable: 2, share: 0.5 },
        { month: '2026-09', soFar: false, passed: 0, applicable: 0, share: null },
        { month: '2026-10', soFar: false, passed: 5, applicable: 6, share: 0.833 },
      ],
    },
    {
      divisionId: 'd2',
      divisionName: '外商投资管理处',
      months: [{ month: '2026-10', soFar: false, cells: cells(['fail', 'pass', 'na', 'na', 'na', 'na', 'na']) }],
      score: score(0, 0),
      trend: [],
    },
  ],
  scoring: {
    formula: '得分 = 100 × Σ（检查项权重 × 达标月数）÷ Σ（检查项权重 × 适用月数）',
    notes: ['权重：每月召开处务会（R3.5）1。', '尚未结束的月份（截至目前）只在趋势图中显示，不计入得分。'],
    weights: Object.fromEntries(COMPLIANCE_CHECKS.map((c) => [c, 1])) as Record<
      (typeof COMPLIANCE_CHECKS)[number],
      number
    >,
    total: score(5, 6),
  },
  trend: [
    { month: '2026-08', soFar: false, passed: 3, applicable: 4, share: 0.75 },
    { month: '2026-09', soFar: false, passed: 0, applicable: 0, share: null },
    { month: '2026-10', soFar: false, passed: 6, applicable: 8, share: 0.75 },
  ],
};

const detail: ComplianceCellDetailDto = {
  check: 'distribution',
  result: 'fail',
  resultLabel: '未达标',
  counts: { ok: 0, problem: 1, pending: 0, skipped: 0 },
  note: null,
  divisionId: 'd1',
  divisionName: '对外贸易处',
  month: '2026-10',
  soFar: false,
  asOf: '2026-11-02T02:00:00.000Z',
  definition: { id: 'distribution', ...CHECK_DEFINITIONS.distribution },
  evidence: [
    {
      kind: 'meeting',
      id: 'm1',
      label: '十月例会（2026-10-12）',
      link: '/minutes/n1',
      state: 'problem',
      detail: '逾期分送（时限 2026-10-15）',
    },
  ],
};

function renderAt(path: string, allowed = true, as: 'jiancha' | 'head' = 'jiancha') {
  const asked: string[] = [];
  const head = {
    ...matrix,
    scope: 'divisions' as const,
    rows: matrix.rows.filter((r) => r.divisionId === 'd1'),
  };
  const canned = mockFetch({
    'GET /api/me': {
      status: 200,
      body: meFixture(
        as === 'head'
          ? {}
          : {
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
        as === 'head'
          ? ['regime.read', 'compliance.read']
          : allowed
            ? ['regime.read', 'filing.receive', 'oversight.read', 'compliance.read']
            : ['regime.read'],
      ),
    },
    'GET /api/oversight/compliance': { status: 200, body: as === 'head' ? head : matrix },
    'GET /api/oversight/compliance/cell': { status: 200, body: detail },
  });
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    asked.push(String(input));
    return canned(input, init);
  });
  render(
    <MemoryRouter initialEntries={[path]}>
      <Root />
    </MemoryRouter>,
  );
  return asked;
}

describe('R6.4: the 监督检查 page', () => {
  it('R6.4: a matrix of divisions × checks with results in words; a cell opens its evidence with links', async () => {
    vi.stubGlobal('matchMedia', phoneOrDesktop(false));
    const asked = renderAt('/oversight?month=2026-10');
    expect(await screen.findByText('外商投资管理处')).toBeInstanceOf(HTMLElement);
    // The period: the twelve months up to the month inspected, whose cells the grid shows.
    expect(asked.some((u) => u.startsWith('/api/oversight/compliance?') && u.includes('from=2025-11&to=2026-10'))).toBe(
      true,
    );
    // Column heads name the check and its clause.
    expect(screen.getAllByText('纪要按期分送备案').length).toBeGreaterThan(0);
    expect(screen.getAllByText('R5.8–R5.10').length).toBeGreaterThan(0);
    const row = screen.getByText('对外贸易处').closest('tr') as HTMLElement;
    const words = within(row)
      .getAllByRole('button')
      .map((b) => b.getAttribute('aria-label'));
    expect(words).toEqual(['达标', '达标', '未达标', '达标', '达标', '达标', '不适用']);
    // 得分 over the period, or 不计分 when nothing weighted was applicable.
    expect(within(row).getByText('83.3')).toBeInstanceOf(HTMLElement);
    const other = screen.getByText('外商投资管理处').closest('tr') as HTMLElement;
    expect(within(other).getByText('不计分')).toBeInstanceOf(HTMLElement);
    expect(screen.getByTestId('oversight-total').textContent).toBe(
      '2025-11 至 2026-10 合计得分：83.3（点击查看计算公式）',
    );
    fireEvent.click(screen.getByTestId('oversight-total'));
    expect((await screen.findByTestId('oversight-formula')).textContent).toContain(
      '得分 = 100 × Σ（检查项权重 × 达标月数）÷ Σ（检查项权重 × 适用月数）',
    );
    expect(screen.getAllByText('监督检查').length).toBeGreaterThan(0); // the menu entry
    fireEvent.click(within(row).getAllByRole('button')[2] as HTMLElement);
    const link = await screen.findByRole('link', { name: '十月例会（2026-10-12）' });
    expect(link.getAttribute('href')).toBe('/minutes/n1');
    expect(screen.getByText('逾期分送（时限 2026-10-15）')).toBeInstanceOf(HTMLElement);
    const cellCall = asked.find((u) => u.startsWith('/api/oversight/compliance/cell?')) ?? '';
    const q = new URL(cellCall, 'http://x').searchParams;
    expect([q.get('divisionId'), q.get('month'), q.get('check')]).toEqual(['d1', '2026-10', 'distribution']);
  });

  it('R6.4 趋势: a bureau-wide line and one per division, drawn as inline SVG with the points in words', async () => {
    vi.stubGlobal('matchMedia', phoneOrDesktop(false));
    renderAt('/oversight?month=2026-10');
    const bureau = await screen.findByRole('img', { name: /^全局达标率趋势：/ });
    expect(bureau.getAttribute('aria-label')).toBe(
      '全局达标率趋势：2026-08 75%（3/4），2026-09 无适用检查项，2026-10 75%（6/8）',
    );
    // The month without anything applicable breaks the line: two runs, two points.
    expect(bureau.querySelectorAll('polyline')).toHaveLength(2);
    expect(bureau.querySelectorAll('circle')).toHaveLength(2);
    const row = screen.getByText('对外贸易处').closest('tr') as HTMLElement;
    const line = within(row).getByRole('img');
    expect(line.getAttribute('aria-label')).toBe(
      '对外贸易处达标率趋势：2026-08 50%（1/2），2026-09 无适用检查项，2026-10 83.3%（5/6）',
    );
    expect(line.querySelector('title')?.textContent).toBe(line.getAttribute('aria-label'));
    // 0 % is the bottom of the sparkline, 100 % its top: 83.3 % is above 50 %.
    const [aug, oct] = [...line.querySelectorAll('circle')].map((c) => Number(c.getAttribute('cy')));
    expect(oct).toBeLessThan(aug as number);
    expect(screen.getByText(/达标率 = 当月达标的检查项 ÷ 当月适用/)).toBeInstanceOf(HTMLElement);
  });

  it('R6.4: on a phone each division is a list of its checks, still in words', async () => {
    vi.stubGlobal('matchMedia', phoneOrDesktop(true));
    renderAt('/oversight?month=2026-10');
    expect(await screen.findByText('外商投资管理处')).toBeInstanceOf(HTMLElement);
    expect(document.querySelector('table')).toBeNull();
    expect(screen.getAllByRole('button', { name: '未达标' })).toHaveLength(2);
    vi.stubGlobal('matchMedia', phoneOrDesktop(false));
  });

  it('R6.4: a division head reads their own division; the page names the scope by core’s rule', async () => {
    vi.stubGlobal('matchMedia', phoneOrDesktop(false));
    renderAt('/oversight?month=2026-10', true, 'head');
    expect(await screen.findByText('对外贸易处')).toBeInstanceOf(HTMLElement);
    expect(screen.queryByText('外商投资管理处')).toBeNull();
    expect(screen.getByTestId('oversight-scope').textContent).toBe(
      '查看范围：对外贸易处。分管领导看到所分管的处室，处室负责人看到本处室，以便在检查前及时整改。',
    );
    // No 登记簿核对 without register.manage.
    expect(screen.queryByRole('button', { name: '登记簿核对' })).toBeNull();
  });

  it('R6.4: without compliance.read the page is not found and the menu has no 监督检查', async () => {
    renderAt('/oversight', false);
    expect(await screen.findByText('页面不存在')).toBeInstanceOf(HTMLElement);
    expect(screen.queryByText('监督检查')).toBeNull();
  });
});
