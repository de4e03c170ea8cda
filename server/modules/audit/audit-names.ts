import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { AUDIT_SUBJECTS, type AuditSubject } from '../../../core/audit-events.js';
import { shanghaiDay } from '../../../core/shanghai-time.js';

const SETTINGS_SECTIONS: Record<string, string> = { regime: '制度参数', security: '安全设置' };

/**
 * The names of the objects audit events act on, as the audit admin may see
 * them: people, divisions and units by name; business objects by their
 * division, date or number — never a title or any other business content.
 */
export async function auditSubjectNames(
  db: Kysely<Database>,
  unitId: string,
  subjects: ReadonlyArray<{ type: string | null; id: string | null }>,
): Promise<Map<string, string>> {
  const ids = (t: AuditSubject) => [
    ...new Set(subjects.filter((x) => x.type === t && x.id).map((x) => x.id as string)),
  ];
  const out = new Map<string, string>();
  const put = (t: AuditSubject, id: string, name: string) => out.set(`${t}:${id}`, `${AUDIT_SUBJECTS[t]}：${name}`);
  const none = ['-'];
  const [users, divisions, units, topics, meetings, minutes, archives] = await Promise.all([
    db
      .selectFrom('users')
      .select(['id', 'display_name'])
      .where('id', 'in', ids('user').length ? ids('user') : none)
      .execute(),
    db
      .selectFrom('divisions')
      .select(['id', 'name'])
      .where('id', 'in', ids('division').length ? ids('division') : none)
      .execute(),
    db
      .selectFrom('units')
      .select(['unit_id', 'name'])
      .where('unit_id', 'in', ids('unit').length ? ids('unit') : none)
      .execute(),
    db
      .selectFrom('topics as t')
      .innerJoin('divisions as d', 'd.id', 't.division_id')
      .select(['t.id', 'd.name'])
      .where('t.unit_id', '=', unitId)
      .where('t.id', 'in', ids('topic').length ? ids('topic') : none)
      .execute(),
    db
      .selectFrom('meetings as m')
      .innerJoin('divisions as d', 'd.id', 'm.division_id')
      .select(['m.id', 'd.name', 'm.starts_at'])
      .where('m.unit_id', '=', unitId)
      .where('m.id', 'in', ids('meeting').length ? ids('meeting') : none)
      .execute(),
    db
      .selectFrom('minutes as n')
      .innerJoin('divisions as d', 'd.id', 'n.division_id')
      .select(['n.id', 'd.name', 'n.number'])
      .where('n.unit_id', '=', unitId)
      .where('n.id', 'in', ids('minutes').length ? ids('minutes') : none)
      .execute(),
    db
      .selectFrom('archives as a')
      .innerJoin('divisions as d', 'd.id', 'a.division_id')
      .select(['a.id', 'd.name', 'a.year'])
      .where('a.unit_id', '=', unitId)
      .where('a.id', 'in', ids('archive').length ? ids('archive') : none)
      .execute(),
  ]);
  for (const u of users) put('user', u.id, u.display_name);
  for (const d of divisions) put('division', d.id, d.name);
  for (const u of units) put('unit', u.unit_id, u.name);
  for (const t of topics) put('topic', t.id, `${t.name}的议题`);
  for (const m of meetings) put('meeting', m.id, `${m.name} ${shanghaiDay(new Date(m.starts_at))} 处务会`);
  for (const n of minutes) put('minutes', n.id, `${n.name}会议纪要${n.number ?? '（未印发）'}`);
  for (const a of archives) put('archive', a.id, `${a.name} ${a.year} 年度`);
  for (const id of ids('settings')) put('settings', id, SETTINGS_SECTIONS[id] ?? id);
  for (const id of ids('calendar')) put('calendar', id, id);
  return out;
}
