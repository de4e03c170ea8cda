import { isImportantMatter } from '../../../core/topics.js';
import type { TopicListRow } from './topic-list.repository.js';

export function topicSummaryDto(r: TopicListRow) {
  return {
    id: r.id,
    divisionId: r.divisionId,
    divisionName: r.divisionName,
    proposerName: r.proposerName,
    title: r.title,
    category: r.category,
    status: r.status,
    matterFlags: r.matterFlags,
    importantMatter: isImportantMatter({ important: r.important, matterFlags: r.matterFlags }),
    attachmentCount: r.attachmentCount,
    updatedAt: r.updatedAt,
  };
}
