import { searchQuery, searchResultDto } from '../../../core/contracts/search.js';
import type { Services } from '../../platform/services.js';
import type { ZApp } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth.plugin.js';
import { searchDocuments } from './search-documents.js';

/** R1.3: one search over everything the actor may open. */
export function searchRoutes(app: ZApp, s: Services): void {
  app.get(
    '/api/search',
    {
      schema: {
        tags: ['search'],
        summary: '全文检索：纪要、会议记录与发言、议定事项、督办事项、议题及其材料（仅限有权查看的内容）',
        querystring: searchQuery,
        response: { 200: searchResultDto },
      },
    },
    async (req) => searchDocuments(s, actorOf(req), req.query),
  );
}
