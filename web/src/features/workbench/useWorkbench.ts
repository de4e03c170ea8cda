import { createContext, createElement, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import type { WorkbenchDto } from '../../../../core/contracts/workbench';
import { api } from '../../api/client';

interface Polled {
  wb: WorkbenchDto | null;
  /** Fetch again now (after the user acted on something the workbench counts). */
  refresh: () => void;
}

const WorkbenchContext = createContext<Polled>({ wb: null, refresh: () => undefined });

/**
 * The one poller of GET /api/workbench for the signed-in shell: on every page change and
 * every minute. The menu badges, the bell's count, the to-do card and the reminders read it.
 */
export function WorkbenchProvider({ children }: { children: ReactNode }) {
  const [wb, setWb] = useState<WorkbenchDto | null>(null);
  const location = useLocation();
  const refresh = useCallback(() => void api.get('/api/workbench').then(setWb, () => undefined), []);
  useEffect(() => {
    refresh();
  }, [refresh, location.pathname]);
  useEffect(() => {
    const t = window.setInterval(refresh, 60_000);
    return () => window.clearInterval(t);
  }, [refresh]);
  return createElement(WorkbenchContext.Provider, { value: { wb, refresh } }, children);
}

/** What waits on the user, from the shell's poller (null until the first answer). */
export function useWorkbench(): WorkbenchDto | null {
  return useContext(WorkbenchContext).wb;
}

/** Asks the shell's poller to fetch again now. */
export function useRefreshWorkbench(): () => void {
  return useContext(WorkbenchContext).refresh;
}

/** Menu badge counts per menu key. */
export function menuCounts(wb: WorkbenchDto | null): Record<string, number> {
  if (!wb) return {};
  const topics = wb.topicsToApprove.length;
  const meetings = wb.leaveToDecide.length + wb.meetingsToAttend.filter((m) => !m.noticeRead).length;
  const tracking = wb.tracking.overdue + wb.tracking.dueSoon;
  return {
    '/':
      topics +
      meetings +
      wb.monthlyReminders.length +
      wb.minutesToRead +
      wb.filingsToSign +
      wb.minutesDue.length +
      wb.meetingsToRecord.length +
      tracking,
    '/topics': topics,
    '/meetings': meetings,
    '/reading': wb.minutesToRead,
    '/filings': wb.filingsToSign,
    '/tracking': tracking,
  };
}
