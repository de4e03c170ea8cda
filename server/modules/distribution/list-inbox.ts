import { AppError } from '../../../core/errors.js';
import { can, type Actor } from '../../../core/policy.js';
import type { Services } from '../../platform/services.js';
import { keysetPage, type PageRequest } from '../../platform/db/cursor.js';
import { entryDto } from './distribution.repository.js';
import { filingEntries, readingEntries, type InboxState } from './inbox.repository.js';

/** A page of the actor's 待阅 list (box=reading) or the supervision office's 报备 inbox (box=filing), newest first. */
export async function listInbox(
  s: Services,
  actor: Actor,
  f: { box: 'reading' | 'filing'; state: InboxState } & PageRequest,
) {
  let q;
  if (f.box === 'reading') q = readingEntries(s.db.kysely, actor, f.state);
  else {
    if (!can(actor, 'filing.receive')) throw new AppError('FORBIDDEN', '报备收件箱仅供监察室使用');
    const offices = actor.memberships.filter((m) => m.divisionKind === 'supervision_office').map((m) => m.divisionId);
    q = filingEntries(s.db.kysely, actor.unitId, offices, f.state);
  }
  const page = await keysetPage(
    q,
    { columns: ['e.sent_at', 'e.id'], types: ['string', 'string'], direction: 'desc', key: (r) => [r.sent_at, r.id] },
    f,
  );
  return { items: page.items.map((r) => entryDto(actor, r)), nextCursor: page.nextCursor };
}
