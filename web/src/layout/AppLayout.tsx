import { Suspense, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { Alert, Avatar, Badge, Button, Dropdown, Grid, Layout, Menu, Space, Spin } from 'antd';
import type { MenuProps } from 'antd';
import {
  LogoutOutlined,
  KeyOutlined,
  MenuOutlined,
  QuestionCircleOutlined,
  TranslationOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useMe, useSession } from '../auth/session';
import { useI18n } from '../i18n';
import { guideEntry, menuFor, type MenuEntry } from './menu';
import { NoticeBell } from '../features/notices/NoticeBell';
import { SearchBox } from '../features/search/SearchBox';
import { menuCounts, useWorkbench, WorkbenchProvider } from '../features/workbench/useWorkbench';

const { Header, Sider, Content } = Layout;

/** The authenticated shell: header, role-based side menu, demo banner, page outlet. */
export function AppLayout() {
  return (
    <WorkbenchProvider>
      <Shell />
    </WorkbenchProvider>
  );
}

function Shell() {
  const me = useMe();
  const { logout } = useSession();
  const { t, locale, setLocale } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.lg;
  const [collapsed, setCollapsed] = useState(true);

  const counts = menuCounts(useWorkbench());
  const toItems = (entries: MenuEntry[]): MenuProps['items'] =>
    entries.map((e) => ({
      key: e.key,
      label: counts[e.key] ? (
        <Space>
          {t(e.label)}
          <Badge count={counts[e.key]} size="small" />
        </Space>
      ) : (
        t(e.label)
      ),
      ...(e.children ? { children: toItems(e.children) } : {}),
    }));
  const entries = [...menuFor(me), guideEntry(me)];
  // R1.3: whoever works with the business finds it; the three administrators have nothing to find.
  const showSearch = entries.some((e) => e.key === '/minutes');
  const selected =
    location.pathname === '/' ? '/' : `/${location.pathname.split('/').filter(Boolean).slice(0, 2).join('/')}`;

  const userMenu: MenuProps['items'] = [
    { key: 'password', icon: <KeyOutlined />, label: t('user.changePassword'), onClick: () => navigate('/password') },
    { key: 'logout', icon: <LogoutOutlined />, label: t('user.logout'), onClick: () => void logout() },
  ];

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider
        breakpoint="lg"
        collapsedWidth={0}
        collapsed={narrow ? collapsed : false}
        onCollapse={(c) => setCollapsed(c)}
        trigger={null}
        width={208}
        style={narrow ? { position: 'fixed', zIndex: 20, height: '100vh' } : undefined}
      >
        <div style={{ color: '#fff', fontSize: 18, fontWeight: 600, padding: '16px 24px' }}>{t('app.name')}</div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[selected]}
          defaultOpenKeys={['admin']}
          items={toItems(entries)}
          onClick={({ key }) => {
            if (key.startsWith('/')) navigate(key);
            if (narrow) setCollapsed(true);
          }}
        />
      </Sider>
      <Layout>
        <Header
          style={{
            background: '#fff',
            padding: '0 16px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            gap: 8,
          }}
        >
          <Space>
            {narrow && (
              <Button type="text" icon={<MenuOutlined />} aria-label="菜单" onClick={() => setCollapsed((c) => !c)} />
            )}
            <span style={{ fontWeight: 600, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
              {me.unit.name}
            </span>
          </Space>
          <Space>
            {showSearch && <SearchBox narrow={narrow} />}
            <Button
              type="text"
              icon={<QuestionCircleOutlined />}
              aria-label={t('menu.help')}
              onClick={() => navigate('/guide')}
            >
              {narrow ? null : t('menu.help')}
            </Button>
            <Button
              type="text"
              icon={<TranslationOutlined />}
              onClick={() => setLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')}
            >
              {narrow ? null : t('lang.switch')}
            </Button>
            <NoticeBell />
            <Dropdown menu={{ items: userMenu }} placement="bottomRight">
              <Space style={{ cursor: 'pointer' }}>
                <Avatar size="small" icon={<UserOutlined />} />
                {/* On a phone the header also holds the search box: the avatar stands for the name. */}
                {!narrow && <span>{me.user.displayName}</span>}
              </Space>
            </Dropdown>
          </Space>
        </Header>
        {me.unit.isDemo && <Alert type="warning" banner showIcon message={t('app.demoBanner')} />}
        <Content style={{ margin: narrow ? 8 : 16 }}>
          <Suspense fallback={<Spin style={{ display: 'block', marginTop: 64 }} />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
