import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';

/**
 * Fires the same request `n` times at once and checks what every race must
 * hold: never a 5xx, every refusal a 4xx with an error code. Returns the responses.
 */
export async function race(n: number, fire: () => Promise<LightMyRequestResponse>, label = '') {
  const all = await Promise.all(Array.from({ length: n }, fire));
  for (const r of all) {
    expect(r.statusCode, `${label} ${r.body}`).toBeLessThan(500);
    if (r.statusCode >= 400) expect((r.json() as { error: { code: string } }).error.code, label).toMatch(/^[A-Z_]+$/);
  }
  return all;
}

/** The statuses of a race's responses, sorted. */
export const statuses = (rs: LightMyRequestResponse[]) => rs.map((r) => r.statusCode).sort();
