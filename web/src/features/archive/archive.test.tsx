import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { Root } from '../../App';
import type {
  ArchiveDetailDto,
  ArchiveItemDto,
  ArchivesOverviewDto,
  CheckReportDto,
} from '../../../../core/contracts/archive';
import { meFixture, mockFetch } from '../../test/fixtures';
import { phoneOrDesktop } from '../../test/media';

const report = (ok: boolean): CheckReportDto => ({
  ok,
  checkedAt: '2027-01-10T02:00:00.000Z',
  packageSha256: 'a'.repeat(64),
  packageSize: 123456,
  manifestDigest: 'b'.repeat(64),
  summary: null,
  properties: [
    {
      property: 'authenticity',
      label: '真实性',
      result: ok ? 'pass' : 'fail',
      checks: [
        {
          id: 'fixity',
          name: '固化信息校验（各文件摘要值与清单一致）',
          result: ok ? 'pass' : 'fail',
          scope: '5 个文件',
          problems: ok
            ? []
            : [{ file: '0001-2026-Y-01-0001/materials/1-方案.pdf', message: '摘要值不符（文件已被改动）' }],
        },
      ],
    },
  ],
});

const item: ArchiveItemDto = {
  id: 'i3',
  archiveId: 'a1',
  divisionName: '对外贸易处',
  year: 2026,
  seq: 3,
  code: '0001-2026-D10-01-0003',
  title: '对外贸易处处务会会议纪要',
  number: '〔2026〕3号',
  docDate: '20260909',
  pages: 1,
  retention: '10y',
  retentionLabel: '10年',
  dueDay: '2037-01-01',
  due: true,
  state: 'kept',
  stateLabel: '在库',
  meetingId: 'm3',
  minutesId: 'n3',
  metadata: {},
  version: 1,
  decisions: [],
  abilities: { appraise: true, destroy: true },
};

const detail: ArchiveDetailDto = {
  id: 'a1',
  archivedAt: '2027-01-10T02:00:00.000Z',
  archivedByName: '周雪梅',
  itemCount: 1,
  fileCount: 5,
  packageSha256: 'c'.repeat(64),
  packageSize: 2048,
  hashAlg: 'SHA-256',
  manifestDigest: 'd'.repeat(64),
  checkOk: true,
  divisionId: 'trade',
  divisionName: '对外贸易处',
  year: 2026,
  divisionCode: '01',
  items: [{ ...item, abilities: { appraise: false, destroy: false }, due: false }],
  files: [],
  report: report(true),
};

const overview = (canManage: boolean): ArchivesOverviewDto => ({
  year: 2026,
  years: [2026, 2025],
  canManage,
  divisions: [
    {
      divisionId: 'trade',
      divisionName: '对外贸易处',
      year: 2026,
      state: 'ready',
      stateLabel: '可归档',
      minutesCount: 3,
      blockers: [],
      archive: null,
    },
    {
      divisionId: 'inv',
      divisionName: '外商投资管理处',
      year: 2026,
      state: 'not_ready',
      stateLabel: '暂不能归档',
      minutesCount: 2,
      blockers: [{ kind: 'item_open', message: '〔2026〕2号的督办事项“推进外资项目”尚未办结', link: '/tracking/t9' }],
      archive: null,
    },
    {
      divisionId: 'office',
      divisionName: '办公室',
      year: 2026,
      state: 'archived',
      stateLabel: '已归档',
      minutesCount: 4,
      blockers: [],
      archive: {
        id: 'a0',
        archivedAt: '2027-01-05T02:00:00.000Z',
        archivedByName: '周雪梅',
        itemCount: 4,
        fileCount: 14,
        packageSha256: 'e'.repeat(64),
        packageSize: 4096,
        hashAlg: 'SM3',
        manifestDigest: 'f'.repeat(64),
        checkOk: true,
      },
    },
  ],
});

