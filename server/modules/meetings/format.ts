import { shanghaiDay } from '../../../core/meetings.js';

/** `2026-11-03 09:30` in Asia/Shanghai, for notices. */
export function formatTime(iso: string): string {
  const d = new Date(iso);
  const hm = new Date(d.getTime() + 8 * 3600_000).toISOString().slice(11, 16);
  return `${shanghaiDay(d)} ${hm}`;
}
