import { createHash, getHashes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { digestOf, sm3, Sm3 } from './sm3.js';

describe('R5.7: SM3 (GB/T 32905-2016) for the archive package’s digests', () => {
  it('R5.7: the standard’s examples: "abc" and "abcd" × 16', () => {
    expect(sm3('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(sm3('abcd'.repeat(16))).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });

  it('R5.7: the empty message, and every length around the block and padding boundaries, streamed in pieces or at once', () => {
    expect(sm3('')).toBe('1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b');
    const data = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 7 + 3) & 0xff));
    for (const n of [1, 55, 56, 63, 64, 65, 119, 120, 128, 129, 300]) {
      const whole = sm3(data.subarray(0, n));
      const h = new Sm3();
      for (let i = 0; i < n; i += 13) h.update(data.subarray(i, Math.min(n, i + 13)));
      expect(h.digest('hex'), `length ${n}`).toBe(whole);
      if (getHashes().includes('sm3'))
        expect(whole, `OpenSSL agrees at ${n}`).toBe(createHash('sm3').update(data.subarray(0, n)).digest('hex'));
    }
  });

  it('R5.7: digestOf picks the unit’s algorithm', () => {
    expect(digestOf('sm3', Buffer.from('abc'))).toBe(sm3('abc'));
    expect(digestOf('sha256', Buffer.from('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    const h = new Sm3().update('x');
    h.digest();
    expect(() => h.update('y')).toThrow();
  });
});
