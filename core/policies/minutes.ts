import type { MinutesDto } from '../contracts/minutes.js';

/**
 * Who may do what to minutes (§5): the recorder or the convener drafts; the
 * chair or the head sends a draft back; the head alone signs, issues and
 * starts a correction (R5.4–R5.7).
 */
export interface MinutesActor {
  isRecorder: boolean;
  /** Holds the power to convene the division's meetings (head or authorised deputy, R3.2). */
  isConvener: boolean;
  isHead: boolean;
  isChair: boolean;
}

export function minutesAbilities(a: MinutesActor, status: MinutesDto['status']): MinutesDto['abilities'] {
  const drafter = a.isRecorder || a.isConvener;
  return {
    edit: drafter && status === 'draft',
    submit: drafter && status === 'draft',
    returnToDraft: (a.isHead || a.isChair) && status === 'in_review',
    issue: a.isHead && status === 'in_review',
    correct: a.isHead && status === 'issued',
  };
}
