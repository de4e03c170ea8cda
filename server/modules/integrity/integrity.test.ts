import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, makeHarness, type Harness } from '../../test/harness.js';
import { holdMeeting, issueAt } from '../../test/flows.js';
import { PDF, PLAIN_TOPIC } from '../../test/fixtures.js';
import { auditVerify } from '../../cli-audit.js';
import type { MinutesDto } from '../../../core/contracts/minutes.js';
import type { TopicDto } from '../../../core/contracts/topics.js';
import type { IntegrityReportDto, MinutesIntegrityDto } from '../../../core/contracts/integrity.js';

/** R5.7: issued minutes and stored material are re-hashed and held against what was sealed and stored. */
describe('R5.7: integrity of sealed minutes and stored attachments', () => {
  let h: Harness;
  let minutes: MinutesDto;
  let sha = '';
  const verify = async () => {
    const lines: string[] = [];
    const code = await auditVerify(h.s, (l) => lines.push(l));
    return { code, out: lines.join('\n') };
  };
  const report = async () => {
    const jiancha = await h.login('jiancha');
    return (await jiancha.get('/api/integrity')).json() as IntegrityReportDto;
  };

  beforeAll(async () => {
    h = await makeHarness();
    const m = await holdMeeting(h, '2026-03-02T09:00:00+08:00');
    minutes = await issueAt(h, m.id, '2026-03-03T10:00:00+08:00');
    const staff = await h.login('staff'); // a proposer's draft topic takes material
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
    sha = (await h.s.db.kysely.selectFrom('attachments').select('sha256').executeTakeFirstOrThrow()).sha256;
    h.clock.set('2026-03-04T08:00:00+08:00');
  });
  afterAll(async () => h.close());

  it('untouched: the badge says verified, the supervision office’s check and the CLI agree', async () => {
    expect(minutes.integrity).toEqual({ verified: true, checkedAt: '2026-03-03T02:00:00.000Z' });
    const head = await h.login('head');
    const dto = (await head.get(`/api/minutes/${minutes.id}`)).json() as MinutesDto;
    expect(dto.integrity).toEqual({ verified: true, checkedAt: '2026-03-04T00:00:00.000Z' });
    expect(await report()).toEqual({
      ok: true,
      checkedAt: '2026-03-04T00:00:00.000Z',
      minutes: { checked: 1, mismatched: 0 },
      blobs: { checked: 1, mismatched: 0, missing: 0 },
      problems: [],
    });
    const v = await verify();
    expect(v.code).toBe(0);
    expect(v.out).toContain('OK 示范市商务局：1 份已印发纪要与封存哈希一致，1 个附件文件与其 SHA-256 一致');
  });

  it('the whole-unit check is the supervision office’s; a draft has no seal', async () => {
    const staff = await h.login('staff');
    const r = await staff.get('/api/integrity');
    expect(r.statusCode).toBe(403);
    expect(codeOf(r)).toBe('FORBIDDEN');
    const m2 = await holdMeeting(h, '2026-03-09T09:00:00+08:00', '第二次例会');
    const recorder = await h.login('recorder');
    const draft = (await recorder.post(`/api/meetings/${m2.id}/minutes`)).json() as MinutesDto;
    expect(draft.integrity).toBeNull();
    const one = (await recorder.get(`/api/minutes/${draft.id}/integrity`)).json() as MinutesIntegrityDto;
    expect([one.sealed, one.verified, one.message]).toEqual([false, false, '纪要尚未签发，未封存']);
    h.clock.set('2026-03-04T08:00:00+08:00');
  });

  it('the text edited in the database: the DTO, the per-minutes endpoint, the office’s report and the CLI all say so', async () => {
    const row = await h.s.db.kysely
      .selectFrom('minutes')
      .select('content')
      .where('id', '=', minutes.id)
      .executeTakeFirstOrThrow();
    const content = JSON.parse(row.content) as { opening: string };
    content.opening = `${content.opening}（此句为事后篡改）`;
    await h.s.db.kysely
      .updateTable('minutes')
      .set({ content: JSON.stringify(content) })
      .where('id', '=', minutes.id)
      .execute();
    const staff = await h.login('staff');
    const dto = (await staff.get(`/api/minutes/${minutes.id}`)).json() as MinutesDto;
    expect(dto.contentHash).toBe(minutes.contentHash); // the old seal is still served …
    expect(dto.integrity).toEqual({ verified: false, checkedAt: '2026-03-04T00:00:00.000Z' }); // … and now flagged
    const one = (await staff.get(`/api/minutes/${minutes.id}/integrity`)).json() as MinutesIntegrityDto;
    expect(one).toEqual({
      minutesId: minutes.id,
      sealed: true,
      verified: false,
      checkedAt: '2026-03-04T00:00:00.000Z',
      contentHash: minutes.contentHash,
      hashAlg: 'sha256',
      message: '内容与封存哈希不一致（content hash mismatch）',
    });
    const r = await report();
    expect(r.ok).toBe(false);
    expect(r.minutes).toEqual({ checked: 1, mismatched: 1 });
    expect(r.problems).toEqual([
      {
        kind: 'minutes_content',
        subjectId: minutes.id,
        message: `纪要${minutes.number}（例会）的内容与封存哈希不一致（content hash mismatch）`,
      },
    ]);
    const v = await verify();
    expect(v.code).toBe(1);
    expect(v.out).toContain(
      `BROKEN 示范市商务局：纪要${minutes.number}（例会）的内容与封存哈希不一致（content hash mismatch）`,
    );
  });

  it('an attachment file changed on disk, then removed: reported by name', async () => {
    const path = join(h.s.config.dataDir, 'blobs', sha.slice(0, 2), sha.slice(2, 4), sha);
    writeFileSync(path, Buffer.concat([PDF, Buffer.from('tampered')]));
    let r = await report();
    expect(r.blobs).toEqual({ checked: 1, mismatched: 1, missing: 0 });
    expect(r.problems.filter((p) => p.kind !== 'minutes_content').map((p) => p.message)).toEqual([
      '附件“会议材料.pdf”的文件内容与其 SHA-256 不符（blob hash mismatch）',
    ]);
    expect((await verify()).out).toContain(
      'BROKEN 示范市商务局：附件“会议材料.pdf”的文件内容与其 SHA-256 不符（blob hash mismatch）',
    );
    rmSync(path);
    r = await report();
    expect(r.blobs).toEqual({ checked: 1, mismatched: 0, missing: 1 });
    expect((await verify()).out).toContain('BROKEN 示范市商务局：附件“会议材料.pdf”的文件缺失（blob missing）');
  });

  it('text that is no longer JSON: a clear 409, never a 500', async () => {
    await h.s.db.kysely.updateTable('minutes').set({ content: '{broken' }).where('id', '=', minutes.id).execute();
    const r = await (await h.login('head')).get(`/api/minutes/${minutes.id}`);
    expect(r.statusCode).toBe(409);
    expect(codeOf(r)).toBe('MINUTES_CORRUPT');
    expect((await report()).problems[0]?.kind).toBe('minutes_content');
  });
});
