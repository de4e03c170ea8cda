import type { DistributionPurpose } from '../distribution.js';

/**
 * Who may do what to a distribution entry (R5.8–R5.10): its recipient confirms
 * 已阅 (once; the first time is kept); only the supervision office signs for a
 * filing, and only one addressed to it.
 */
export interface EntryFacts {
  purpose: DistributionPurpose;
  readAt: string | null;
  receivedAt: string | null;
}
export interface EntryActor {
  /** Addressed to this person, or to an office they belong to. */
  isRecipient: boolean;
  /** Member of the supervision office (policy action filing.receive). */
  receivesFilings: boolean;
}

export function entryAbilities(a: EntryActor, e: EntryFacts) {
  return {
    confirmRead: a.isRecipient && e.purpose !== 'file' && e.readAt === null,
    receive: a.isRecipient && a.receivesFilings && e.purpose === 'file' && e.receivedAt === null,
  };
}
