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
 * about, so a notice never announces something that did not happen. When e-mail
 * is on, each notice to someone with an address is also queued for e-mail
 * (`email_status = pending`); the outbox delivers it after the commit.
 */
export async function notify(s: Services, trx: Tx, n: NoticeInput): Promise<void> {
  await notifyEach(s, trx, n);
}

/** `notify`, answering which notice each recipient got (a reminder keeps them for its read receipts). */
export async function notifyEach(
  s: Services,
  trx: Tx,
  n: NoticeInput,
): Promise<Array<{ userId: string; noticeId: string }>> {
  const users = [...new Set(n.userIds)];
  if (users.length === 0) return [];
  const now = s.clock.now().toISOString();
  const withMail = new Set<string>();
  if (s.mailer.status().enabled) {
    const rows = await trx
      .selectFrom('users')
      .select(['id', 'email'])
      .where('id', 'in', users)
      .where('active', '=', 1)
      .execute();
    for (const r of rows) if (r.email && r.email.includes('@')) withMail.add(r.id);
  }
  const sent = users.map((userId) => ({ userId, noticeId: randomUUID() }));
  await trx
    .insertInto('notices')
    .values(
      sent.map(({ userId, noticeId }) => ({
        id: noticeId,
        unit_id: n.unitId,
        user_id: userId,
        kind: n.kind,
        subject_type: n.subjectType,
        subject_id: n.subjectId,
        title: n.title.slice(0, 200),
        body: n.body.slice(0, 2000),
        created_at: now,
        read_at: null,
        email_status: withMail.has(userId) ? 'pending' : 'none',
        email_next_at: withMail.has(userId) ? now : null,
      })),
    )
    .execute();
  return sent;
}

/**
 * A notice asking someone to act is done when its matter is done (approved,
 * decided, signed): it leaves the unread count, and an e-mail not yet sent for
 * it is not sent.
 */
export async function settleNotices(
  s: Services,
  trx: Tx,
  n: { subjectType: string; subjectId: string; kinds: readonly string[] },
): Promise<void> {
  if (n.kinds.length === 0) return;
  const now = s.clock.now().toISOString();
  await trx
    .updateTable('notices')
    .set({ read_at: now })
    .where('subject_type', '=', n.subjectType)
    .where('subject_id', '=', n.subjectId)
    .where('kind', 'in', n.kinds)
    .where('read_at', 'is', null)
    .execute();
  await trx
    .updateTable('notices')
    .set({ email_status: 'skipped', email_next_at: null })
    .where('subject_type', '=', n.subjectType)
    .where('subject_id', '=', n.subjectId)
    .where('kind', 'in', n.kinds)
    .where('email_status', '=', 'pending')
    .execute();
}
