import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../../test/harness.js';
import { holdMeeting, issueAt } from '../../test/flows.js';
import { walkPages } from '../../test/pages.js';
import { AUDIT_EVENTS, isAuditAction } from '../../../core/audit-events.js';
import type { AuditEventDto } from '../../../core/contracts/audit.js';

describe('the audit log speaks Chinese and names its objects', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness();
  });
  afterAll(async () => h.close());

  it('every action written by a meeting’s whole walk is a listed event with a Chinese label', async () => {
    const m = await holdMeeting(h, '2026-11-03T09:00:00+08:00', '审计标签例会');
    await issueAt(h, m.id, '2026-11-03T15:00:00+08:00');
    const actions = await h.s.db.kysely.selectFrom('audit_events').select('action').distinct().execute();
    const unlisted = actions.map((a) => a.action).filter((a) => !isAuditAction(a));
    expect(unlisted).toEqual([]);
    for (const [, e] of Object.entries(AUDIT_EVENTS)) expect(e.label).toMatch(/[\u4e00-\u9fa5]/u);
  });

  it('the auditor sees 签发纪要 and the minutes by division and number — not codes, ids or titles', async () => {
    const auditor = await h.login('auditor');
    const page = await walkPages<AuditEventDto>(auditor, '/api/audit/events');
    const issue = page.items.find((e) => e.action === 'minutes.issue');
    expect(issue?.actionLabel).toBe('签发纪要');
    expect(issue?.subjectName).toBe('纪要：对外贸易处会议纪要〔2026〕1号');
    const meeting = page.items.find((e) => e.action === 'meeting.create');
    expect(meeting?.subjectName).toBe('会议：对外贸易处 2026-11-03 处务会');
    const topic = page.items.find((e) => e.action === 'topic.create');
    expect(topic?.subjectName).toBe('议题：对外贸易处的议题');
    expect(JSON.stringify(page.items)).not.toContain('审计标签例会');
  });
});
