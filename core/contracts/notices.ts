import { z } from 'zod';
import { page } from './common.js';

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
  page: z.coerce.number().int().min(1).max(10000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const noticesPageDto = page(noticeDto).extend({ unread: z.number() });
export type NoticesPageDto = z.infer<typeof noticesPageDto>;
