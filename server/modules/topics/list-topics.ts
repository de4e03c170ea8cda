import type { Actor } from '../../../core/policy.js';
import type { TopicStatus } from '../../../core/topics.js';
import type { Services } from '../../platform/services.js';
import { visibleDivisionsFiltered } from './topics.repository.js';
import { topicPage } from './topic-list.repository.js';
import { topicSummaryDto } from './topics.presenter.js';

/** A page of the topics the actor may see. */
export async function listTopics(
  s: Services,
  actor: Actor,
  f: { divisionId?: string; status?: TopicStatus; pool?: 'true' | 'false'; page: number; pageSize: number },
) {
  const visible = await visibleDivisionsFiltered(s.db.kysely, actor, f.divisionId);
  const { rows, total } = await topicPage(s.db.kysely, actor, visible, f);
  return { items: rows.map(topicSummaryDto), total, page: f.page, pageSize: f.pageSize };
}
