import { on, type DomainEvents } from './platform/events.js';
import type { Services, Tx } from './platform/services.js';
import { ensureDistribution, recomputeDeadlines } from './modules/distribution/distribution.js';
import { rerenderDrafts } from './modules/minutes/minutes-commands.js';
import { createItemsForMinutes } from './modules/tracking/create-items.js';
import { indexObject } from './modules/search/indexer.js';

/* The reactions, defined once so that wiring twice subscribes nothing twice. */
async function startDistributionClock(s: Services, trx: Tx, { meetingId }: DomainEvents['meeting.closed']) {
  await ensureDistribution(s, trx, meetingId);
}
function rerenderMinutes(s: Services, trx: Tx, { meetingId, actor, ip }: DomainEvents['record.amended']) {
  return rerenderDrafts(s, trx, actor, meetingId, ip);
}
function recomputeDistributionDeadlines(s: Services, trx: Tx, { unitId, from, to }: DomainEvents['calendar.changed']) {
  return recomputeDeadlines(s, trx, unitId, { from, to });
}
async function reindexObject(s: Services, trx: Tx, { unitId, source, id }: DomainEvents['search.stale']) {
  await indexObject(s, trx, unitId, source, id);
}

/**
 * The composition root of the domain events: which module reacts to which
 * other module's change (server/platform/events.ts). Called by createApp and
 * by every entry point that runs use cases; calling it twice changes nothing.
 */
export function wire(): void {
  on('meeting.closed', startDistributionClock);
  on('record.amended', rerenderMinutes);
  on('calendar.changed', recomputeDistributionDeadlines);
  on('minutes.issued', createItemsForMinutes);
  on('search.stale', reindexObject);
}
