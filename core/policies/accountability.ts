import { can, hasRole, isAdministrator, type Actor } from '../policy.js';
import { canStep, subjectsNotified, type CaseStatus, type CaseStep } from '../accountability.js';

/**
 * Who may do what to an accountability case (R6.3, R6.4), pure. The use case
 * refuses with it — 404 when the actor may not see the case at all, 403 when
 * they see it but may not take the step, 409 when the state forbids it — and
 * the DTO carries the same answers, so the page offers only what the server allows.
 */
export interface CaseFacts {
  status: CaseStatus;
  /** The persons concerned (当事人). */
  subjectIds: readonly string[];
}

/**
 * - full: the supervision office, the discipline secretary, the principal leaders — the whole case;
 * - concerned: a person concerned, once told (from 调查 on) — their notice, their statement, the decision;
 * - null: everyone else, the three administrators included (404).
 * A handler who is themselves concerned sees only what any person concerned sees.
 */
export type CaseAccess = 'full' | 'concerned' | null;

export function caseAccess(actor: Actor, c: CaseFacts): CaseAccess {
  if (c.subjectIds.includes(actor.userId)) return subjectsNotified(c.status) ? 'concerned' : null;
  return can(actor, 'case.read') ? 'full' : null;
}

/** The supervision office and the discipline secretary run the case (R6.4). */
function handles(actor: Actor): boolean {
  return can(actor, 'case.open');
}
/** The decision is the bureau leadership's: the discipline secretary or a principal leader records it. */
function decides(actor: Actor): boolean {
  return !isAdministrator(actor) && (hasRole(actor, 'discipline_secretary') || hasRole(actor, 'principal_leader'));
}

export type CaseAbilityKey = CaseStep | 'verify';

export function caseAbilities(actor: Actor, c: CaseFacts) {
  const access = caseAccess(actor, c);
  const full = access === 'full';
  /** Who may, whatever the state: a refusal on these grounds is 403, on the state's 409. */
  const may: Record<CaseAbilityKey, boolean> = {
    preliminary: full && handles(actor),
    file: full && handles(actor),
    dismiss: full && handles(actor),
    investigate: full && handles(actor),
    statement: access === 'concerned',
    evidence: full && handles(actor),
    propose: full && handles(actor),
    decide: full && decides(actor),
    archive: full && handles(actor),
    verify: full,
  };
  const state = (s: CaseStep) => may[s] && canStep(c.status, s);
  const now: Record<CaseAbilityKey, boolean> = {
    preliminary: state('preliminary'),
    file: state('file'),
    dismiss: state('dismiss'),
    // Somebody must be concerned before anybody can be told.
    investigate: state('investigate') && c.subjectIds.length > 0,
    statement: state('statement'),
    evidence: state('evidence'),
    propose: state('propose'),
    decide: state('decide'),
    archive: state('archive'),
    verify: may.verify,
  };
  return { access, may, now };
}
export type CaseAbilities = ReturnType<typeof caseAbilities>['now'];
