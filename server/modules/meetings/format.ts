import { shanghaiDateTime } from '../../../core/shanghai-time.js';

/** `2026-11-03 09:30` in Asia/Shanghai, for notices. */
export function formatTime(iso: string): string {
  return shanghaiDateTime(iso);
}
