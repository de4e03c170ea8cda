import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { Root } from '../../App';
import type { FindingDetailDto, InspectionDetailDto } from '../../../../core/contracts/inspections';
import type { Action } from '../../../../core/policy';
import { meFixture, mockFetch } from '../../test/fixtures';
import { phoneOrDesktop } from '../../test/media';

const finding: FindingDetailDto = {
  id: 'f1',
  inspectionId: 'i1',
  inspectionTitle: '2026年上半年专项检查',
  seq: 1,
  divisionId: 'd1',
  divisionName: '对外贸易处',
  sampleId: 's1',
  clause: 'R5.4',
  description: '纪要未如实记载反对意见',
  evidence: [{ label: '对外贸易处纪要〔2026〕1号', href: '/minutes/n1' }],
  state: 'notified',
  stateLabel: '逾期未整改',
  overdue: true,
  deadline: '2026-11-09',
  noticeText: '请补正纪要。',
  notifiedAt: '2026-11-02T02:00:00.000Z',
  reportText: null,
  reportedAt: null,
  closedAt: null,
  caseId: null,
  createdAt: '2026-11-02T01:00:00.000Z',
  version: 2,
  abilities: { notify: false, report: true, close: false, return: false, openCase: false },
  events: [
    { kind: 'create', text: '登记问题（R5.4）', actorName: '高敏', at: '2026-11-02T01:00:00.000Z', files: [] },
    { kind: 'overdue', text: '整改逾期通知已发送：李伟', actorName: null, at: '2026-11-10T01:01:00.000Z', files: [] },
  ],
  pendingFiles: [{ id: 'x1', filename: '整改佐证.pdf', fileType: 'pdf', size: 100 }],
};

const inspection: InspectionDetailDto = {
  id: 'i1',
  title: '2026年上半年专项检查',
  from: '2026-03',
  to: '2026-06',
  state: 'working',
  stateLabel: '检查中',
  divisionNames: ['对外贸易处'],
  reportNumber: null,
  createdAt: '2026-11-02T01:00:00.000Z',
  concludedAt: null,
  findings: { total: 1, open: 1 },
  divisions: [{ id: 'd1', name: '对外贸易处', candidates: -1 }],
  checks: [{ id: 'fidelity', clause: 'R5.4', name: '不同意见如实完整', rule: '…' }],
  sampleSize: 1,
  seed: 'a1b2c3',
  items: [{ id: 'it1', seq: 1, clause: 'R5.4', text: '与会人员的不同意见如实、完整地记入纪要' }],
  samples: [
    {
      id: 's1',
      divisionId: 'd1',
      divisionName: '对外贸易处',
      minutesId: 'n1',
      meetingId: 'm1',
      number: '对外贸易处纪要〔2026〕1号',
      day: '2026-03-10',
      results: [],
    },
  ],
  findingsList: [finding],
  summary: null,
  createdByName: '高敏',
  progress: { recorded: 0, total: 1 },
  version: 3,
  abilities: { plan: false, start: false, record: true, addFinding: true, conclude: true, report: false },
};

