import { EnvironmentOutlined } from '@ant-design/icons';
import { Breadcrumb, Flex, Layout, Menu, Space, Typography, theme, type MenuProps } from 'antd';
import { useMemo } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useI18n, type Translate } from '../i18n';
import { IdleWatcher } from '../session/IdleWatcher';
import { useSession } from '../session/SessionContext';
import { LanguageSwitch } from './LanguageSwitch';
import { ACCOUNT_NAV, navTrail, visibleNav, type NavItem } from './nav';
import { UserMenu } from './UserMenu';

type MenuItem = Required<MenuProps>['items'][number];

function menuItems(items: NavItem[], t: Translate): MenuItem[] {
  return items.map((item) =>
    item.children
      ? { key: item.label, icon: item.icon, label: t(item.label), children: menuItems(item.children, t) }
      : { key: item.path ?? item.label, icon: item.icon, label: t(item.label) },
  );
}

export function AppLayout() {
  const { t } = useI18n();
  const { token } = theme.useToken();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const session = useSession();
  // A session that must change its password or enrol TOTP sees that one page and nothing else.
  const restricted = session.restriction !== 'none';
  const nav = useMemo(() => visibleNav(session.actions), [session.actions]);
  const items = useMemo(() => menuItems(nav, t), [nav, t]);
  const trail = navTrail(pathname, [...nav, ...ACCOUNT_NAV]);
  // A page reached from a menu page (人员详情 from 花名册) keeps that menu entry selected.
  const selected = [pathname, ...trail.flatMap((item) => (item.path ? [item.path] : []))];

  return (
    // An app shell: the header stays in view, the menu and the page scroll on their own.
    <Layout style={{ height: '100vh' }}>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 24,
          height: 56,
          padding: '0 16px 0 24px',
          background: token.colorBgContainer,
          borderBottom: `1px solid ${token.colorBorderSecondary}`,
        }}
      >
        <Link to="/" style={{ display: 'flex', alignItems: 'center', gap: 10, lineHeight: 1 }}>
          <span
            aria-hidden
            style={{
              width: 28,
              height: 28,
              borderRadius: 6,
              background: token.colorPrimary,
              color: '#fff',
              display: 'grid',
              placeItems: 'center',
              fontWeight: 600,
              lineHeight: 1,
            }}
          >
            公
          </span>
          <Typography.Text strong style={{ fontSize: 17 }}>
            {t('app.name')}
          </Typography.Text>
        </Link>
        <Flex flex={1} justify="flex-end" align="center" gap={16}>
          <Space size={6} aria-label={t('app.town')}>
            <EnvironmentOutlined />
            <Typography.Text data-testid="town-name">{session.town.name}</Typography.Text>
          </Space>
          <LanguageSwitch />
          <UserMenu restricted={restricted} />
        </Flex>
      </Layout.Header>
      <Layout style={{ flex: 1, minHeight: 0 }}>
        {!restricted && (
          <Layout.Sider
            width={208}
            theme="light"
            breakpoint="lg"
            collapsible
            style={{ borderRight: `1px solid ${token.colorBorderSecondary}` }}
          >
            {/* The menu scrolls above the collapse button, so its last entries are never hidden under it. */}
            <div style={{ height: '100%', overflowY: 'auto' }}>
              <Menu
                mode="inline"
                items={items}
                selectedKeys={selected}
                defaultOpenKeys={nav.filter((i) => i.children).map((i) => i.label)}
                onClick={({ key }) => void navigate(key)}
                style={{ borderInlineEnd: 'none' }}
                data-testid="side-menu"
              />
            </div>
          </Layout.Sider>
        )}
        <Layout.Content style={{ padding: '12px 24px 24px', minWidth: 0, overflowY: 'auto' }}>
          {!restricted && trail.length > 0 && (
            <Breadcrumb
              style={{ marginBottom: 12 }}
              items={trail.map((item, i) => ({
                title: item.path && i < trail.length - 1 ? <Link to={item.path}>{t(item.label)}</Link> : t(item.label),
              }))}
            />
          )}
          <Outlet />
        </Layout.Content>
      </Layout>
      <IdleWatcher />
    </Layout>
  );
}
