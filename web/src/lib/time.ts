import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import 'dayjs/locale/zh-cn';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.locale('zh-cn');

/** The users are in Asia/Shanghai, whatever the browser says. */
export const TZ = 'Asia/Shanghai';

export function formatTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).tz(TZ).format('YYYY-MM-DD HH:mm') : '—';
}

export { dayjs };