function renderAt(path: string, abilities: Action[], extra: Record<string, { status: number; body?: unknown }>) {
  const asked: Array<{ url: string; method: string; body: unknown }> = [];
  const canned = mockFetch({
    'GET /api/me': { status: 200, body: meFixture({}, abilities) },
    'GET /api/divisions': { status: 200, body: [] },
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

describe('R6.4: inspections and rectification pages', () => {
  it('R6.4: a sampled minutes is checked item by item; a result is sent with its version and the minutes as evidence', async () => {
    vi.stubGlobal('matchMedia', phoneOrDesktop(false));
    const asked = renderAt('/oversight/inspections/i1', ['regime.read', 'oversight.read', 'inspection.prepare'], {
      'GET /api/inspections/i1': { status: 200, body: inspection },
      'PUT /api/inspections/i1/results': { status: 200, body: inspection },
    });
    expect(await screen.findByText('检查中')).toBeInstanceOf(HTMLElement);
    expect(screen.getAllByRole('link', { name: '对外贸易处纪要〔2026〕1号' })[0]?.getAttribute('href')).toBe(
      '/minutes/n1',
    );
    expect(screen.getByRole('button', { name: '形成通报' })).toBeInstanceOf(HTMLElement);
    const group = screen.getByRole('radiogroup', { name: /与会人员的不同意见/ });
    fireEvent.click(within(group).getByLabelText('不符合'));
    fireEvent.change(screen.getByRole('textbox', { name: '情况说明' }), { target: { value: '未记载反对意见' } });
    fireEvent.click(screen.getByRole('button', { name: /^保\s?存$/ }));
    await waitFor(() => expect(asked.some((a) => a.method === 'PUT')).toBe(true));
    expect(asked.find((a) => a.method === 'PUT')?.body).toEqual({
      sampleId: 's1',
      itemId: 'it1',
      result: 'fail',
      comment: '未记载反对意见',
      evidence: [{ label: '对外贸易处纪要〔2026〕1号', href: '/minutes/n1' }],
      version: 0,
    });
    // The finding links to its rectification, overdue in red words.
    expect(screen.getByRole('link', { name: '纪要未如实记载反对意见' }).getAttribute('href')).toBe(
      '/rectifications/f1',
    );
    expect(screen.getAllByText('逾期未整改').length).toBeGreaterThan(0);
  });

  it('R6.4: evidence links are added to a result — a path or this system’s own address; another site is refused on the page', async () => {
    vi.stubGlobal('matchMedia', phoneOrDesktop(false));
    const asked = renderAt('/oversight/inspections/i1', ['regime.read', 'oversight.read', 'inspection.prepare'], {
      'GET /api/inspections/i1': { status: 200, body: inspection },
      'PUT /api/inspections/i1/results': { status: 200, body: inspection },
    });
    await screen.findByText('检查中');
    fireEvent.click(within(screen.getByRole('radiogroup', { name: /与会人员的不同意见/ })).getByLabelText('符合'));
    const addLink = async (label: string, address: string) => {
      fireEvent.click(screen.getByRole('button', { name: '添加证据链接' }));
      fireEvent.change(await screen.findByRole('textbox', { name: '证据名称' }), { target: { value: label } });
      fireEvent.change(screen.getByRole('textbox', { name: '证据地址' }), { target: { value: address } });
      fireEvent.click(screen.getByRole('button', { name: /^添\s?加$/ }));
    };
    await addLink('钓鱼', 'https://evil.example/minutes/n1');
    expect(screen.getByText(/须为本系统内的页面地址/)).toBeInstanceOf(HTMLElement);
    fireEvent.change(screen.getByRole('textbox', { name: '证据地址' }), { target: { value: 'javascript:alert(1)' } });
    fireEvent.click(screen.getByRole('button', { name: /^添\s?加$/ }));
    expect(screen.getByText(/须为本系统内的页面地址/)).toBeInstanceOf(HTMLElement);
    fireEvent.change(screen.getByRole('textbox', { name: '证据名称' }), { target: { value: '会议记录' } });
    fireEvent.change(screen.getByRole('textbox', { name: '证据地址' }), {
      target: { value: `${window.location.origin}/meetings/m1/record?topic=t1` },
    });
    fireEvent.click(screen.getByRole('button', { name: /^添\s?加$/ }));
    expect((await screen.findByRole('link', { name: '会议记录' })).getAttribute('href')).toBe(
      '/meetings/m1/record?topic=t1',
    );
    fireEvent.click(screen.getByRole('button', { name: /^保\s?存$/ }));
    await waitFor(() => expect(asked.some((a) => a.method === 'PUT')).toBe(true));
    expect((asked.find((a) => a.method === 'PUT')?.body as { evidence: unknown }).evidence).toEqual([
      { label: '对外贸易处纪要〔2026〕1号', href: '/minutes/n1' },
      { label: '会议记录', href: '/meetings/m1/record?topic=t1' },
    ]);
  });

  it('R6.4: a reader without the abilities gets no result controls and no 形成通报', async () => {
    vi.stubGlobal('matchMedia', phoneOrDesktop(false));
    renderAt('/oversight/inspections/i1', ['regime.read', 'oversight.read'], {
      'GET /api/inspections/i1': {
        status: 200,
        body: {
          ...inspection,
          abilities: { plan: false, start: false, record: false, addFinding: false, conclude: false, report: false },
        },
      },
    });
    expect(await screen.findByText('检查中')).toBeInstanceOf(HTMLElement);
    expect(screen.queryByRole('radiogroup')).toBeNull();
    expect(screen.queryByRole('button', { name: '形成通报' })).toBeNull();
    expect(screen.queryByRole('button', { name: '登记问题' })).toBeNull();
  });

  it('R6.4: the head reports the rectification with the files uploaded for it; the timeline shows the overdue notice', async () => {
    vi.stubGlobal('matchMedia', phoneOrDesktop(false));
    const asked = renderAt('/rectifications/f1', ['regime.read'], {
      'GET /api/rectifications/f1': { status: 200, body: finding },
      'POST /api/rectifications/f1/report': { status: 200, body: { ...finding, state: 'reported' } },
    });
    expect(await screen.findByText('整改逾期通知已发送：李伟')).toBeInstanceOf(HTMLElement);
    expect(screen.queryByRole('button', { name: '发出整改通知' })).toBeNull();
    expect(screen.queryByRole('button', { name: '核验通过' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '报送整改报告' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('整改佐证.pdf')).toBeInstanceOf(HTMLElement);
    fireEvent.change(within(dialog).getByRole('textbox', { name: '整改情况' }), {
      target: { value: '已补正纪要。' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: /^报\s?送$/ }));
    await waitFor(() => expect(asked.some((a) => a.url === '/api/rectifications/f1/report')).toBe(true));
    expect(asked.find((a) => a.url === '/api/rectifications/f1/report')?.body).toEqual({
      version: 2,
      text: '已补正纪要。',
      fileIds: ['x1'],
    });
  });

  it('R6.4: while planning, the checklist is edited item by item and saved with the version read', async () => {
    vi.stubGlobal('matchMedia', phoneOrDesktop(false));
    const planning = {
      ...inspection,
      state: 'planning' as const,
      stateLabel: '制定方案',
      abilities: { plan: true, start: true, record: false, addFinding: false, conclude: false, report: false },
    };
    const asked = renderAt('/oversight/inspections/i1', ['regime.read', 'oversight.read', 'inspection.prepare'], {
      'GET /api/inspections/i1': { status: 200, body: planning },
      'PUT /api/inspections/i1/checklist': { status: 200, body: planning },
    });
    fireEvent.click(await screen.findByRole('button', { name: '修改检查清单' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: '增加检查项目' }));
    fireEvent.change(await within(dialog).findByRole('textbox', { name: '第 2 项条款' }), {
      target: { value: 'R5.6' },
    });
    fireEvent.change(within(dialog).getByRole('textbox', { name: '第 2 项内容' }), {
      target: { value: '纪要编号连续' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: /^保\s?存$/ }));
    await waitFor(() => expect(asked.some((a) => a.url === '/api/inspections/i1/checklist')).toBe(true));
    expect(asked.find((a) => a.url === '/api/inspections/i1/checklist')?.body).toEqual({
      version: 3,
      items: [
        { clause: 'R5.4', text: '与会人员的不同意见如实、完整地记入纪要' },
        { clause: 'R5.6', text: '纪要编号连续' },
      ],
    });
  });
});
