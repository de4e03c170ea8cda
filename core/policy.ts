import type { DivisionKind, Position, UnitRole } from './org.js';

/** A division the actor belongs to, with their position there. */
export interface Membership {
  divisionId: string;
  divisionName: string;
  divisionKind: DivisionKind;
  position: Position;
  isRecorder: boolean;
}

/** Who is acting: loaded once per request from the session. */
export interface Actor {
  userId: string;
  unitId: string;
  username: string;
  displayName: string;
  roles: readonly UnitRole[];
  memberships: readonly Membership[];
  /** Divisions this actor supervises as 分管领导. */
  supervisedDivisionIds: readonly string[];
}

/**
 * Everything the policy decides. Abilities are sent to the UI with `/api/me`, so
 * it offers only what the server would allow; the server checks the same function.
 */
export const ACTIONS = [
  'org.read',
  'org.manage',
  'user.unlock',
  'user.lock',
  'security.read',
  'security.manage',
  'regime.read',
  'regime.manage',
  'audit.read',
  'division.read_all',
  'calendar.manage',
  'filing.receive',
  'integrity.read',
  'case.read',
  'case.open',
  'oversight.read',
  'compliance.read',
  'register.manage',
  'inspection.prepare',
  'inspection.conclude',
  'archive.read',
  'archive.manage',
] as const;
export type Action = (typeof ACTIONS)[number];

export function hasRole(actor: Pick<Actor, 'roles'>, role: UnitRole): boolean {
  return actor.roles.includes(role);
}

function inSupervisionOffice(actor: Pick<Actor, 'memberships'>): boolean {
  return actor.memberships.some((m) => m.divisionKind === 'supervision_office');
}

function inGeneralOffice(actor: Pick<Actor, 'memberships'>): boolean {
  return actor.memberships.some((m) => m.divisionKind === 'general_office');
}

/** One of the three administrators (三员): none of them reads business, cases least of all. */
export function isAdministrator(actor: Pick<Actor, 'roles'>): boolean {
  return actor.roles.some((r) => r === 'system_admin' || r === 'security_admin' || r === 'audit_admin');
}

/**
 * The permission policy, pure. The three administrators are separate (三员分立):
 * the system admin runs the organisation but cannot read the audit log, the
 * security admin alone changes security settings, the audit admin only reads the log.
 */
export function can(actor: Actor, action: Action): boolean {
  switch (action) {
    case 'org.read':
      return hasRole(actor, 'system_admin') || hasRole(actor, 'security_admin');
    case 'org.manage':
      return hasRole(actor, 'system_admin');
    case 'user.lock':
      // 等保: the security admin may lock an account at once (a suspected compromise).
      return hasRole(actor, 'security_admin');
    case 'user.unlock':
      return hasRole(actor, 'system_admin') || hasRole(actor, 'security_admin');
    case 'security.read':
      return hasRole(actor, 'security_admin') || hasRole(actor, 'system_admin');
    case 'security.manage':
      return hasRole(actor, 'security_admin');
    case 'regime.read':
      return true;
    case 'regime.manage':
      return hasRole(actor, 'system_admin');
    case 'audit.read':
      return hasRole(actor, 'audit_admin');
    case 'division.read_all':
      return hasRole(actor, 'principal_leader') || hasRole(actor, 'discipline_secretary') || inSupervisionOffice(actor);
    case 'calendar.manage':
      // The working-day calendar is kept by the general office (or the system admin).
      return hasRole(actor, 'system_admin') || actor.memberships.some((m) => m.divisionKind === 'general_office');
    case 'filing.receive':
      // R5.10: the supervision office signs for filed minutes.
      return inSupervisionOffice(actor);
    case 'integrity.read':
      // R5.7: the supervision office checks that archived minutes and material are intact.
      return inSupervisionOffice(actor);
    case 'case.read':
      // R6.3: accountability cases are seen by the supervision office, the discipline
      // secretary and the principal leaders — never by an administrator.
      return (
        !isAdministrator(actor) &&
        (hasRole(actor, 'principal_leader') || hasRole(actor, 'discipline_secretary') || inSupervisionOffice(actor))
      );
    case 'case.open':
      // R6.3 / R6.4: the supervision office or the discipline secretary opens and runs a case.
      return !isAdministrator(actor) && (hasRole(actor, 'discipline_secretary') || inSupervisionOffice(actor));
    case 'oversight.read':
      // R6.4: the bureau's inspection of the regime (the whole matrix, the registers).
      return readsBureauOversight(actor);
    case 'compliance.read':
      // R6.4: the compliance matrix within the actor's scope (see complianceScope).
      return complianceScope(actor) !== null;
    case 'register.manage':
      // R4.1 / R6.4: the supervision office (and the general office, which assists) imports the
      // bureau's registers and reviews their matches; never an administrator.
      return !isAdministrator(actor) && (inSupervisionOffice(actor) || inGeneralOffice(actor));
    case 'inspection.prepare':
      // R6.4: the supervision office plans and carries out inspections; the general office
      // assists — it may draft the plan, work through the sample and register findings.
      return !isAdministrator(actor) && (inSupervisionOffice(actor) || inGeneralOffice(actor));
    case 'inspection.conclude':
      // R6.4: only the supervision office sends 整改通知, verifies rectifications and concludes.
      return !isAdministrator(actor) && inSupervisionOffice(actor);
    case 'archive.read':
      // R5.7: the general office keeps the archive; the supervision office reads and verifies it
      // (integrity is theirs too). Nobody else, no administrator.
      return !isAdministrator(actor) && (inGeneralOffice(actor) || inSupervisionOffice(actor));
    case 'archive.manage':
      // R5.7 / R1.3: the general office archives a division's year and runs the appraisal (到期鉴定).
      return !isAdministrator(actor) && inGeneralOffice(actor);
  }
}

