import { readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeHarness, type Harness } from '../../test/harness.js';
import { PDF, PLAIN_TOPIC } from '../../test/fixtures.js';
import type { ComplianceCellDetailDto } from '../../../core/contracts/oversight.js';
import type { TopicDto } from '../../../core/contracts/topics.js';

/**
 * R5.7 in the compliance matrix (R6.4) without re-reading every file per request: a topic's
 * material uploaded 2026-03-10 is verified once and its verification reused while the file is
 * untouched and less than a day old; any write to the file (even with its old mtime put back),
 * a removed file or a day's age makes it read again. The office's whole-unit check refreshes it.
 */
describe('R6.4 R5.7: material in the matrix, verified once and re-read when the file changes', () => {
  let h: Harness;
  let path = '';
  let opens: ReturnType<typeof vi.spyOn>;

  const cell = async () => {
    const r = await (
      await h.login('jiancha')
    ).get(
      `/api/oversight/compliance/cell?divisionId=${await h.divisionId('对外贸易处')}&month=2026-03&check=integrity`,
    );
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as ComplianceCellDetailDto;
  };
  const material = async () => {
    const c = await cell();
    const e = c.evidence.find((x) => x.kind === 'attachment');
    return [c.result, e?.state, e?.detail];
  };

  beforeAll(async () => {
    h = await makeHarness();
    h.clock.set('2026-03-10T09:00:00+08:00');
    const staff = await h.login('staff');
    const trade = await h.divisionId('对外贸易处');
    const topic = (await staff.post('/api/topics', { divisionId: trade, ...PLAIN_TOPIC })).json() as TopicDto;
    const up = await h.app.inject({
      method: 'POST',
      url: `/api/topics/${topic.id}/attachments`,
      headers: {
        cookie: staff.cookie,
        'x-csrf-token': staff.csrf,
        'content-type': 'application/octet-stream',
        'x-filename': encodeURIComponent('会议材料.pdf'),
      },
      payload: PDF,
    });
    expect(up.statusCode, up.body).toBe(201);
    const sha = (await h.s.db.kysely.selectFrom('attachments').select('sha256').executeTakeFirstOrThrow()).sha256;
    path = join(h.s.config.dataDir, 'blobs', sha.slice(0, 2), sha.slice(2, 4), sha);
    opens = vi.spyOn(h.s.blobs, 'open');
    h.clock.set('2026-04-02T10:00:00+08:00');
  });
  afterAll(async () => {
    opens.mockRestore();
    await h.close();
  });

  it('R6.4 R5.7: the first read hashes the file and says when; the next reads reuse it without opening the file', async () => {
    expect(await material()).toEqual(['pass', 'ok', '文件与其 SHA-256 一致（最近校验：2026-04-02 10:00）']);
    expect(opens).toHaveBeenCalledTimes(1);
    h.clock.set('2026-04-02T11:00:00+08:00');
    expect(await material()).toEqual(['pass', 'ok', '文件与其 SHA-256 一致（最近校验：2026-04-02 10:00）']);
    expect(opens).toHaveBeenCalledTimes(1);
  });

  it('R6.4 R5.7: bytes changed on disk, even with the old mtime put back, fail the cell on the next read', async () => {
    const before = statSync(path);
    const tampered = Buffer.from(PDF);
    tampered[tampered.length - 2] = (tampered[tampered.length - 2] ?? 0) ^ 0xff; // same size
    writeFileSync(path, tampered);
    utimesSync(path, before.atime, before.mtime);
    h.clock.set('2026-04-02T12:00:00+08:00');
    expect(await material()).toEqual([
      'fail',
      'problem',
      '附件文件内容与上传时记录的 SHA-256 不符（校验时间：2026-04-02 12:00）',
    ]);
    expect(opens).toHaveBeenCalledTimes(2);
    // Put right: read again, passes again.
    writeFileSync(path, PDF);
    h.clock.set('2026-04-02T13:00:00+08:00');
    expect(await material()).toEqual(['pass', 'ok', '文件与其 SHA-256 一致（最近校验：2026-04-02 13:00）']);
    expect(opens).toHaveBeenCalledTimes(3);
  });

  it('R6.4 R5.7: a verification a day old is not trusted: the file is read again', async () => {
    h.clock.set('2026-04-03T12:59:00+08:00');
    expect((await material())[2]).toBe('文件与其 SHA-256 一致（最近校验：2026-04-02 13:00）');
    expect(opens).toHaveBeenCalledTimes(3);
    h.clock.set('2026-04-03T13:00:00+08:00');
    expect((await material())[2]).toBe('文件与其 SHA-256 一致（最近校验：2026-04-03 13:00）');
    expect(opens).toHaveBeenCalledTimes(4);
  });

  it('R6.4 R5.7: the supervision office’s whole-unit check re-reads every file, and the matrix shows its time', async () => {
    h.clock.set('2026-04-03T15:30:00+08:00');
    const r = await (await h.login('jiancha')).get('/api/integrity');
    expect(r.statusCode).toBe(200);
    expect(opens).toHaveBeenCalledTimes(5);
    h.clock.set('2026-04-03T16:00:00+08:00');
    expect((await material())[2]).toBe('文件与其 SHA-256 一致（最近校验：2026-04-03 15:30）');
    expect(opens).toHaveBeenCalledTimes(5);
  });

  it('R6.4 R5.7: a removed file fails the cell at once', async () => {
    const bytes = readFileSync(path);
    rmSync(path);
    try {
      expect(await material()).toEqual(['fail', 'problem', '附件文件缺失（校验时间：2026-04-03 16:00）']);
    } finally {
      writeFileSync(path, bytes);
    }
  });
});
