import type { Actor } from '../../core/policy.js';
import type { SearchSource } from '../../core/search.js';
import type { Services, Tx } from './services.js';

/**
 * Domain events between modules, handled in the transaction of the change that
 * raised them. A module that must react to another's change subscribes here
 * instead of being imported by it, so the modules form no cycle: meetings does
 * not import distribution, record does not import minutes, calendar does not
 * import distribution. The composition root (`server/wiring.ts`) subscribes.
 */
export interface DomainEvents {
  /** R5.8–R5.10: the distribution clock runs from a closed meeting's day. */
  'meeting.closed': { meetingId: string };
  /** R5.4: an amended record renders the open drafts of its minutes again. */
  'record.amended': { meetingId: string; actor: Actor; ip: string | null };
  /** The working-day calendar changed on the days from…to: deadlines touching them are computed again. */
  'calendar.changed': { unitId: string; from: string; to: string };
  /** R6.2: issued minutes (not a correction) make their decisions tracked items, in the issuing transaction. */
  'minutes.issued': { minutesId: string; actor: Actor; ip: string | null };
  /**
   * R1.3: the findable text or facts of an object changed (a topic saved, a record saved, minutes
   * issued, an item reported …): its rows of the search index are rebuilt in the same transaction.
   */
  'search.stale': { unitId: string; source: SearchSource; id: string };
}
export type EventName = keyof DomainEvents;

/** A handler may answer with a count (e.g. how many deadlines it recomputed). */
type Handler<E extends EventName> = (s: Services, trx: Tx, payload: DomainEvents[E]) => Promise<number | void>;

const handlers: { [E in EventName]?: Array<Handler<E>> } = {};

/** Subscribes a handler; subscribing the same function twice changes nothing. */
export function on<E extends EventName>(event: E, handler: Handler<E>): void {
  const list = (handlers[event] ??= []) as Array<Handler<E>>;
  if (!list.includes(handler)) list.push(handler);
}

/**
 * Runs every handler of the event in `trx`, in order, and sums their counts.
 * Every event has a reader: an event nobody handles is a wiring bug, refused.
 */
export async function emit<E extends EventName>(
  s: Services,
  trx: Tx,
  event: E,
  payload: DomainEvents[E],
): Promise<number> {
  const list = (handlers[event] ?? []) as Array<Handler<E>>;
  if (list.length === 0) throw new Error(`no handler for domain event ${event}: server/wiring.ts was not run`);
  let n = 0;
  for (const h of list) n += (await h(s, trx, payload)) ?? 0;
  return n;
}
