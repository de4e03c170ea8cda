import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, makeHarness, type Harness } from '../../test/harness.js';

describe('GET /api/calendar/due', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness();
  });
  afterAll(async () => h.close());

  it('answers the deadline with the unit’s number of days, provisional where it must be', async () => {
    const c = await h.login('staff');
    expect((await c.get('/api/calendar/due?date=2025-09-30')).json()).toEqual({
      date: '2025-10-11',
      deadline: '2025-10-11T15:59:59.999Z',
      provisional: false,
      days: 3,
    });
    expect((await c.get('/api/calendar/due?date=2026-12-30&days=3')).json()).toMatchObject({
      date: '2027-01-05',
      provisional: true,
    });
    expect(codeOf(await c.get('/api/calendar/due?date=2026-02-30'))).toBe('VALIDATION_FAILED');
    expect(codeOf(await c.get('/api/calendar/due?date=tomorrow'))).toBe('VALIDATION_FAILED');
    expect((await h.anon('GET', '/api/calendar/due?date=2025-09-30')).statusCode).toBe(401);
  });
});
