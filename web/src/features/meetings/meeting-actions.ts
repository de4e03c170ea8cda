import type { MeetingDto } from '../../../../core/contracts/meetings';

/** The header action that is the meeting's next step: the card's one primary button. */
export type PrimaryAction = 'close' | 'start' | 'notify' | 'readNotice' | 'minutes' | null;

/**
 * One primary button per card (issue 15): in session, 结束会议; before, 发出通知
 * until the notice is out, then 开始会议; a participant's own 确认已阅 only when
 * nothing else is theirs to do; after the close, 会议纪要.
 */
export function primaryAction(
  m: Pick<MeetingDto, 'status' | 'notifiedAt' | 'abilities'>,
  canReadNotice: boolean,
): PrimaryAction {
  const a = m.abilities;
  if (a.close) return 'close';
  if (a.start && (m.notifiedAt || !a.notify)) return 'start';
  if (a.notify) return 'notify';
  if (a.start) return 'start';
  if (canReadNotice) return 'readNotice';
  return m.status === 'closed' ? 'minutes' : null;
}

/** Starting more than this long before the scheduled time asks for confirmation first. */
const EARLY_START_MS = 60 * 60_000;

/** Minutes left until the scheduled start when starting now would be more than an hour early, else null. */
export function earlyStartMinutes(startsAt: string, now: number): number | null {
  const left = new Date(startsAt).getTime() - now;
  return left > EARLY_START_MS ? Math.round(left / 60_000) : null;
}

/** "3 小时 20 分钟" for the early-start warning. */
export function durationCn(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${h > 0 ? `${h} 小时` : ''}${h > 0 && m > 0 ? ' ' : ''}${m > 0 || h === 0 ? `${m} 分钟` : ''}`;
}
