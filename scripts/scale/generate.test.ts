import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DiskBlobStore } from '../../server/platform/storage/blob-store.js';
import type { ComplianceMatrixDto } from '../../core/contracts/oversight.js';
import { freshDb, makeHarness, type Client, type Harness } from '../../server/test/harness.js';
import { generateScale, SCALE_PASSWORD, scaleUsername, type ScaleResult } from './generate.js';

/**
 * The shared data generator at a small scale (2 units × 3 divisions × 1 year): its row counts hang
 * together, it is deterministic, and the app's own reads accept what it writes.
 */
const OPTS = { units: 2, divisions: 3, years: 1 };

let h: Harness;
let result: ScaleResult;

async function count(table: string, where = sql`1 = 1`): Promise<number> {
  const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)} where ${where}`.execute(
    h.s.db.kysely,
  );
  return Number(r.rows[0]?.n);
}

beforeAll(async () => {
  h = await makeHarness({ seed: false });
  result = await generateScale(h.s.db, { ...OPTS, now: h.clock.now(), blobs: h.s.blobs });
});
afterAll(async () => {
  await h.close();
});

describe('seed:scale generator', () => {
  it('writes the organisation: per unit a 局领导 division and the divisions that meet, six people each', () => {
    const r = result.rows;
    expect(r.units).toBe(2);
    expect(r.settings).toBe(4);
    expect(r.divisions).toBe(2 * (1 + 3));
    expect(r.users).toBe(2 * (5 + 3 * 6));
    expect(r.memberships).toBe(r.users);
    expect(r.unit_roles).toBe(2 * 5);
  });

  it('writes 1–2 meetings a month per division with 2–5 topics each, and the rows that follow from them', async () => {
    const r = result.rows;
    const months = 12 * OPTS.years + 1;
    const divisions = OPTS.units * OPTS.divisions;
    expect(r.meetings).toBeGreaterThanOrEqual(divisions * months);
    expect(r.meetings).toBeLessThanOrEqual(divisions * months * 2);
    expect(r.agenda_items).toBeGreaterThanOrEqual(2 * (r.meetings ?? 0));
    expect(r.agenda_items).toBeLessThanOrEqual(5 * (r.meetings ?? 0));
    // Each agenda item has its own topic, plus 2 submitted and 2 approved topics per division.
    expect(r.topics).toBe((r.agenda_items ?? 0) + 4 * divisions);
    expect(r.participants).toBe(6 * (r.meetings ?? 0));
    const held = await count('meetings', sql`status = 'closed'`);
    expect(r.minutes).toBe(held);
    expect(r.distributions).toBe(held);
    expect(r.record_entries).toBe(await count('agenda_items', sql`outcome is not null`));
    const issued = await count('minutes', sql`status = 'issued'`);
    expect(issued).toBeGreaterThan(0);
    // 3 reports (principal leader, supervising leader, discipline secretary), 6 members, 1 filing.
    expect(r.distribution_entries).toBe(issued * 10);
    expect(await count('distribution_entries', sql`read_at is not null`)).toBeGreaterThan(0);
    expect(await count('minutes', sql`status = 'issued' and (number is null or content_hash is null)`)).toBe(0);
    for (const [t, n] of Object.entries(r)) expect(await count(t), t).toBe(n);
  });

  it('R6.4: a funds register whose lines follow the decided funds topics; topic material stored in the blob store', async () => {
    const r = result.rows;
    expect(r.registers).toBe(2);
    const states = await sql<{
      state: string;
      n: number | string;
    }>`select state, count(*) as n from register_lines group by state`.execute(h.s.db.kysely);
    const by = Object.fromEntries(states.rows.map((x) => [x.state, Number(x.n)]));
    expect(by.confirmed).toBeGreaterThan(0);
    expect(Object.keys(by).every((k) => ['confirmed', 'proposed', 'finding'].includes(k))).toBe(true);
    // A confirmed line's topic was decided (a closed meeting discussed it) before the line's date.
    const bad = await sql<{ n: number | string }>`select count(*) as n from register_lines l
      join agenda_items a on a.topic_id = l.topic_id join meetings m on m.id = a.meeting_id
      where l.state = 'confirmed' and (m.status <> 'closed' or a.outcome <> 'discussed' or substr(m.started_at, 1, 10) >= l.day)`.execute(
      h.s.db.kysely,
    );
    expect(Number(bad.rows[0]?.n)).toBe(0);
    expect(r.register_decisions).toBe(by.confirmed);
    // Material: each stored file is there under its SHA-256 (but the deliberate misses).
    expect(r.attachments).toBeGreaterThan(0);
    expect(result.files).toBeLessThanOrEqual(r.attachments ?? 0);
    expect(result.files).toBeGreaterThanOrEqual((r.attachments ?? 0) - 2);
    const one = await h.s.db.kysely.selectFrom('attachments').select(['sha256', 'size']).executeTakeFirstOrThrow();
    expect(await h.s.blobs.size(one.sha256)).toBe(Number(one.size));
  });

  it('is deterministic: the same options give the same rows', async () => {
    const other = await freshDb();
    const dir = mkdtempSync(join(tmpdir(), 'jiyao-generate-'));
    try {
      const again = await generateScale(other.db, {
        ...OPTS,
        now: h.clock.now(),
        blobs: new DiskBlobStore(join(dir, 'blobs')),
      });
      expect(again.rows).toEqual(result.rows);
      expect(again.files).toBe(result.files);
      const ids = (k: Harness['s']['db']['kysely']) =>
        k.selectFrom('minutes').select(['id', 'number', 'content_hash']).orderBy('id').limit(20).execute();
      expect(await ids(other.db.kysely)).toEqual(await ids(h.s.db.kysely));
    } finally {
      await other.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a database that already holds generated units', async () => {
    await expect(generateScale(h.s.db, OPTS)).rejects.toThrow(/already holds generated units/);
  });

  describe('the app reads it', () => {
    let head: Client;
    let director: Client;
    beforeAll(async () => {
      head = await h.login(result.users.head, SCALE_PASSWORD);
      director = await h.login(result.users.director, SCALE_PASSWORD);
    });

    it('GET /api/workbench: the head has the topics their staff submitted; the leader has minutes to read', async () => {
      const res = await head.get('/api/workbench');
      expect(res.statusCode).toBe(200);
      const wb = res.json() as { topicsToApprove: unknown[]; meetingsToAttend: unknown[] };
      expect(wb.topicsToApprove).toHaveLength(2);
      const lead = await director.get('/api/workbench');
      expect(lead.statusCode).toBe(200);
      expect((lead.json() as { minutesToRead: number }).minutesToRead).toBeGreaterThan(0);
    });

    it('GET /api/meetings lists the division’s meetings, newest first', async () => {
      const res = await head.get('/api/meetings?limit=100');
      expect(res.statusCode).toBe(200);
      const { items } = res.json() as { items: Array<{ startsAt: string; divisionName: string }> };
      const { division_id: divisionId } = await h.s.db.kysely
        .selectFrom('memberships')
        .select('division_id')
        .where('user_id', '=', await h.userId(result.users.head))
        .executeTakeFirstOrThrow();
      expect(items.length).toBe(await count('meetings', sql`division_id = ${divisionId}`));
      expect(items.length).toBeGreaterThan(12);
      expect([...items].sort((a, b) => b.startsAt.localeCompare(a.startsAt))).toEqual(items);
    });

    it('GET /api/minutes pages the issued minutes and GET /api/minutes/:id shows one with its seal intact', async () => {
      const res = await head.get('/api/minutes?limit=5');
      expect(res.statusCode).toBe(200);
      const page = res.json() as { items: Array<{ id: string; status: string }>; nextCursor: string | null };
      expect(page.items).toHaveLength(5);
      expect(page.nextCursor).not.toBeNull();
      const issued = page.items.find((m) => m.status === 'issued');
      expect(issued?.status).toBe('issued');
      const one = await head.get(`/api/minutes/${issued?.id}`);
      expect(one.statusCode).toBe(200);
      const dto = one.json() as { number: string; integrity: { verified: boolean }; content: { sections: unknown[] } };
      expect(dto.number).toMatch(/^〔\d{4}〕\d+号$/);
      expect(dto.content.sections.length).toBeGreaterThanOrEqual(2);
      expect(dto.integrity.verified).toBe(true);
    });

    it('R6.2: every decision of the issued minutes is a tracked item the head’s ledger lists with its timeline', async () => {
      const issuedMinutes = await count('minutes', sql`status = 'issued'`);
      const items = await count('tracking_items', sql`1 = 1`);
      expect(items).toBeGreaterThanOrEqual(2 * issuedMinutes);
      const res = await head.get('/api/tracking/items?scope=division&limit=100');
      expect(res.statusCode).toBe(200);
      const page = res.json() as { items: Array<{ id: string; status: string; light: string | null }> };
      expect(page.items.length).toBeGreaterThan(10);
      expect(page.items.some((i) => i.light === 'red')).toBe(true);
      const done = page.items.find((i) => i.status === 'completed');
      const one = await head.get(`/api/tracking/items/${done?.id}`);
      expect(one.statusCode).toBe(200);
      const kinds = (one.json() as { timeline: Array<{ kind: string }> }).timeline.map((e) => e.kind);
      expect(kinds[0]).toBe('created');
      expect(kinds.at(-1)).toBe('confirm');
    });

    it('R6.4: the principal leader reads the unit’s compliance matrix for the last twelve months, not all green', async () => {
      // The twelve months up to the clock's, the running one so far (the data starts eleven months back).
      const now = h.clock.now();
      const month = (back: number) =>
        new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)).toISOString().slice(0, 7);
      const res = await director.get(`/api/oversight/compliance?from=${month(11)}&to=${month(0)}`);
      expect(res.statusCode, res.body).toBe(200);
      const m = res.json() as ComplianceMatrixDto;
      expect(m.rows).toHaveLength(OPTS.divisions);
      const results = m.rows.flatMap((r) => r.months.flatMap((x) => x.cells.map((c) => c.result)));
      expect(results.filter((x) => x === 'pass').length).toBeGreaterThan(results.length / 4);
      expect(results).toContain('fail');
      // Every meeting month counts: the agenda's topics were recorded as discussed.
      const held = m.rows.flatMap((r) => r.months.filter((x) => !x.soFar).map((x) => x.cells[0]?.result));
      expect(held.filter((x) => x === 'pass').length).toBeGreaterThan(held.length * 0.8);
      expect(m.rows.every((r) => r.score.score !== null)).toBe(true);
    });

    it('another unit’s minutes are not found (every generated row carries its unit)', async () => {
      const other = await h.s.db.kysely
        .selectFrom('minutes as n')
        .innerJoin('users as u', 'u.unit_id', 'n.unit_id')
        .select('n.id')
        .where('u.username', '=', scaleUsername(2, 3, 'head'))
        .executeTakeFirstOrThrow();
      const res = await head.get(`/api/minutes/${other.id}`);
      expect(res.statusCode).toBe(404);
    });
  });
});
