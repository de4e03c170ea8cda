import type { Services } from '../../platform/services.js';
import { subjectPath } from '../../../core/links.js';

/** Attempts before a notice's e-mail is given up (the in-app notice stays either way). */
export const MAX_EMAIL_ATTEMPTS = 6;
/** While one process sends a message, others leave it alone for this long. */
const LEASE_MS = 5 * 60_000;

/** 1, 2, 4, 8, 16 minutes after the 1st…5th failure. */
export function backoffMs(attempts: number): number {
  return 60_000 * 2 ** Math.max(0, attempts - 1);
}

export interface OutboxReport {
  sent: number;
  failed: number;
  gaveUp: number;
}

/**
 * Delivers queued e-mails of notices. Each message is leased with a conditional
 * update first, so two processes never send the same one; a failure is retried
 * with exponential backoff and never touches the in-app notice.
 */
export async function deliverEmails(s: Services, limit = 50): Promise<OutboxReport> {
  const report: OutboxReport = { sent: 0, failed: 0, gaveUp: 0 };
  if (!s.mailer.status().enabled) return report;
  const now = s.clock.now();
  const nowIso = now.toISOString();
  const due = await s.db.kysely
    .selectFrom('notices as n')
    .innerJoin('users as u', 'u.id', 'n.user_id')
    .select([
      'n.id',
      'n.title',
      'n.body',
      'n.subject_type',
      'n.subject_id',
      'n.email_attempts',
      'n.email_next_at',
      'u.email',
      'u.display_name',
    ])
    .where('n.email_status', '=', 'pending')
    .where('n.email_next_at', '<=', nowIso)
    .orderBy('n.created_at')
    .limit(limit)
    .execute();
  for (const m of due) {
    const lease = await s.db.kysely
      .updateTable('notices')
      .set({ email_next_at: new Date(now.getTime() + LEASE_MS).toISOString() })
      .where('id', '=', m.id)
      .where('email_status', '=', 'pending')
      .where('email_next_at', '=', m.email_next_at)
      .executeTakeFirst();
    if (Number(lease.numUpdatedRows) !== 1) continue; // another process has it
    const link = `${s.config.publicUrl.replace(/\/$/, '')}${subjectPath(m.subject_type, m.subject_id)}`;
    try {
      if (!m.email) throw new Error('收件人没有电子邮箱地址');
      await s.mailer.send({
        to: m.email,
        subject: `【纪要系统】${m.title}`,
        text: `${m.display_name}：\n\n${m.body}\n\n查看详情：${link}\n\n（本邮件由纪要系统自动发送，请勿直接回复。）`,
        messageId: `<notice-${m.id}@jiyao>`,
      });
      await s.db.kysely
        .updateTable('notices')
        .set({ email_status: 'sent', email_sent_at: s.clock.now().toISOString(), email_error: null })
        .where('id', '=', m.id)
        .execute();
      report.sent++;
    } catch (e) {
      const attempts = Number(m.email_attempts) + 1;
      const gaveUp = attempts >= MAX_EMAIL_ATTEMPTS;
      await s.db.kysely
        .updateTable('notices')
        .set({
          email_attempts: attempts,
          email_status: gaveUp ? 'failed' : 'pending',
          email_next_at: gaveUp ? null : new Date(now.getTime() + backoffMs(attempts)).toISOString(),
          email_error: (e instanceof Error ? e.message : String(e)).slice(0, 500),
        })
        .where('id', '=', m.id)
        .execute();
      if (gaveUp) report.gaveUp++;
      else report.failed++;
    }
  }
  return report;
}
