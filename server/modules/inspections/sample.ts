import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { shanghaiDay } from '../../../core/shanghai-time.js';
import { monthsBetween } from '../../../core/compliance.js';
import type { Database } from '../../platform/db/schema.js';
import type { Tx } from '../../platform/services.js';

/** A candidate for the sample: one issued minutes of a division in the period. */
export interface SampleCandidate {
  minutesId: string;
  divisionId: string;
  /** The minutes' number (e.g. 办公室纪要〔2026〕3号), for the stable order. */
  number: string;
  /** The meeting day (YYYY-MM-DD), for the stable order. */
  day: string;
}

/**
 * The sample, reproducibly: per division, the candidates in a stable order (day,
 * number, id) are ranked by SHA-256(seed ‖ division ‖ minutes id) and the first
 * `size` taken, listed in meeting order. The same seed over the same minutes
 * draws the same sample on any machine; a new seed draws anew.
 */
export function drawSample(
  seed: string,
  divisionIds: readonly string[],
  candidates: readonly SampleCandidate[],
  size: number,
): SampleCandidate[] {
  const out: SampleCandidate[] = [];
  for (const divisionId of divisionIds) {
    const pool = candidates
      .filter((c) => c.divisionId === divisionId)
      .map((c) => ({
        c,
        rank: createHash('sha256').update(`${seed}\u0000${divisionId}\u0000${c.minutesId}`).digest('hex'),
      }))
      .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0))
      .slice(0, size)
      .map((x) => x.c)
      .sort(
        (a, b) =>
          a.day.localeCompare(b.day) ||
          a.number.localeCompare(b.number) ||
          (a.minutesId < b.minutesId ? -1 : a.minutesId > b.minutesId ? 1 : 0),
      );
    out.push(...pool);
  }
  return out;
}

/** A new seed: 12 hexadecimal digits, short enough to be read out and typed again. */
export function newSeed(bytes: Buffer): string {
  return bytes.toString('hex').slice(0, 12);
}

/**
 * The sample's population: the current issued minutes (not superseded) of the
 * divisions whose meeting took place in the period's months (Asia/Shanghai).
 */
export async function sampleCandidates(
  db: Kysely<Database> | Tx,
  unitId: string,
  divisionIds: readonly string[],
  from: string,
  to: string,
): Promise<SampleCandidate[]> {
  if (divisionIds.length === 0) return [];
  const months = new Set(monthsBetween(from, to));
  // The query is bounded by UTC instants a day either side; the month is decided in Shanghai.
  const lo = new Date(Date.parse(`${from}-01T00:00:00Z`) - 86_400_000).toISOString();
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  const hi = new Date(Date.UTC(ty, tm, 1) + 86_400_000).toISOString();
  const rows = await db
    .selectFrom('minutes as n')
    .innerJoin('meetings as m', 'm.id', 'n.meeting_id')
    .select(['n.id', 'n.division_id', 'n.number', 'm.starts_at', 'm.started_at'])
    .where('n.unit_id', '=', unitId)
    .where('n.status', '=', 'issued')
    .where('n.division_id', 'in', [...divisionIds])
    .where((eb) => eb(eb.fn.coalesce('m.started_at', 'm.starts_at'), '>=', lo))
    .where((eb) => eb(eb.fn.coalesce('m.started_at', 'm.starts_at'), '<', hi))
    .execute();
  return rows
    .map((r) => ({
      minutesId: r.id,
      divisionId: r.division_id,
      number: r.number ?? '',
      day: shanghaiDay(new Date(r.started_at ?? r.starts_at)),
    }))
    .filter((c) => months.has(c.day.slice(0, 7)));
}
