import { can, type Actor } from '../policy.js';
import { positionIn } from '../topics.js';
import { canRun, type TrackingCommand, type TrackingStatus } from '../tracking.js';

/**
 * Who may do what to a tracked item (督办事项, R6.2, R6.4), pure. The use case
 * refuses with it (404 when `read` is false, 403 when the actor may see the
 * item but not act, 409 when the state forbids it) and the DTO carries the same answers.
 */
export interface ItemFacts {
  status: TrackingStatus;
  /** The division accountable for the item: the responsible division, or the responsible person's. */
  divisionId: string;
  /** The division whose meeting decided it. */
  sourceDivisionId: string;
  responsibleUserId: string | null;
  responsibleDivisionId: string | null;
  coResponsibleIds: readonly string[];
  /** Migrated or recorded without a party or deadline: the head completes it first. */
  needsCompletion: boolean;
  /** The responsible person is the head of `divisionId`, or the division itself is responsible. */
  headsOwn: boolean;
  hasPendingExtension: boolean;
  /** today ≤ deadline (Asia/Shanghai). */
  beforeDeadline: boolean;
}

export type TrackingScope = 'mine' | 'division' | 'supervised' | 'all';

function inSupervisionOffice(actor: Actor): boolean {
  return actor.memberships.some((m) => m.divisionKind === 'supervision_office');
}
function leads(actor: Actor, divisionId: string): boolean {
  const p = positionIn(actor, divisionId);
  return p === 'head' || p === 'deputy';
}

/** Executes the item: the responsible person, or the leaders of the responsible division. */
export function isHandler(actor: Actor, i: ItemFacts): boolean {
  if (i.responsibleUserId) return i.responsibleUserId === actor.userId;
  return i.responsibleDivisionId !== null && leads(actor, i.responsibleDivisionId);
}

/** Decides completion and extensions: the division's head; for the head's own items its supervising leader. */
export function isDecider(actor: Actor, i: ItemFacts): boolean {
  if (i.headsOwn) return actor.supervisedDivisionIds.includes(i.divisionId);
  return positionIn(actor, i.divisionId) === 'head';
}

/** The scopes of the ledger an actor may read, widest last. */
export function trackingScopes(actor: Actor): TrackingScope[] {
  const out: TrackingScope[] = ['mine'];
  if (actor.memberships.some((m) => m.position === 'head' || m.position === 'deputy')) out.push('division');
  if (actor.supervisedDivisionIds.length > 0) out.push('supervised');
  if (can(actor, 'division.read_all')) out.push('all');
  return out;
}

export function trackingAbilities(actor: Actor, i: ItemFacts) {
  const read =
    can(actor, 'division.read_all') ||
    i.responsibleUserId === actor.userId ||
    i.coResponsibleIds.includes(actor.userId) ||
    leads(actor, i.divisionId) ||
    leads(actor, i.sourceDivisionId) ||
    (i.responsibleDivisionId !== null && positionIn(actor, i.responsibleDivisionId) !== null) ||
    actor.supervisedDivisionIds.includes(i.divisionId) ||
    actor.supervisedDivisionIds.includes(i.sourceDivisionId);
  const handler = read && isHandler(actor, i);
  const decider = read && isDecider(actor, i);
  const state = (c: TrackingCommand) => canRun(i.status, c) && !i.needsCompletion;
  /** Who may, whatever the state: a refusal on these grounds is 403, on the state's 409. */
  const may = {
    read,
    assign: read && positionIn(actor, i.sourceDivisionId) === 'head',
    report: handler || (read && i.coResponsibleIds.includes(actor.userId)),
    requestCompletion: handler,
    confirm: decider,
    return: decider,
    verify: read && inSupervisionOffice(actor),
    requestExtension: handler,
    decideExtension: decider,
    // Ending an item needs a later meeting's decision: the head of the meeting's division records it.
    terminate: read && positionIn(actor, i.sourceDivisionId) === 'head',
  };
  return {
    may,
    now: {
      assign: may.assign && i.needsCompletion && canRun(i.status, 'terminate'),
      report: may.report && state('report'),
      requestCompletion: may.requestCompletion && state('request_completion'),
      confirm: may.confirm && state('confirm'),
      return: may.return && state('return'),
      verify: may.verify && state('verify'),
      requestExtension:
        may.requestExtension && state('request_extension') && i.beforeDeadline && !i.hasPendingExtension,
      decideExtension: may.decideExtension && i.hasPendingExtension && canRun(i.status, 'terminate'),
      terminate: may.terminate && canRun(i.status, 'terminate'),
    },
  };
}
export type TrackingAbilities = ReturnType<typeof trackingAbilities>['now'];

/**
 * Whose execution scores (考评, R6.2) an actor may see: the supervision office,
 * the principal leaders and the discipline secretary all divisions; a head or
 * deputy their own division; a supervising leader the divisions they supervise.
 * Nobody else (an empty list is a 403).
 */
export function scoreDivisions(actor: Actor): 'all' | string[] {
  if (can(actor, 'division.read_all')) return 'all';
  const led = actor.memberships
    .filter((m) => m.position === 'head' || m.position === 'deputy')
    .map((m) => m.divisionId);
  return [...new Set([...led, ...actor.supervisedDivisionIds])];
}
