import { describe, expect, it } from 'vitest';
import { safeNext } from './LoginPage';

describe('after login, the page that was asked for', () => {
  it.each([
    ['/checkin/m1?t=abc', '/checkin/m1?t=abc'],
    [`/login?next=${encodeURIComponent('/checkin/m1?t=abc')}`, '/checkin/m1?t=abc'],
    [`/login?next=${encodeURIComponent(`/login?next=${encodeURIComponent('/minutes/n1')}`)}`, '/minutes/n1'],
    ['/login', '/'],
    ['//evil.example/x', '/'],
    ['https://evil.example/', '/'],
    [null, '/'],
  ])('%s → %s', (next, want) => {
    expect(safeNext(next)).toBe(want);
  });
});
