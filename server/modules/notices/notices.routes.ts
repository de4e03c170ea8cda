import { z } from 'zod';
import { id, page } from '../../../core/contracts.js';
import { noticeDto } from '../../../core/contracts-topics.js';
import { AppError } from '../../../core/errors.js';
import type { Services } from '../../platform/services.js';
import type { ZApp } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth.plugin.js';
import { toNumber } from '../../platform/db/database.js';

export function noticesRoutes(app: ZApp, s: Services): void {
  app.get(
    '/api/notices',
    {
      schema: {
        tags: ['notices'],
        summary: '我的通知',
        querystring: z.strictObject({
          unread: z.enum(['true', 'false']).optional(),
          page: z.coerce.number().int().min(1).max(10000).default(1),
          pageSize: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: { 200: page(noticeDto).extend({ unread: z.number() }) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      let q = s.db.kysely.selectFrom('notices').where('unit_id', '=', actor.unitId).where('user_id', '=', actor.userId);
      if (req.query.unread === 'true') q = q.where('read_at', 'is', null);
      const [rows, total, unread] = await Promise.all([
        q
          .selectAll()
          .orderBy('created_at', 'desc')
          .limit(req.query.pageSize)
          .offset((req.query.page - 1) * req.query.pageSize)
          .execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        s.db.kysely
          .selectFrom('notices')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('unit_id', '=', actor.unitId)
          .where('user_id', '=', actor.userId)
          .where('read_at', 'is', null)
          .executeTakeFirstOrThrow(),
      ]);
      return {
        items: rows.map((r) => ({
          id: r.id,
          kind: r.kind,
          subjectType: r.subject_type,
          subjectId: r.subject_id,
          title: r.title,
          body: r.body,
          createdAt: r.created_at,
          readAt: r.read_at,
        })),
        total: toNumber(total.n),
        unread: toNumber(unread.n),
        page: req.query.page,
        pageSize: req.query.pageSize,
      };
    },
  );

  app.post(
    '/api/notices/:id/read',
    { schema: { tags: ['notices'], summary: '标为已读', params: z.strictObject({ id }) } },
    async (req, reply) => {
      const actor = actorOf(req);
      const res = await s.db.kysely
        .updateTable('notices')
        .set({ read_at: s.clock.now().toISOString() })
        .where('id', '=', req.params.id)
        .where('unit_id', '=', actor.unitId)
        .where('user_id', '=', actor.userId)
        .where('read_at', 'is', null)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) {
        const exists = await s.db.kysely
          .selectFrom('notices')
          .select('id')
          .where('id', '=', req.params.id)
          .where('user_id', '=', actor.userId)
          .executeTakeFirst();
        if (!exists) throw new AppError('NOT_FOUND');
      }
      return reply.code(204).send();
    },
  );

  app.post('/api/notices/read-all', { schema: { tags: ['notices'], summary: '全部标为已读' } }, async (req, reply) => {
    const actor = actorOf(req);
    await s.db.kysely
      .updateTable('notices')
      .set({ read_at: s.clock.now().toISOString() })
      .where('unit_id', '=', actor.unitId)
      .where('user_id', '=', actor.userId)
      .where('read_at', 'is', null)
      .execute();
    return reply.code(204).send();
  });
}
