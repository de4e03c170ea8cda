import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { Root } from '../../App';
import type { UserDto } from '../../../../core/contracts/org';
import { meFixture, mockFetch } from '../../test/fixtures';
import { phoneOrDesktop } from '../../test/media';

const recorder: UserDto = {
  id: 'u5',
  username: 'recorder',
  displayName: '王芳',
  email: null,
  phone: null,
  active: true,
  locked: false,
  lockedUntil: null,
  mustChangePassword: false,
  lastLoginAt: null,
  version: 4,
  memberships: [
    {
      divisionId: 'd1',
      divisionName: '对外贸易处',
      divisionKind: 'business',
      position: 'staff',
      isRecorder: true,
      sortOrder: 3,
    },
  ],
  roles: [],
};

describe('the administrator’s 人员 drawer', () => {
  it('R5.2: switching off a designated recorder’s account warns that the division is left without a recorder', async () => {
    vi.stubGlobal('matchMedia', phoneOrDesktop(false));
    vi.stubGlobal(
      'fetch',
      mockFetch({
        'GET /api/me': {
          status: 200,
          body: meFixture(
            {
              user: { id: 'a1', username: 'admin', displayName: '系统管理员', mustChangePassword: false },
              memberships: [],
            },
            ['org.read', 'org.manage', 'regime.read'],
          ),
        },
        'GET /api/admin/users': { status: 200, body: { items: [recorder], nextCursor: null } },
        'GET /api/admin/users/u5': { status: 200, body: recorder },
        'GET /api/admin/divisions': { status: 200, body: [] },
        'GET /api/divisions': { status: 200, body: [] },
      }),
    );
    render(
      <MemoryRouter initialEntries={['/admin/users']}>
        <Root />
      </MemoryRouter>,
    );
    fireEvent.click(await screen.findByText('王芳'));
    const toggle = await screen.findByRole('switch');
    expect(screen.queryByText(/指定记录人。停用后/)).toBeNull();
    fireEvent.click(toggle);
    expect(
      await screen.findByText(
        '该人员是对外贸易处的指定记录人。停用后，在指定新的记录人之前，该处室没有记录人（第 5.2 条），监督检查将显示为未达标。',
      ),
    ).toBeInstanceOf(HTMLElement);
    fireEvent.click(toggle);
    await waitFor(() => expect(screen.queryByText(/指定记录人。停用后/)).toBeNull());
  });
});
