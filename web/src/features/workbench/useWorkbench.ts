import { useCallback, useEffect, useState } from 'react';
import { useLocation } from 'react-router';
import { api } from '../../api/client';

export interface Workbench {
  topicsToApprove: Array<{
    id: string;
    title: string;
    divisionName: string;
    proposerName: string;
    submittedAt: string | null;
  }>;
  leaveToDecide: Array<{ meetingId: string; leaveId: string; meetingTitle: string; userName: string; reason: string }>;
  meetingsToAttend: Array<{
    id: string;
    title: string;
    startsAt: string;
    place: string;
    status: string;
    role: string;
    noticeRead: boolean;
  }>;
  unreadNotices: number;
  /** R3.5: divisions that have not yet held the unit's required number of meetings this month. */
  tracking: { dueSoon: number; overdue: number };
  monthlyReminders: Array<{
    divisionId: string;
    divisionName: string;
    scheduled: number;
    held: number;
    required: number;
  }>;
  minutesToRead: number;
  filingsToSign: number;
  minutesDue: Array<{
    meetingId: string;
    meetingTitle: string;
    dueDate: string;
    provisional: boolean;
    status: 'pending' | 'overdue';
    /** The step the minutes wait at: none drafted yet, a draft, in review. */
    step: 'none' | 'draft' | 'in_review';
  }>;
  /** Meetings in session whose record I keep (待记录). */
  meetingsToRecord: Array<{ id: string; title: string; startedAt: string; place: string }>;
}

/** What waits on the user; refreshed on every page change and every minute. */
export function useWorkbench(): Workbench | null {
  const [wb, setWb] = useState<Workbench | null>(null);
  const location = useLocation();
  const load = useCallback(() => api.get<Workbench>('/api/workbench').then(setWb, () => undefined), []);
  useEffect(() => {
    void load();
  }, [load, location.pathname]);
  useEffect(() => {
    const t = window.setInterval(() => void load(), 60_000);
    return () => window.clearInterval(t);
  }, [load]);
  return wb;
}

/** Menu badge counts per menu key. */
export function menuCounts(wb: Workbench | null): Record<string, number> {
  if (!wb) return {};
  const topics = wb.topicsToApprove.length;
  const meetings = wb.leaveToDecide.length + wb.meetingsToAttend.filter((m) => !m.noticeRead).length;
  return {
    '/':
      topics +
      meetings +
      wb.monthlyReminders.length +
      wb.minutesToRead +
      wb.filingsToSign +
      wb.minutesDue.length +
      wb.meetingsToRecord.length,
    '/topics': topics,
    '/meetings': meetings,
    '/reading': wb.minutesToRead,
    '/filings': wb.filingsToSign,
  };
}
