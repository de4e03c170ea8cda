import { z } from 'zod';
import { BOUND_KINDS } from '../record.js';
import { cursorPage, cursorParams, id, optionalComment } from './common.js';
import { minutesIntegrityBadge } from './integrity.js';

// ---- minutes (R5.5–R5.7) ----
export const boundBlockDto = z.object({
  kind: z.enum(BOUND_KINDS),
  speakerId: z.string().nullable(),
  speakerName: z.string().nullable(),
  text: z.string(),
});
export const minutesContentDto = z.object({
  title: z.string(),
  opening: z.string(),
  sections: z.array(
    z.object({
      topicId: z.string(),
      heading: z.string(),
      marks: z.string(),
      narrative: z.string(),
      /** Rendered from the record; not editable in the minutes (R5.4). */
      blocks: z.array(boundBlockDto),
      recordVersion: z.number(),
    }),
  ),
  closing: z.string(),
  present: z.array(z.string()),
  leave: z.array(z.string()),
  observers: z.array(z.string()),
  recorder: z.string(),
  distribution: z.string(),
});
/**
 * The drafter writes the narrative of each section, nothing else: the sections
 * are the discussed topics in agenda order (R5.5); their headings, matter marks,
 * decisions and differing opinions are the server's (R1.2, R5.4).
 */
/** Signing and issuing may carry the issuer's comment, kept beside the sealed text (not in it). */
export const issueMinutesBody = z.strictObject({ version: z.int().min(1), comment: optionalComment });
export const updateMinutesBody = z.strictObject({
  version: z.int().min(1),
  sections: z
    .array(
      z.strictObject({
        topicId: id,
        heading: z.string().trim().min(1).max(200).optional(),
        narrative: z.string().max(50_000),
      }),
    )
    .max(50),
});
export const minutesDto = z.object({
  id: z.string(),
  meetingId: z.string(),
  meetingTitle: z.string(),
  divisionId: z.string(),
  divisionName: z.string(),
  status: z.enum(['draft', 'in_review', 'issued', 'superseded']),
  content: minutesContentDto,
  version: z.number(),
  number: z.string().nullable(),
  revision: z.number(),
  supersedesId: z.string().nullable(),
  supersededById: z.string().nullable(),
  contentHash: z.string().nullable(),
  hashAlg: z.string().nullable(),
  issuedAt: z.string().nullable(),
  issuedByName: z.string().nullable(),
  /** The issuer's comment when signing, if any. */
  issueComment: z.string().nullable(),
  /** Leaders' 批示: the comments the reported leaders left with 已阅, shown to the division. */
  instructions: z.array(z.object({ name: z.string(), comment: z.string(), at: z.string() })),
  /** R5.7: the stored text re-hashed on this read and held against the seal. */
  integrity: minutesIntegrityBadge,
  abilities: z.object({
    edit: z.boolean(),
    submit: z.boolean(),
    returnToDraft: z.boolean(),
    issue: z.boolean(),
    correct: z.boolean(),
  }),
});
export type MinutesDto = z.infer<typeof minutesDto>;
export const minutesSummaryDto = z.object({
  id: z.string(),
  meetingId: z.string(),
  meetingTitle: z.string(),
  meetingDate: z.string(),
  divisionName: z.string(),
  status: z.enum(['draft', 'in_review', 'issued', 'superseded']),
  number: z.string().nullable(),
  issuedAt: z.string().nullable(),
});
export type MinutesSummaryDto = z.infer<typeof minutesSummaryDto>;
export const minutesQuery = z.strictObject({
  divisionId: id.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  ...cursorParams,
});
export const minutesPageDto = cursorPage(minutesSummaryDto);
export type MinutesPageDto = z.infer<typeof minutesPageDto>;
