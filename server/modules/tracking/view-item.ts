import type { Kysely } from 'kysely';
import type { TrackingDetailDto } from '../../../core/contracts/tracking.js';
import { AppError } from '../../../core/errors.js';
import type { Actor } from '../../../core/policy.js';
import { trackingAbilities } from '../../../core/policies/tracking.js';
import { shanghaiDay } from '../../../core/shanghai-time.js';
import type { Database } from '../../platform/db/schema.js';
import { readSettings } from '../../platform/settings/settings.repository.js';
import type { Services, Tx } from '../../platform/services.js';
import { loadCalendar } from '../calendar/calendar.service.js';
import { detailDto, itemDto, type LightContext } from './tracking.presenter.js';
import { factsOf, itemRow, timelineOf } from './tracking.repository.js';

type Q = Kysely<Database> | Tx;

/** The unit's calendar, today (Asia/Shanghai) and its regime settings: what the lights need. */
export async function lightContext(db: Q, unitId: string, at: Date): Promise<LightContext> {
  const [cal, regime] = await Promise.all([loadCalendar(db, unitId), readSettings(db, unitId, 'regime')]);
  return { cal, today: shanghaiDay(at), regime: regime.value };
}

/** An item the actor may see, or 404 (never a 403 that would tell it exists). */
export async function visibleItem(db: Q, actor: Actor, id: string, today: string) {
  const row = await itemRow(db, actor.unitId, id);
  if (!row) throw new AppError('NOT_FOUND', '督办事项不存在或无权查看');
  const facts = await factsOf(db, row, today);
  const abilities = trackingAbilities(actor, facts);
  if (!abilities.may.read) throw new AppError('NOT_FOUND', '督办事项不存在或无权查看');
  return { row, facts, abilities };
}

/** The item page: decision, source, responsible, deadlines, lights and the whole timeline (R6.2). */
export async function viewItem(s: Services, actor: Actor, id: string, db: Q = s.db.kysely): Promise<TrackingDetailDto> {
  const ctx = await lightContext(db, actor.unitId, s.clock.now());
  const { row, facts } = await visibleItem(db, actor, id, ctx.today);
  return detailDto(itemDto(actor, row, facts, ctx), await timelineOf(db, id));
}
