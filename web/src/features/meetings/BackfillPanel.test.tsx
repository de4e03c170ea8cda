import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { App } from 'antd';
import type { MeetingDto } from '../../../../core/contracts/meetings';
import { BackfillPanel } from './BackfillPanel';

/** Only the fields the panel reads; the rest of the DTO plays no part here. */
const meeting = (backfill: MeetingDto['backfill'], upload: boolean) =>
  ({ id: 'm1', backfill, abilities: { uploadPaperMinutes: upload } }) as unknown as MeetingDto;
const reason = '因系统维护，会议在线下召开';

describe('补录 on the meeting page', () => {
  it('R3.5: shows the reason and asks the convener for the paper minutes', () => {
    render(
      <App>
        <BackfillPanel
          meeting={meeting({ reason, byName: '李伟', at: '2026-11-10T02:00:00.000Z', paperMinutes: null }, true)}
          onChange={() => undefined}
        />
      </App>,
    );
    expect(screen.getByText(reason)).toBeInstanceOf(HTMLElement);
    expect(screen.getByText('尚未上传：上传后才能开始录入会议记录')).toBeInstanceOf(HTMLElement);
    expect(screen.getByRole('button', { name: /上传纸质会议记录/ })).toBeInstanceOf(HTMLElement);
  });

  it('R3.5: links the paper minutes for download; no upload for others', () => {
    const paperMinutes = {
      filename: '会议记录.pdf',
      fileType: 'pdf',
      size: 10,
      sha256: 'a',
      at: '2026-11-10T02:00:00Z',
    };
    render(
      <App>
        <BackfillPanel
          meeting={meeting({ reason, byName: '李伟', at: '2026-11-10T02:00:00.000Z', paperMinutes }, false)}
          onChange={() => undefined}
        />
      </App>,
    );
    expect(screen.getByRole('link', { name: /会议记录\.pdf/ }).getAttribute('href')).toBe(
      '/api/meetings/m1/paper-minutes',
    );
    expect(screen.queryByRole('button', { name: /纸质会议记录/ })).toBeNull();
  });
});
