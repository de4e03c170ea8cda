import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../test/harness.js';
import { holdMeeting, issueAt } from '../test/flows.js';
import type { MinutesDto } from '../../core/contracts-topics.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** R5.7: a document of record renders to the same bytes on every download. */
describe('R5.7: issued minutes download byte for byte the same', () => {
  let h: Harness;
  let issued: MinutesDto;
  let draft: MinutesDto;
  const download = async (id: string, ext: 'pdf' | 'docx') => {
    const r = await (await h.login('head')).get(`/api/minutes/${id}/document.${ext}`);
    expect(r.statusCode).toBe(200);
    return r.rawPayload;
  };

  beforeAll(async () => {
    h = await makeHarness();
    const m = await holdMeeting(h, '2026-03-02T09:00:00+08:00');
    issued = await issueAt(h, m.id, '2026-03-03T10:00:00+08:00');
    const m2 = await holdMeeting(h, '2026-03-09T09:00:00+08:00', '第二次例会');
    draft = (await (await h.login('recorder')).post(`/api/meetings/${m2.id}/minutes`)).json() as MinutesDto;
  });
  afterAll(async () => h.close());

  it('PDF: two downloads, a day and a few seconds apart, are identical; dated the issue time', async () => {
    const a = await download(issued.id, 'pdf');
    h.clock.set('2026-03-04T15:00:00+08:00');
    await new Promise((r) => setTimeout(r, 1100)); // the wall clock moves too
    const b = await download(issued.id, 'pdf');
    expect(sha(b)).toBe(sha(a));
    expect(b.length).toBe(a.length);
    expect(a.toString('latin1').match(/\(D:20260303020000Z\)/g)).toEqual([
      '(D:20260303020000Z)',
      '(D:20260303020000Z)',
    ]); // CreationDate, ModDate
  });

  it('DOCX: two downloads are identical; core properties and zip entries carry the issue time', async () => {
    const a = await download(issued.id, 'docx');
    await new Promise((r) => setTimeout(r, 2100)); // DOS timestamps have two-second steps
    const b = await download(issued.id, 'docx');
    expect(sha(b)).toBe(sha(a));
    // First local header: DOS time 10:00:00 and date 2026-03-03 (China Standard Time).
    expect([a.readUInt32LE(0), a.readUInt16LE(10), a.readUInt16LE(12)]).toEqual([
      0x04034b50,
      10 << 11,
      ((2026 - 1980) << 9) | (3 << 5) | 3,
    ]);
  });

  it('a draft still renders (PDF and DOCX)', async () => {
    expect(draft.status).toBe('draft');
    const pdf = await download(draft.id, 'pdf');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const docx = await download(draft.id, 'docx');
    expect(docx.readUInt32LE(0)).toBe(0x04034b50);
  });
});
