import type { Actor } from '../../../core/policy.js';
import type { TopicStatus } from '../../../core/topics.js';
import type { Services } from '../../platform/services.js';
import type { PageRequest } from '../../platform/db/cursor.js';
import { visibleDivisionsFiltered } from './topics.repository.js';
import { topicPage } from './topic-list.repository.js';
import { topicSummaryDto } from './topics.presenter.js';

/** A page of the topics the actor may see. */
export async function listTopics(
  s: Services,
  actor: Actor,
  f: {
    divisionId?: string | undefined;
    status?: TopicStatus | undefined;
    pool?: 'true' | 'false' | undefined;
  } & PageRequest,
) {
  const visible = await visibleDivisionsFiltered(s.db, actor, f.divisionId);
  const { rows, nextCursor } = await topicPage(s.db.kysely, actor, visible, f);
  return { items: rows.map(topicSummaryDto), nextCursor };
}
