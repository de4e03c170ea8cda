import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { makeHarness, type Harness } from '../../test/harness.js';
import { verifyChain } from './audit.js';
import { AppError } from '../../../core/errors.js';
import { audit, inTransaction } from '../services.js';
import { walkPages } from '../../test/pages.js';

describe('audit chain', () => {
  let h: Harness;
  let unitId: string;
  beforeAll(async () => {
    h = await makeHarness();
    unitId = (await h.s.db.kysely.selectFrom('units').select('unit_id').executeTakeFirstOrThrow()).unit_id;
    const admin = await h.login('admin');
    await admin.post('/api/admin/divisions', { name: '审计测试处', kind: 'business' });
    await h.login('head');
  });
  afterAll(async () => h.close());

  it('records logins and changes with actor, time, ip, outcome, chained by hash', async () => {
    const rows = await h.s.db.kysely
      .selectFrom('audit_events')
      .selectAll()
      .where('unit_id', '=', unitId)
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_, i) => i + 1));
    expect(rows[0]?.prev_hash).toBe('0'.repeat(64));
    for (let i = 1; i < rows.length; i++) expect(rows[i]?.prev_hash).toBe(rows[i - 1]?.hash);
    const create = rows.find((r) => r.action === 'division.create');
    expect(create).toMatchObject({
      actor_name: '郑磊',
      outcome: 'success',
      subject_type: 'division',
      hash_alg: 'sha256',
    });
    expect(create?.ip).toBeTruthy();
    expect((await verifyChain(h.s.db.kysely, unitId)).ok).toBe(true);
  });

  it('an event is written in the transaction of its change: a failed change leaves no event', async () => {
    const before = await h.auditCount();
    await expect(
      inTransaction(h.s, async (trx) => {
        await audit(h.s, trx, { unitId, actorId: null, actorName: 't', action: 'unit.init', ip: null });
        throw new AppError('CONFLICT');
      }),
    ).rejects.toThrow();
    expect(await h.auditCount()).toBe(before);
  });

  it('the audit admin browses and filters the log and verifies the chain', async () => {
    const auditor = await h.login('auditor');
    const all = await walkPages<{ seq: number; action: string }>(auditor, '/api/audit/events');
    expect(all.items.length).toBeGreaterThan(3);
    expect(all.items[0]?.seq).toBe(all.items.length); // newest first
    const logins = (await auditor.get('/api/audit/events?action=auth.login&outcome=success')).json() as {
      items: Array<{ action: string; outcome: string }>;
    };
    expect(logins.items.length).toBeGreaterThan(0);
    expect(logins.items.every((e) => e.action === 'auth.login' && e.outcome === 'success')).toBe(true);
    const byActor = (await auditor.get(`/api/audit/events?actor=${encodeURIComponent('郑磊')}`)).json() as {
      items: Array<{ actorName: string }>;
    };
    expect(byActor.items.every((e) => e.actorName === '郑磊')).toBe(true);
    const future = (
      await auditor.get(`/api/audit/events?from=${encodeURIComponent('2099-01-01T00:00:00+08:00')}`)
    ).json() as { items: unknown[]; nextCursor: string | null };
    expect(future).toEqual({ items: [], nextCursor: null });
    expect((await auditor.get('/api/audit/verify')).json()).toMatchObject({ ok: true });
  });

  it('SM3 is selectable; a chain mixing SHA-256 and SM3 verifies', async () => {
    const sec = await h.login('secadmin');
    const cur = (await sec.get('/api/admin/settings/security')).json() as {
      value: Record<string, unknown>;
      version: number;
    };
    const res = await sec.put('/api/admin/settings/security', {
      value: { ...cur.value, auditHashAlgorithm: 'sm3' },
      version: cur.version,
    });
    expect(res.statusCode).toBe(200);
    await h.login('staff');
    const last = await h.s.db.kysely
      .selectFrom('audit_events')
      .select(['hash_alg', 'action'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(last).toMatchObject({ hash_alg: 'sm3', action: 'auth.login' });
    expect((await verifyChain(h.s.db.kysely, unitId)).ok).toBe(true);
  });

  it('detects tampering: an edited row breaks verification at its sequence number', async () => {
    const target = 3;
    await h.s.db.kysely
      .updateTable('audit_events')
      .set({ data: '{"forged":true}' })
      .where('unit_id', '=', unitId)
      .where('seq', '=', target)
      .execute();
    const r = await verifyChain(h.s.db.kysely, unitId);
    expect(r).toMatchObject({ ok: false, brokenAt: target, count: target - 1 });
    const auditor = await h.login('auditor');
    expect((await auditor.get('/api/audit/verify')).json()).toMatchObject({ ok: false, brokenAt: target });
  });

  it('detects a deleted row', async () => {
    await h.s.db.kysely.deleteFrom('audit_events').where('unit_id', '=', unitId).where('seq', '=', 2).execute();
    const r = await verifyChain(h.s.db.kysely, unitId);
    expect(r).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('the database refuses a second event with the same sequence number', async () => {
    const row = await h.s.db.kysely
      .selectFrom('audit_events')
      .selectAll()
      .where('unit_id', '=', unitId)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    await expect(
      sql`insert into audit_events select * from audit_events where unit_id = ${unitId} and seq = ${row.seq}`.execute(
        h.s.db.kysely,
      ),
    ).rejects.toThrow();
  });
});
