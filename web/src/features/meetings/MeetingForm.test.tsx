import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { App } from 'antd';
import { dayjs, TZ } from '../../lib/time';
import { mockFetch } from '../../test/fixtures';
import { MeetingForm, observerOptions, timeLimits } from './MeetingForm';
import { durationCn, earlyStartMinutes, primaryAction } from './meeting-actions';

const members = [
  { userId: 'u-head', name: '李伟', position: 'head', isRecorder: false },
  { userId: 'u-dep', name: '张敏', position: 'deputy', isRecorder: false },
  { userId: 'u-rec', name: '王芳', position: 'staff', isRecorder: true },
  { userId: 'u-st', name: '刘洋', position: 'staff', isRecorder: false },
];

describe('issue 15: the convene form', () => {
  it('R3.2 R5.2: 主持人 and 记录人 show their defaults before saving; the date asks 请选择日期和时间', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        mockFetch({
          'GET /api/divisions/d1/members': { status: 200, body: members },
          'GET /api/topics': { status: 200, body: { items: [], total: 0 } },
          'GET /api/divisions/d1/eligible-observers': { status: 200, body: [] },
        }),
      ),
    );
    render(
      <App>
        <MeetingForm divisionId="d1" open onCancel={() => undefined} onSubmit={async () => undefined} />
      </App>,
    );
    const dialog = await screen.findByRole('dialog');
    expect((await within(dialog).findByTitle('李伟（主要负责人）')).textContent).toBe('李伟（主要负责人）');
    expect((await within(dialog).findByTitle('王芳（指定记录人）')).textContent).toBe('王芳（指定记录人）');
    expect(within(dialog).getByPlaceholderText('请选择日期和时间')).toBeInstanceOf(HTMLInputElement);
  });

  it('R3.5: past days, and today’s hours and minutes already gone, cannot be picked; a 补录 picks only the past', () => {
    const now = dayjs.tz('2026-11-10 14:35', TZ);
    const l = timeLimits(false, now);
    expect(l.disabledDate(now.subtract(1, 'day'))).toBe(true);
    expect(l.disabledDate(now)).toBe(false);
    expect(l.disabledDate(now.add(1, 'day'))).toBe(false);
    const today = l.disabledTime(now);
    expect(today.disabledHours?.()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(today.disabledMinutes?.(14)).toHaveLength(35);
    expect(today.disabledMinutes?.(15)).toEqual([]);
    expect(l.disabledTime(now.add(1, 'day'))).toEqual({});
    const b = timeLimits(true, now);
    expect(b.disabledDate(now.add(1, 'day'))).toBe(true);
    expect(b.disabledDate(now.subtract(30, 'day'))).toBe(false);
  });

  it('R3.4: every eligible observer is listed, 分管领导 and 监察室 first and marked', () => {
    const people = Array.from({ length: 30 }, (_, i) => ({
      userId: `o${i}`,
      name: `人员${i}`,
      divisionName: '投资促进处',
      kind: 'other_division' as const,
    }));
    const opts = observerOptions([
      ...people,
      { userId: 'jc', name: '高敏', divisionName: '监察室', kind: 'supervision_office' },
      { userId: 'ld', name: '陈立新', divisionName: null, kind: 'supervising_leader' },
    ]);
    expect(opts).toHaveLength(32);
    expect(opts.slice(0, 2).map((o) => o.label)).toEqual(['【分管领导】陈立新', '【监察室】高敏']);
    expect(opts[2]?.label).toBe('人员0（投资促进处）');
  });
});

describe('issue 15: the meeting page’s actions', () => {
  const abilities = {
    edit: true,
    notify: true,
    start: true,
    close: false,
    cancel: true,
    markAttendance: false,
    requestLeave: false,
    decideLeave: false,
    showCheckin: false,
    readRecord: true,
    uploadPaperMinutes: false,
  };
  it('one primary button: 发出通知 before the notice, then 开始会议, in session 结束会议', () => {
    expect(primaryAction({ status: 'planned', notifiedAt: null, abilities }, false)).toBe('notify');
    expect(primaryAction({ status: 'notified', notifiedAt: '2026-11-01T00:00:00Z', abilities }, true)).toBe('start');
    expect(
      primaryAction(
        {
          status: 'in_session',
          notifiedAt: 'x',
          abilities: { ...abilities, start: false, notify: false, close: true },
        },
        false,
      ),
    ).toBe('close');
    const none = { ...abilities, edit: false, notify: false, start: false, cancel: false };
    expect(primaryAction({ status: 'notified', notifiedAt: 'x', abilities: none }, true)).toBe('readNotice');
    expect(primaryAction({ status: 'closed', notifiedAt: 'x', abilities: none }, false)).toBe('minutes');
  });

  it('starting more than an hour early asks first, and says how early', () => {
    const startsAt = '2026-11-10T06:00:00.000Z';
    expect(earlyStartMinutes(startsAt, Date.parse('2026-11-10T05:30:00Z'))).toBeNull();
    expect(earlyStartMinutes(startsAt, Date.parse('2026-11-10T05:00:00Z'))).toBeNull();
    expect(earlyStartMinutes(startsAt, Date.parse('2026-11-10T02:40:00Z'))).toBe(200);
    expect(durationCn(200)).toBe('3 小时 20 分钟');
    expect(durationCn(120)).toBe('2 小时');
  });
});
