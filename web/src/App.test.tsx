import { describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, waitFor } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { Root } from './App';
import { meFixture, mockFetch } from './test/fixtures';

function renderAt(path: string) {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <Root />
    </MemoryRouter>,
  );
}

describe('the web shell', () => {
  it('shows the server’s Chinese message when the login is refused', async () => {
    vi.stubGlobal(
      'fetch',
      mockFetch({
        'GET /api/me': { status: 401, body: { error: { code: 'UNAUTHENTICATED', message: '请先登录' } } },
        'POST /api/auth/login': {
          status: 401,
          body: { error: { code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' } },
        },
      }),
    );
    renderAt('/login');
    fireEvent.change(await screen.findByLabelText('用户名'), { target: { value: 'head' } });
    fireEvent.change(screen.getByLabelText('密码'), { target: { value: 'bad' } });
    fireEvent.click(screen.getByRole('button', { name: /登\s*录/ }));
    expect(await screen.findByText('用户名或密码错误')).toBeInstanceOf(HTMLElement);
  });

  it('shows the 工作台 with divisions and the 演示数据 banner', async () => {
    vi.stubGlobal('fetch', mockFetch({ 'GET /api/me': { status: 200, body: meFixture() } }));
    renderAt('/');
    expect(await screen.findByText('您好，李伟')).toBeInstanceOf(HTMLElement);
    expect(screen.getAllByText('对外贸易处').length).toBeGreaterThan(0);
    expect(screen.getByText(/演示数据：/)).toBeInstanceOf(HTMLElement);
    // Issue 15: no card for unit roles when the user has none.
    expect(screen.queryByText('我的角色')).toBeNull();
    expect(screen.queryByText('无单位角色')).toBeNull();
  });

  it('no banner without demo data; a forced password change comes first', async () => {
    vi.stubGlobal(
      'fetch',
      mockFetch({
        'GET /api/me': {
          status: 200,
          body: meFixture({
            unit: { id: 'u', name: '某局', isDemo: false },
            user: { id: 'u1', username: 'a', displayName: '甲', mustChangePassword: true },
          }),
        },
      }),
    );
    renderAt('/');
    expect(await screen.findByText('首次登录或密码已被重置，请先设置新密码。')).toBeInstanceOf(HTMLElement);
    expect(screen.queryByText(/演示数据：/)).toBeNull();
  });

  it('监督检查 is not found for a user without compliance.read (R6.4, issue 15: no placeholder); 督办 has its ledger (R6.2)', async () => {
    vi.stubGlobal(
      'fetch',
      mockFetch({
        'GET /api/me': { status: 200, body: meFixture() },
        'GET /api/tracking/items': {
          status: 200,
          body: { items: [], nextCursor: null, scope: 'division', scopes: ['mine', 'division'] },
        },
      }),
    );
    const { unmount } = renderAt('/oversight');
    expect(await screen.findByText('页面不存在')).toBeInstanceOf(HTMLElement);
    expect(screen.queryByText('功能建设中')).toBeNull();
    expect(screen.queryByText('监督检查')).toBeNull();
    unmount();
    renderAt('/tracking');
    expect(await screen.findByText('督办事项台账')).toBeInstanceOf(HTMLElement);
    expect(screen.queryByText('页面不存在')).toBeNull();
  });

  it('a supervising leader’s 工作台 shows 分管领导, and the minutes list starts on all their divisions (issue 15)', async () => {
    const leader = meFixture({
      user: { id: 'u9', username: 'leader', displayName: '周明', mustChangePassword: false },
      memberships: [
        {
          divisionId: 'lead',
          divisionName: '局领导',
          divisionKind: 'leadership',
          position: 'staff',
          isRecorder: false,
        },
      ],
      roles: ['supervising_leader'],
      supervisedDivisions: [
        { id: 'd1', name: '对外贸易处' },
        { id: 'd2', name: '外资处' },
      ],
    });
    const asked: string[] = [];
    const routes = mockFetch({
      'GET /api/me': { status: 200, body: leader },
      'GET /api/minutes': { status: 200, body: { items: [], nextCursor: null } },
      'GET /api/divisions': { status: 200, body: [] },
    });
    vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
      asked.push(String(input));
      return routes(input, init);
    });
    const { unmount } = renderAt('/');
    expect(await screen.findByText('您好，周明')).toBeInstanceOf(HTMLElement);
    expect(screen.getAllByText('分管领导').length).toBeGreaterThan(0);
    expect(screen.queryByText('工作人员')).toBeNull();
    unmount();
    renderAt('/minutes');
    await waitFor(() => expect(asked.some((u) => u.startsWith('/api/minutes'))).toBe(true));
    expect(asked.filter((u) => u.startsWith('/api/minutes')).every((u) => !u.includes('divisionId'))).toBe(true);
  });

  it('制度参数 tells the admin in Chinese what to set for e-mail: SMTP_URL, its form, MAIL_FROM, a restart (issue 15)', async () => {
    vi.stubGlobal(
      'fetch',
      mockFetch({
        'GET /api/me': { status: 200, body: meFixture({ roles: ['system_admin'] }, ['regime.read', 'regime.manage']) },
        'GET /api/admin/settings/mail': {
          status: 200,
          body: { enabled: false, server: null, from: '纪要系统 <jiyao@localhost>', pending: 0, failed: 0, sent: 0 },
        },
      }),
    );
    renderAt('/admin/regime');
    const help = await screen.findByTestId('mail-status');
    expect(help.textContent).toContain('请运维人员在服务器的部署配置中设置环境变量');
    expect(help.textContent).toContain('smtp://用户名:密码@邮件服务器地址:587');
    expect(help.textContent).toContain('MAIL_FROM');
    expect(help.textContent).toContain('重启服务即生效，本页面不能修改此项');
  });

  it('redirects to the login page without a session', async () => {
    vi.stubGlobal(
      'fetch',
      mockFetch({ 'GET /api/me': { status: 401, body: { error: { code: 'UNAUTHENTICATED', message: '请先登录' } } } }),
    );
    renderAt('/admin/users');
    expect(await screen.findByLabelText('用户名')).toBeInstanceOf(HTMLElement);
  });
});
