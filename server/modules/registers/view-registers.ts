import { AppError } from '../../../core/errors.js';
import { can, type Actor } from '../../../core/policy.js';
import type { RegisterLinesPageDto, RegisterLinesQuery, RegistersPageDto } from '../../../core/contracts/registers.js';
import type { Services } from '../../platform/services.js';
import { linesPage, registerRow, registersPage, stateCounts } from './registers.repository.js';
import { lineDto, registerDto } from './registers.presenter.js';
import { UNSEEN } from './import-register.js';

function requireReader(actor: Actor): void {
  if (!can(actor, 'oversight.read')) throw new AppError('NOT_FOUND', UNSEEN);
}

/** The unit's registers, newest first, with the lines per state (R4.1 / R6.4). */
export async function viewRegisters(
  s: Services,
  actor: Actor,
  page: { cursor?: string | undefined; limit: number },
): Promise<RegistersPageDto> {
  requireReader(actor);
  const { items, nextCursor } = await registersPage(s.db.kysely, actor.unitId, page);
  const counts = await stateCounts(
    s.db.kysely,
    actor.unitId,
    items.map((r) => r.id),
  );
  return {
    items: items.map((r) => registerDto(r, counts.get(r.id))),
    nextCursor,
    canManage: can(actor, 'register.manage'),
  };
}

/** A register's lines in file order with their state and match, filtered by division and state. */
export async function viewRegisterLines(
  s: Services,
  actor: Actor,
  registerId: string,
  q: RegisterLinesQuery,
): Promise<RegisterLinesPageDto> {
  requireReader(actor);
  const register = await registerRow(s.db.kysely, actor.unitId, registerId);
  if (!register) throw new AppError('NOT_FOUND', UNSEEN);
  const { items, nextCursor } = await linesPage(
    s.db.kysely,
    actor.unitId,
    registerId,
    { divisionId: q.divisionId, state: q.state },
    q,
  );
  const counts = await stateCounts(s.db.kysely, actor.unitId, [registerId]);
  return {
    register: registerDto(register, counts.get(registerId)),
    items: items.map((r) => lineDto(actor, r)),
    nextCursor,
  };
}
