import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { App } from 'antd';
import { I18nProvider } from '../../i18n';
import { mockFetch } from '../../test/fixtures';
import type { WorkbenchDto as Workbench } from '../../../../core/contracts/workbench';
import { TodoCard } from './TodoCard';
import { WorkbenchProvider } from './useWorkbench';

const empty: Workbench = {
  topicsToApprove: [],
  leaveToDecide: [],
  meetingsToAttend: [],
  unreadNotices: 0,
  monthlyReminders: [],
  minutesToRead: 0,
  filingsToSign: 0,
  rectifications: { toReport: 0, overdue: 0, toVerify: 0 },
  minutesDue: [],
  meetingsToRecord: [],
  tracking: { dueSoon: 0, overdue: 0 },
};

const show = (wb: Partial<Workbench>) => {
  vi.stubGlobal('fetch', vi.fn(mockFetch({ 'GET /api/workbench': { status: 200, body: { ...empty, ...wb } } })));
  render(
    <I18nProvider>
      <MemoryRouter>
        <WorkbenchProvider>
          <App>
            <TodoCard />
          </App>
        </WorkbenchProvider>
      </MemoryRouter>
    </I18nProvider>,
  );
};

describe('issue 15: one name per step on the 工作台', () => {
  it('R5.2: a meeting in session is the recorder’s 待记录, never 纪要待印发', async () => {
    show({ meetingsToRecord: [{ id: 'm1', title: '十一月例会', startedAt: '2026-11-25T01:00:00Z', place: '会议室' }] });
    expect((await screen.findByText('待记录')).textContent).toBe('待记录');
    expect(
      screen
        .getByText(/十一月例会/)
        .closest('a')
        ?.getAttribute('href'),
    ).toBe('/meetings/m1');
    expect(screen.queryByText(/待印发/)).toBeNull();
  });

  it('minutes due carry the label of their step: 待起草, 起草中, 待签发 — and 已逾期 beside it when late', async () => {
    const due = (meetingId: string, step: Workbench['minutesDue'][number]['step'], status: 'pending' | 'overdue') => ({
      meetingId,
      meetingTitle: `会议${meetingId}`,
      dueDate: '2026-11-28',
      provisional: false,
      status,
      step,
    });
    show({ minutesDue: [due('a', 'none', 'pending'), due('b', 'draft', 'pending'), due('c', 'in_review', 'overdue')] });
    expect((await screen.findByText('待起草')).textContent).toBe('待起草');
    expect(screen.getByText('起草中').textContent).toBe('起草中');
    expect(screen.getByText('待签发').textContent).toBe('待签发');
    expect(screen.getAllByText('已逾期')).toHaveLength(1);
    expect(screen.queryByText(/待印发|送审/)).toBeNull();
  });

  it('a topic waiting for approval says 待审核, the status tag’s word', async () => {
    show({
      topicsToApprove: [
        { id: 't1', title: '参展补助', divisionName: '对外贸易处', proposerName: '刘洋', submittedAt: null },
      ],
    });
    expect((await screen.findByText('待审核')).textContent).toBe('待审核');
  });
});

describe('R6.2: the 工作台 lists the 督办 items due and overdue', () => {
  it('overdue and due soon, each a link to the ledger under its light; nothing when none', async () => {
    show({ tracking: { dueSoon: 2, overdue: 1 } });
    const red = await screen.findByText(/1 项督办事项已逾期/);
    expect(red.closest('a')?.getAttribute('href')).toBe('/tracking?light=red');
    expect(screen.getByText('督办逾期').textContent).toBe('督办逾期');
    expect(
      screen
        .getByText(/2 项督办事项临近完成时限/)
        .closest('a')
        ?.getAttribute('href'),
    ).toBe('/tracking?light=yellow');
  });

  it('no 督办 to-do when nothing is due', async () => {
    show({ tracking: { dueSoon: 0, overdue: 0 } });
    expect(await screen.findByText('暂无待办事项')).toBeInstanceOf(HTMLElement);
    expect(screen.queryByText(/督办/)).toBeNull();
  });
});