function renderAt(manage: boolean, extra: Record<string, { status: number; body?: unknown }> = {}) {
  const asked: Array<{ url: string; method: string; body: unknown }> = [];
  const canned = mockFetch({
    'GET /api/me': {
      status: 200,
      body: meFixture(
        {
          user: {
            id: 'u1',
            username: manage ? 'zhouxuemei' : 'jiancha',
            displayName: manage ? '周雪梅' : '高敏',
            mustChangePassword: false,
          },
          memberships: [
            {
              divisionId: manage ? 'office' : 'sup',
              divisionName: manage ? '办公室' : '监察室',
              divisionKind: manage ? 'general_office' : 'supervision_office',
              position: 'head',
              isRecorder: false,
            },
          ],
        },
        manage ? ['regime.read', 'archive.read', 'archive.manage'] : ['regime.read', 'archive.read'],
      ),
    },
    'GET /api/archives': { status: 200, body: overview(manage) },
    'GET /api/archives/a1': { status: 200, body: detail },
    'GET /api/archives/appraisal': { status: 200, body: { items: [item], nextCursor: null } },
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
    <MemoryRouter initialEntries={['/archive']}>
      <Root />
    </MemoryRouter>,
  );
  return asked;
}

describe('R5.7: the 归档 page', () => {
  it('R5.7: 办公室 sees each division’s year with its state and reasons; 归档 only where ready, after a confirmation; then the archive opens', async () => {
    vi.stubGlobal('matchMedia', phoneOrDesktop(false));
    const asked = renderAt(true, { 'POST /api/archives': { status: 201, body: detail } });
    const ready = (await screen.findByText('对外贸易处')).closest('tr') as HTMLElement;
    expect(within(ready).getByText('可归档')).toBeInstanceOf(HTMLElement);
    const blocked = screen.getByText('外商投资管理处').closest('tr') as HTMLElement;
    expect(
      within(blocked)
        .getByRole('link', { name: /督办事项/ })
        .getAttribute('href'),
    ).toBe('/tracking/t9');
    expect(within(blocked).queryByRole('button', { name: /^归\s?档$/ })).toBeNull();
    const done = screen.getByText('办公室', { selector: 'td' }).closest('tr') as HTMLElement;
    expect(within(done).getByText('已归档')).toBeInstanceOf(HTMLElement);
    expect(within(done).getByRole('link', { name: '下载信息包' }).getAttribute('href')).toBe(
      '/api/archives/a0/package.zip',
    );
    expect(screen.getByRole('tab', { name: '到期鉴定' })).toBeInstanceOf(HTMLElement);
    expect(screen.getByRole('menuitem', { name: /归档/ })).toBeInstanceOf(HTMLElement);
    fireEvent.click(within(ready).getByRole('button', { name: /^归\s?档$/ }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getAllByText('确认归档 对外贸易处 2026 年度的纪要？').length).toBeGreaterThan(0);
    expect(asked.some((a) => a.method === 'POST')).toBe(false);
    fireEvent.click(within(dialog).getByRole('button', { name: /^归\s?档$/ }));
    await waitFor(() =>
      expect(asked.find((a) => a.method === 'POST')?.body).toEqual({ divisionId: 'trade', year: 2026 }),
    );
    expect(await screen.findByText('对外贸易处 2026 年度档案')).toBeInstanceOf(HTMLElement);
    expect(screen.getByText('c'.repeat(64))).toBeInstanceOf(HTMLElement);
    expect(screen.getByText('0001-2026-D10-01-0003')).toBeInstanceOf(HTMLElement);
  });

  it('R5.7: a package that fails its 四性检测 is shown with the file at fault', async () => {
    vi.stubGlobal('matchMedia', phoneOrDesktop(false));
    renderAt(true, {
      'POST /api/archives': {
        status: 422,
        body: {
          error: {
            code: 'ARCHIVE_CHECK_FAILED',
            message: '归档信息包未通过四性检测，未归档',
            details: { report: report(false) },
          },
        },
      },
    });
    const ready = (await screen.findByText('对外贸易处')).closest('tr') as HTMLElement;
    fireEvent.click(within(ready).getByRole('button', { name: /^归\s?档$/ }));
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: /^归\s?档$/ }));
    expect(await screen.findByText('0001-2026-Y-01-0001/materials/1-方案.pdf')).toBeInstanceOf(HTMLElement);
    expect(screen.getAllByText(/摘要值不符/).length).toBeGreaterThan(0);
  });

  it('R1.3 R5.7: 到期鉴定 — a due item is appraised by a recorded decision with reason, group and reference', async () => {
    vi.stubGlobal('matchMedia', phoneOrDesktop(false));
    const asked = renderAt(true, {
      'POST /api/archives/items/i3/appraise': { status: 200, body: { ...item, state: 'destroyed' } },
    });
    fireEvent.click(await screen.findByRole('tab', { name: '到期鉴定' }));
    const row = (await screen.findByText('0001-2026-D10-01-0003')).closest('tr') as HTMLElement;
    fireEvent.click(within(row).getByRole('button', { name: '鉴定处置' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('理由'), { target: { value: '已无查考价值' } });
    fireEvent.change(within(dialog).getByLabelText('鉴定人员'), { target: { value: '周雪梅、吴涛' } });
    fireEvent.change(within(dialog).getByLabelText('批准文号'), { target: { value: '商办〔2037〕1号' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '记录处置决定' }));
    await waitFor(() =>
      expect(asked.find((a) => a.url === '/api/archives/items/i3/appraise')?.body).toEqual({
        version: 1,
        decision: 'destroy',
        reason: '已无查考价值',
        appraisers: '周雪梅、吴涛',
        reference: '商办〔2037〕1号',
      }),
    );
  });

  it('R5.7: 监察室 reads (no 归档 button, no 到期鉴定); on a 390 px phone the rows are cards', async () => {
    vi.stubGlobal('matchMedia', phoneOrDesktop(true));
    renderAt(false);
    expect(await screen.findByText('外商投资管理处')).toBeInstanceOf(HTMLElement);
    expect(document.querySelector('table')).toBeNull();
    expect(screen.queryByRole('button', { name: /^归\s?档$/ })).toBeNull();
    expect(screen.queryByRole('tab', { name: '到期鉴定' })).toBeNull();
    expect(screen.getByRole('button', { name: /^查\s?看$/ })).toBeInstanceOf(HTMLElement);
    vi.stubGlobal('matchMedia', phoneOrDesktop(false));
  });
});
