import {
  complianceCellDetailDto,
  complianceCellQuery,
  complianceMatrixDto,
  complianceQuery,
} from '../../../core/contracts/oversight.js';
import type { Services } from '../../platform/services.js';
import type { ZApp } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth.plugin.js';
import { viewCompliance, viewComplianceCell } from './view-compliance.js';

const tags = ['oversight'];

/**
 * R6.4: the supervision office's inspection of the regime. The matrix is bounded
 * by the org chart and at most twelve months, so it is one whole answer, not a
 * cursor list; a cell's evidence is bounded by one division's month.
 */
export function oversightRoutes(app: ZApp, s: Services): void {
  app.get(
    '/api/oversight/compliance',
    {
      schema: {
        tags,
        summary: '制度执行情况检查表：各处室、各月份、各检查项（监察室、办公室、局主要领导、局纪委书记）',
        querystring: complianceQuery,
        response: { 200: complianceMatrixDto },
      },
    },
    async (req) => viewCompliance(s, actorOf(req), req.query),
  );
  app.get(
    '/api/oversight/compliance/cell',
    {
      schema: {
        tags,
        summary: '检查表中一格的依据：逐项列出会议、纪要、附件、督办事项',
        querystring: complianceCellQuery,
        response: { 200: complianceCellDetailDto },
      },
    },
    async (req) => viewComplianceCell(s, actorOf(req), req.query),
  );
}
