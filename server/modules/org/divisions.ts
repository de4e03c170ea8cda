import { randomUUID } from 'node:crypto';
import { AppError } from '../../../core/errors.js';
import type { Actor } from '../../../core/policy.js';
import type { DivisionDto } from '../../../core/contracts/org.js';
import type { DivisionKind } from '../../../core/org.js';
import { audit, auditBy, inTransaction, type Services, type Tx } from '../../platform/services.js';
import { getDivision } from './org.repository.js';
import { updateVersioned } from '../../platform/db/versioned.js';

async function assertNameFree(trx: Tx, unitId: string, name: string, exceptId?: string): Promise<void> {
  let q = trx.selectFrom('divisions').select('id').where('unit_id', '=', unitId).where('name', '=', name);
  if (exceptId) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) throw new AppError('ALREADY_EXISTS', `处室“${name}”已存在`);
}

export async function createDivision(
  s: Services,
  actor: Actor,
  input: { name: string; kind: DivisionKind; sortOrder?: number | undefined },
  ip: string | null,
): Promise<DivisionDto> {
  return inTransaction(s, async (trx) => {
    await assertNameFree(trx, actor.unitId, input.name);
    const id = randomUUID();
    const now = s.clock.now().toISOString();
    const max = await trx
      .selectFrom('divisions')
      .select((eb) => eb.fn.max('sort_order').as('m'))
      .where('unit_id', '=', actor.unitId)
      .executeTakeFirst();
    const sortOrder = input.sortOrder ?? Number(max?.m ?? 0) + 10;
    await trx
      .insertInto('divisions')
      .values({
        id,
        unit_id: actor.unitId,
        name: input.name,
        kind: input.kind,
        sort_order: sortOrder,
        active: 1,
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await audit(s, trx, {
      ...auditBy(actor, ip),
      action: 'division.create',
      subjectType: 'division',
      subjectId: id,
      data: { name: input.name, kind: input.kind, sortOrder },
    });
    const dto = await getDivision(trx, actor.unitId, id);
    if (!dto) throw new AppError('INTERNAL');
    return dto;
  });
}

export async function updateDivision(
  s: Services,
  actor: Actor,
  id: string,
  input: {
    name?: string | undefined;
    kind?: DivisionKind | undefined;
    sortOrder?: number | undefined;
    active?: boolean | undefined;
    version: number;
  },
  ip: string | null,
): Promise<DivisionDto> {
  return inTransaction(s, async (trx) => {
    const before = await getDivision(trx, actor.unitId, id);
    if (!before) throw new AppError('NOT_FOUND');
    if (before.version !== input.version) throw new AppError('CONFLICT', undefined, { current: before });
    if (input.name !== undefined && input.name !== before.name) await assertNameFree(trx, actor.unitId, input.name, id);
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    const track = (k: string, from: unknown, to: unknown) => {
      if (to !== undefined && to !== from) changes[k] = { from, to };
    };
    track('name', before.name, input.name);
    track('kind', before.kind, input.kind);
    track('sortOrder', before.sortOrder, input.sortOrder);
    track('active', before.active, input.active);
    await updateVersioned(
      trx,
      'divisions',
      { id, version: input.version, unitId: actor.unitId },
      {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.kind !== undefined ? { kind: input.kind } : {}),
        ...(input.sortOrder !== undefined ? { sort_order: input.sortOrder } : {}),
        ...(input.active !== undefined ? { active: input.active ? 1 : 0 } : {}),
        updated_at: s.clock.now().toISOString(),
      },
    );
    await audit(s, trx, {
      ...auditBy(actor, ip),
      action: 'division.update',
      subjectType: 'division',
      subjectId: id,
      data: { changes },
    });
    const dto = await getDivision(trx, actor.unitId, id);
    if (!dto) throw new AppError('INTERNAL');
    return dto;
  });
}
