import { randomUUID } from 'node:crypto';
import type { Services, Tx } from '../../platform/services.js';

export interface NoticeInput {
  unitId: string;
  userIds: readonly string[];
  kind: string;
  subjectType: string;
  subjectId: string;
  title: string;
  body: string;
}

/**
 * In-app notices (the bell): written in the transaction of the change they tell
 * about, so a notice never announces something that did not happen. E-mail
 * delivery of the same notices comes with the distribution issue.
 */
export async function notify(s: Services, trx: Tx, n: NoticeInput): Promise<void> {
  const users = [...new Set(n.userIds)];
  if (users.length === 0) return;
  const now = s.clock.now().toISOString();
  await trx
    .insertInto('notices')
    .values(
      users.map((userId) => ({
        id: randomUUID(),
        unit_id: n.unitId,
        user_id: userId,
        kind: n.kind,
        subject_type: n.subjectType,
        subject_id: n.subjectId,
        title: n.title.slice(0, 200),
        body: n.body.slice(0, 2000),
        created_at: now,
        read_at: null,
      })),
    )
    .execute();
}
