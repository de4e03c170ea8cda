import { AppError } from '../../../core/errors.js';
import type { Actor } from '../../../core/policy.js';
import type { DivisionMembersDto } from '../../../core/contracts/org.js';
import { audit, auditBy, inTransaction, type Services } from '../../platform/services.js';
import { updateVersioned } from '../../platform/db/versioned.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { Tx } from '../../platform/services.js';
import { getDivision, members } from './org.repository.js';

/** A division with its active members in rank order, as 处室人员排序 shows them. */
type Q = Kysely<Database> | Tx;

export async function divisionMembers(db: Q, actor: Actor, divisionId: string): Promise<DivisionMembersDto> {
  const division = await getDivision(db, actor.unitId, divisionId);
  if (!division) throw new AppError('NOT_FOUND', '处室不存在');
  const rows = await members(db, actor.unitId, divisionId);
  return {
    division,
    members: rows.map((r) => ({
      userId: r.user_id,
      name: r.display_name,
      position: r.position as DivisionMembersDto['members'][number]['position'],
      isRecorder: Number(r.is_recorder) === 1,
      sortOrder: Number(r.sort_order),
    })),
  };
}

/**
 * 处室人员排序 (the rank order of names, issue 15): the sort numbers of a division's members set
 * in one go, on the division's page. Guarded by the division's version, so two admins ordering
 * the same division at once cannot interleave: the second gets 409 and the order it was shown.
 * Only active members of this division can be numbered; every change is audited.
 */
export async function setMemberOrder(
  s: Services,
  actor: Actor,
  divisionId: string,
  input: { version: number; order: { userId: string; sortOrder: number }[] },
  ip: string | null,
): Promise<DivisionMembersDto> {
  return inTransaction(s, async (trx) => {
    const before = await divisionMembers(trx, actor, divisionId);
    // Read in the transaction: on SQLite it holds the only writer connection; on PostgreSQL a
    // statement after the version check sees the other admin's committed order.
    const current = () => divisionMembers(trx, actor, divisionId);
    if (before.division.version !== input.version)
      throw new AppError('CONFLICT', undefined, { current: await current() });
    const byId = new Map(before.members.map((m) => [m.userId, m]));
    const seen = new Set<string>();
    for (const o of input.order) {
      if (!byId.has(o.userId))
        throw new AppError('VALIDATION_FAILED', '排序中有不属于本处室（或已停用）的人员', { userId: o.userId });
      if (seen.has(o.userId))
        throw new AppError('VALIDATION_FAILED', '同一人员在排序中出现了两次', { userId: o.userId });
      seen.add(o.userId);
    }
    // The division's version moves first: a concurrent ordering waits on this row, then conflicts.
    await updateVersioned(
      trx,
      'divisions',
      { id: divisionId, version: input.version, unitId: actor.unitId },
      { updated_at: s.clock.now().toISOString() },
      current,
    );
    const changes: { userId: string; name: string; from: number; to: number }[] = [];
    for (const o of input.order) {
      const m = byId.get(o.userId);
      if (!m || m.sortOrder === o.sortOrder) continue;
      await trx
        .updateTable('memberships')
        .set({ sort_order: o.sortOrder })
        .where('unit_id', '=', actor.unitId)
        .where('division_id', '=', divisionId)
        .where('user_id', '=', o.userId)
        .execute();
      changes.push({ userId: o.userId, name: m.name, from: m.sortOrder, to: o.sortOrder });
    }
    await audit(s, trx, {
      ...auditBy(actor, ip),
      action: 'division.member_order',
      subjectType: 'division',
      subjectId: divisionId,
      data: { changes },
    });
    return divisionMembers(trx, actor, divisionId);
  });
}
