import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { App } from 'antd';
import { I18nProvider } from '../../i18n';
import type { MeetingDistributionDto, DistributionEntryDto } from '../../../../core/contracts/distribution';
import { mockFetch } from '../../test/fixtures';
import { DistributionPanel } from './DistributionPanel';
import CalendarPage from '../admin/CalendarPage';

const entry = (patch: Partial<DistributionEntryDto>): DistributionEntryDto => ({
  id: 'e1',
  minutesId: 'n1',
  meetingId: 'm1',
  minutesNumber: '〔2026〕9号',
  meetingTitle: '年末例会',
  divisionName: '对外贸易处',
  meetingDay: '2026-12-30',
  purpose: 'report',
  recipientRole: 'principal_leader',
  recipientName: '王建国',
  dueDate: '2027-01-05',
  deadline: '2027-01-05T15:59:59.999Z',
  provisional: true,
  sentAt: '2026-12-31T02:00:00.000Z',
  delivery: 'on_time',
  readAt: null,
  readComment: null,
  receivedAt: null,
  receivedByName: null,
  done: false,
  abilities: { confirmRead: true, receive: false },
  ...patch,
});

const dist: MeetingDistributionDto = {
  meetingId: 'm1',
  meetingDay: '2026-12-30',
  workingDays: 3,
  dueDate: '2027-01-05',
  deadline: '2027-01-05T15:59:59.999Z',
  provisional: true,
  status: 'on_time',
  minutesId: 'n1',
  issuedAt: '2026-12-31T02:00:00.000Z',
  overdueAt: null,
  entries: [
    entry({}),
    entry({
      id: 'e2',
      purpose: 'file',
      recipientRole: 'supervision_office',
      recipientName: '监察室',
      receivedAt: '2026-12-31T03:00:00.000Z',
      receivedByName: '高敏',
      done: true,
      abilities: { confirmRead: false, receive: false },
    }),
  ],
  counts: { total: 2, done: 1 },
};

const wrap = (node: React.ReactNode) =>
  render(
    <I18nProvider>
      <MemoryRouter>
        <App>{node}</App>
      </MemoryRouter>
    </I18nProvider>,
  );

describe('distribution in the web app', () => {
  it('R5.8: the panel shows the deadline, its 暂定 mark, each recipient’s state, and lets the reader confirm', async () => {
    const fetch = vi.fn(
      mockFetch({
        'GET /api/meetings/m1/distribution': { status: 200, body: dist },
        'POST /api/distributions/e1/read': { status: 200, body: entry({ readAt: '2026-12-31T04:00:00.000Z' }) },
      }),
    );
    vi.stubGlobal('fetch', fetch);
    wrap(<DistributionPanel meetingId="m1" />);
    expect(await screen.findByText(/2027年1月5日（星期二） 24 时前（会后第 3 个工作日）/)).toBeInstanceOf(HTMLElement);
    expect(screen.getByText('暂定')).toBeInstanceOf(HTMLElement);
    expect(screen.getByText('按时分送')).toBeInstanceOf(HTMLElement);
    expect(screen.getByText(/高敏 已签收/)).toBeInstanceOf(HTMLElement);
    expect(screen.getByText('未阅')).toBeInstanceOf(HTMLElement);
    fireEvent.click(screen.getByRole('button', { name: '确认已阅' }));
    // issue 15: 已阅 takes an optional comment — a leader's 批示.
    fireEvent.change(await screen.findByLabelText('意见（可不填）'), { target: { value: '请抓紧落实。' } });
    fireEvent.click(screen.getByRole('button', { name: '提交已阅' }));
    expect(await screen.findByText('已确认已阅')).toBeInstanceOf(HTMLElement);
    const call = fetch.mock.calls.find(
      ([url, init]) => String(url).endsWith('/api/distributions/e1/read') && init?.method === 'POST',
    );
    expect(JSON.parse(String(call?.[1]?.body))).toEqual({ comment: '请抓紧落实。' });
  });

  it('a refused calendar import lists the bad lines', async () => {
    vi.stubGlobal(
      'fetch',
      mockFetch({
        'GET /api/calendar/years': { status: 200, body: [] },
        'GET /api/calendar/overrides': { status: 200, body: [] },
        'GET /api/calendar/days': { status: 200, body: { year: 2027, provisional: true, days: [] } },
        'POST /api/calendar/schedules': {
          status: 422,
          body: {
            error: {
              code: 'CALENDAR_IMPORT_INVALID',
              message: '节假日安排有误',
              details: { errors: [{ index: 1, message: '第 2 条：date 须为有效日期 YYYY-MM-DD' }] },
            },
          },
        },
      }),
    );
    wrap(<CalendarPage />);
    fireEvent.change(await screen.findByLabelText('节假日安排 JSON'), {
      target: {
        value:
          '{"year":2027,"days":[{"name":"元旦","date":"2027-01-01","isOffDay":true},{"name":"春节","date":"2027-02-30","isOffDay":true}]}',
      },
    });
    fireEvent.click(screen.getAllByRole('button', { name: /导\s*入/ })[0] as HTMLElement);
    expect(await screen.findByText('第 2 条：date 须为有效日期 YYYY-MM-DD')).toBeInstanceOf(HTMLElement);
    fireEvent.change(screen.getByLabelText('节假日安排 JSON'), { target: { value: '{不是 JSON' } });
    fireEvent.click(screen.getAllByRole('button', { name: /导\s*入/ })[0] as HTMLElement);
    expect(await screen.findByText(/不是有效的 JSON/)).toBeInstanceOf(HTMLElement);
  });
});
