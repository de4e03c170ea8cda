import { z } from 'zod';
import { cursorPage, cursorParams } from './common.js';

export const noticeDto = z.object({
  id: z.string(),
  kind: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  title: z.string(),
  body: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NoticeDto = z.infer<typeof noticeDto>;
export const noticesQuery = z.strictObject({
  unread: z.enum(['true', 'false']).optional(),
  ...cursorParams,
});
export const noticesPageDto = cursorPage(noticeDto).extend({ unread: z.number() });
export type NoticesPageDto = z.infer<typeof noticesPageDto>;
