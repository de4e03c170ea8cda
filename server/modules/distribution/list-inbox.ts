import { AppError } from '../../../core/errors.js';
import { can, type Actor } from '../../../core/policy.js';
import type { DistributionEntryDto } from '../../../core/contracts/distribution.js';
import type { Services } from '../../platform/services.js';
import { entryDto } from './distribution.repository.js';
import { filingEntries, readingEntries, type InboxState } from './inbox.repository.js';

/** The actor's 待阅 list (box=reading) or the supervision office's 报备 inbox (box=filing). */
export async function listInbox(
  s: Services,
  actor: Actor,
  f: { box: 'reading' | 'filing'; state: InboxState },
): Promise<DistributionEntryDto[]> {
  let q;
  if (f.box === 'reading') q = readingEntries(s.db.kysely, actor, f.state);
  else {
    if (!can(actor, 'filing.receive')) throw new AppError('FORBIDDEN', '报备收件箱仅供监察室使用');
    const offices = actor.memberships.filter((m) => m.divisionKind === 'supervision_office').map((m) => m.divisionId);
    q = filingEntries(s.db.kysely, actor.unitId, offices, f.state);
  }
  const rows = await q.orderBy('e.sent_at', 'desc').limit(500).execute();
  return rows.map((r) => entryDto(actor, r));
}
