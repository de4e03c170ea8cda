import { z } from 'zod';
import { MATTER_FLAGS } from '../settings.js';
import { STANCES } from '../record.js';
import { id } from './common.js';

// ---- record (R5.1–R5.4, R6.1) ----
export const opinionBody = z.strictObject({
  speakerId: id,
  stance: z.enum(STANCES),
  /** Required except for 未发表意见 (checked by the use case with a Chinese message). */
  text: z.string().trim().max(200_000),
  /** 保留意见: carried verbatim into the minutes whatever the stance (R5.4). */
  reservation: z.boolean().optional(),
});
export const decisionBody = z.strictObject({
  text: z.string().trim().min(1).max(200_000),
  outcome: z.enum(['adopted', 'rejected', 'deferred', 'escalated']),
  responsibleUserId: id.nullable().optional(),
  responsibleDivisionId: id.nullable().optional(),
  coResponsibleIds: z.array(id).max(20).optional(),
  note: z.string().trim().max(200).optional(),
  deadline: z.iso.date().nullable(),
});
export const recordEntryBody = z.strictObject({
  version: z.int().min(0),
  status: z.enum(['recorded', 'not_discussed', 'deferred']),
  discussion: z.string().max(200_000),
  opinions: z.array(opinionBody).max(100),
  decisions: z.array(decisionBody).max(50),
  /** After the meeting closed, a correction of the record is an amendment with a reason (audited). */
  amendmentReason: z.string().trim().min(1).max(500).optional(),
});
export const recordEntryDto = z.object({
  topicId: z.string(),
  topicTitle: z.string(),
  matterFlags: z.array(z.enum(MATTER_FLAGS)),
  status: z.enum(['recorded', 'not_discussed', 'deferred']).nullable(),
  discussion: z.string(),
  opinions: z.array(
    z.object({
      speakerId: z.string(),
      speakerName: z.string(),
      stance: z.enum(STANCES),
      text: z.string(),
      reservation: z.boolean().optional(),
    }),
  ),
  decisions: z.array(
    z.object({
      text: z.string(),
      outcome: z.enum(['adopted', 'rejected', 'deferred', 'escalated']),
      /** The responsible party's name as recorded (person or division). */
      responsible: z.string(),
      deadline: z.string().nullable(),
      responsibleUserId: z.string().nullable().optional(),
      responsibleDivisionId: z.string().nullable().optional(),
      coResponsible: z.array(z.object({ id: z.string(), name: z.string() })).optional(),
      note: z.string().optional(),
      needsCompletion: z.boolean().optional(),
    }),
  ),
  version: z.number(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export const recordDto = z.object({
  meetingId: z.string(),
  locked: z.boolean(),
  canEdit: z.boolean(),
  /** After close and before the minutes are issued, the recorder may amend with a reason. */
  canAmend: z.boolean(),
  entries: z.array(recordEntryDto),
});
export type RecordEntryDto = z.infer<typeof recordEntryDto>;
export type RecordDto = z.infer<typeof recordDto>;
