import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import { I18nProvider } from '../../i18n';
import type { DivisionDto, DivisionMembersDto } from '../../../../core/contracts/org';
import { mockFetch } from '../../test/fixtures';
import { MemberOrderDialog } from './MemberOrderDialog';

const division: DivisionDto = {
  id: 'd1',
  name: '对外贸易处',
  kind: 'business',
  sortOrder: 10,
  active: true,
  version: 3,
  memberCount: 5,
  headName: '李伟',
  recorderName: '王芳',
};
const m = (
  userId: string,
  name: string,
  position: 'head' | 'deputy' | 'staff',
  sortOrder: number,
  isRecorder = false,
) => ({
  userId,
  name,
  position,
  isRecorder,
  sortOrder,
});
const members: DivisionMembersDto = {
  division,
  members: [
    m('u1', '李伟', 'head', 0),
    m('u2', '张敏', 'deputy', 0),
    m('u3', '杨帆', 'staff', 1),
    m('u4', '黄磊', 'staff', 2),
    m('u5', '王芳', 'staff', 3, true),
  ],
};

function show(put: { status: number; body: unknown }) {
  const canned = mockFetch({ 'GET /api/admin/divisions/d1/members': { status: 200, body: members } });
  const puts: unknown[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      if (init?.method === 'PUT') {
        puts.push(JSON.parse(String(init.body)));
        return new Response(JSON.stringify(put.body), {
          status: put.status,
          headers: { 'content-type': 'application/json' },
        });
      }
      return canned(input, init);
    }),
  );
  const onClose = vi.fn();
  render(
    <I18nProvider>
      <App>
        <MemberOrderDialog division={division} onClose={onClose} />
      </App>
    </I18nProvider>,
  );
  return { puts, onClose };
}

const names = () => [...document.querySelectorAll('.ant-list-item')].map((li) => li.textContent ?? '');

describe('处室人员排序 (issue 15: names in rank order)', () => {
  it('R3.3: head and deputy stay first; staff move with the arrows and are saved as 10, 20, 30 against the division version', async () => {
    const { puts, onClose } = show({ status: 200, body: members });
    await screen.findByText('黄磊');
    // The leaders have no arrows: their position places them.
    expect(screen.queryByRole('button', { name: '上移 李伟' })).toBeNull();
    expect(screen.getByRole('button', { name: '上移 杨帆' })).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByRole('button', { name: '上移 王芳' }));
    fireEvent.click(screen.getByRole('button', { name: '上移 王芳' }));
    expect(names().map((n) => n.slice(0, 2))).toEqual(['李伟', '张敏', '王芳', '杨帆', '黄磊']);
    fireEvent.click(screen.getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(onClose).toHaveBeenCalledWith(true));
    expect(puts).toEqual([
      {
        version: 3,
        order: [
          { userId: 'u5', sortOrder: 10 },
          { userId: 'u3', sortOrder: 20 },
          { userId: 'u4', sortOrder: 30 },
        ],
      },
    ]);
  });

  it('R3.3: a 409 shows the order another admin saved, and the dialog stays open', async () => {
    const theirs: DivisionMembersDto = {
      division: { ...division, version: 4 },
      members: [
        members.members[0]!,
        members.members[1]!,
        members.members[4]!,
        members.members[3]!,
        members.members[2]!,
      ],
    };
    const { onClose } = show({
      status: 409,
      body: { error: { code: 'CONFLICT', message: '数据已被他人修改', details: { current: theirs } } },
    });
    await screen.findByText('黄磊');
    fireEvent.click(screen.getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(names().map((n) => n.slice(0, 2))).toEqual(['李伟', '张敏', '王芳', '黄磊', '杨帆']));
    expect(onClose).not.toHaveBeenCalled();
  });
});
