import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, makeHarness, type Client, type Harness } from '../../test/harness.js';
import { headTopicIds } from '../../test/flows.js';
import type { MeetingDto } from '../../../core/contracts/meetings.js';

/** A phone in the meeting room scans the QR code before logging in: the scan counts, not the login. */
describe('check-in by a scan made before login', () => {
  let h: Harness;
  let head: Client, recorder: Client;
  let m: MeetingDto, other: MeetingDto;

  beforeAll(async () => {
    h = await makeHarness();
    h.clock.set('2026-11-03T08:30:00+08:00');
    head = await h.login('head');
    const trade = await h.divisionId('对外贸易处');
    const convene = async (place: string) =>
      (
        await head.post('/api/meetings', {
          divisionId: trade,
          kind: 'regular',
          startsAt: '2026-11-03T09:00:00+08:00',
          place,
          agenda: await headTopicIds(head, trade, place),
        })
      ).json() as MeetingDto;
    m = await convene('第一会议室');
    other = await convene('第二会议室');
    h.clock.set('2026-11-03T09:00:00+08:00');
    head = await h.login('head');
    recorder = await h.login('recorder');
    m = (await head.post(`/api/meetings/${m.id}/start`, { version: m.version })).json() as MeetingDto;
    other = (await head.post(`/api/meetings/${other.id}/start`, { version: other.version })).json() as MeetingDto;
  });
  afterAll(async () => h.close());

  const token = async (id: string) =>
    ((await recorder.get(`/api/meetings/${id}/checkin-token`)).json() as { token: string }).token;

  it('R3.7: a fresh code scanned without a session gives a ticket; after login the ticket checks in as of the scan', async () => {
    h.clock.set('2026-11-03T09:02:00+08:00');
    recorder = await h.login('recorder');
    const scanned = await h.anon('POST', `/api/meetings/${m.id}/checkin-ticket`, { token: await token(m.id) });
    expect(scanned.statusCode, scanned.body).toBe(200);
    const { ticket } = scanned.json() as { ticket: string };
    h.clock.set('2026-11-03T09:09:00+08:00'); // seven minutes of logging in: the code is long gone, the scan is not
    const staff = await h.login('staff');
    const r = await staff.post(`/api/meetings/${m.id}/check-in`, { ticket });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ attendance: 'present', checkedInAt: '2026-11-03T01:02:00.000Z', already: false });
  });

  it('R3.7: an expired code, a forged or stale ticket, or another meeting’s ticket checks nobody in', async () => {
    h.clock.set('2026-11-03T09:20:00+08:00');
    recorder = await h.login('recorder');
    const old = await token(m.id);
    h.clock.advanceMinutes(2);
    expect(codeOf(await h.anon('POST', `/api/meetings/${m.id}/checkin-ticket`, { token: old }))).toBe(
      'CHECKIN_TOKEN_INVALID',
    );
    recorder = await h.login('recorder');
    const { ticket } = (
      await h.anon('POST', `/api/meetings/${other.id}/checkin-ticket`, { token: await token(other.id) })
    ).json() as { ticket: string };
    const chenjing = await h.login('chenjing');
    expect(codeOf(await chenjing.post(`/api/meetings/${m.id}/check-in`, { ticket }))).toBe('CHECKIN_TOKEN_INVALID');
    const [at, sig] = ticket.split('.');
    const forged = `${Number(at) + 60}.${sig}`;
    expect(codeOf(await chenjing.post(`/api/meetings/${other.id}/check-in`, { ticket: forged }))).toBe(
      'CHECKIN_TOKEN_INVALID',
    );
    h.clock.advanceMinutes(16);
    const late = await h.login('chenjing');
    expect(codeOf(await late.post(`/api/meetings/${other.id}/check-in`, { ticket }))).toBe('CHECKIN_TOKEN_INVALID');
    const rows = await h.s.db.kysely
      .selectFrom('participants')
      .select('attendance')
      .where('user_id', '=', await h.userId('chenjing'))
      .where('meeting_id', 'in', [m.id, other.id])
      .execute();
    expect(rows.map((r) => r.attendance)).toEqual([null, null]);
  });
});