/**
 * R6.4: the supervision office leads the inspection of the regime, the general office
 * assists; the principal leaders and the discipline secretary read it too — the whole
 * bureau. Never an administrator.
 */
function readsBureauOversight(actor: Pick<Actor, 'roles' | 'memberships'>): boolean {
  return (
    !isAdministrator(actor) &&
    (hasRole(actor, 'principal_leader') ||
      hasRole(actor, 'discipline_secretary') ||
      inSupervisionOffice(actor) ||
      inGeneralOffice(actor))
  );
}

/** What the compliance matrix (R6.4) shows an actor: the bureau, or some divisions. */
export type ComplianceScope = { kind: 'bureau' } | { kind: 'divisions'; divisionIds: string[] };

/** The facts the scope is decided on: an `Actor` on the server, `/api/me` on the page. */
export type ComplianceScopeFacts = Pick<Actor, 'roles' | 'memberships' | 'supervisedDivisionIds'>;

/**
 * R6.4, who reads which rows of the compliance matrix, pure (the server filters with it,
 * the page names the scope with it):
 * - the supervision office, the general office, principal leaders, the discipline
 *   secretary: the bureau;
 * - a supervising leader: the divisions they supervise;
 * - a division's head or deputy (处室负责人): their own division, so it can correct
 *   before it is inspected (both, when one person is both);
 * - anyone else, the three administrators always: null (404).
 */
export function complianceScope(actor: ComplianceScopeFacts): ComplianceScope | null {
  if (isAdministrator(actor)) return null;
  if (readsBureauOversight(actor)) return { kind: 'bureau' };
  const ids = new Set<string>();
  if (actor.roles.includes('supervising_leader')) for (const d of actor.supervisedDivisionIds) ids.add(d);
  for (const m of actor.memberships)
    if ((m.position === 'head' || m.position === 'deputy') && m.divisionKind !== 'leadership') ids.add(m.divisionId);
  return ids.size > 0 ? { kind: 'divisions', divisionIds: [...ids] } : null;
}

/** The divisions of `all` (in their order) a scope covers. */
export function inComplianceScope(scope: ComplianceScope, all: readonly string[]): string[] {
  if (scope.kind === 'bureau') return [...all];
  const ids = new Set(scope.divisionIds);
  return all.filter((d) => ids.has(d));
}

export type Abilities = Record<Action, boolean>;

export function abilitiesOf(actor: Actor): Abilities {
  return Object.fromEntries(ACTIONS.map((a) => [a, can(actor, a)])) as Abilities;
}

/** Divisions whose business the actor may see (R3/R6 visibility): own, supervised, or all. */
export function visibleDivisionIds(actor: Actor, allDivisionIds: readonly string[]): string[] {
  if (can(actor, 'division.read_all')) return [...allDivisionIds];
  const ids = new Set<string>([...actor.memberships.map((m) => m.divisionId), ...actor.supervisedDivisionIds]);
  return allDivisionIds.filter((id) => ids.has(id));
}
