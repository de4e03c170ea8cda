import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { makeHarness, type Harness } from '../test/harness.js';
import { holdMeeting, issueAt } from '../test/flows.js';
import type { MinutesDto } from '../../core/contracts/minutes.js';
import { clearPdfCache, pdfCacheStats } from './pdf-cache.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function pdfText(buf: Buffer): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(buf), useSystemFonts: false, disableFontFace: true }).promise;
  let text = '';
  for (let p = 1; p <= pdf.numPages; p++) {
    const tc = await (await pdf.getPage(p)).getTextContent();
    text += tc.items.map((i) => ('str' in i ? i.str : '')).join('');
  }
  return text.replace(/\s+/g, '');
}

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
    clearPdfCache(); // the renderer itself reproduces the bytes, not only the cache of them
    const b = await download(issued.id, 'pdf');
    expect(sha(b)).toBe(sha(a));
    expect(sha(await download(issued.id, 'pdf'))).toBe(sha(a)); // from the cache
    expect(pdfCacheStats()).toMatchObject({ hits: 1, misses: 1 });
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

  it("a draft's edit shows in the very next PDF download (drafts are not cached)", async () => {
    const narrative = '会议认为：草稿修改后应立即体现在下载的文件中。';
    const before = await pdfText(await download(draft.id, 'pdf'));
    expect(before).not.toContain(narrative);
    const r = await (
      await h.login('recorder')
    ).put(`/api/minutes/${draft.id}`, {
      version: draft.version,
      sections: draft.content.sections.map((s, i) => ({
        topicId: s.topicId,
        narrative: i === 0 ? narrative : s.narrative,
      })),
    });
    expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
    expect(await pdfText(await download(draft.id, 'pdf'))).toContain(narrative);
  });
});
