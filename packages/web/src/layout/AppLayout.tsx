import { Alert, Breadcrumb, Flex, Layout, Menu, Typography, theme, type MenuProps } from 'antd';
import { useMemo } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useI18n, type Translate } from '../i18n';
import { TownGate } from '../town/TownGate';
import { useTownState } from '../town/TownContext';
import { TownSwitcher } from '../town/TownSwitcher';
import { LanguageSwitch } from './LanguageSwitch';
import { NAV, navTrail, type NavItem } from './nav';

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
  const { town } = useTownState();
  const trail = navTrail(pathname);
  const items = useMemo(() => menuItems(NAV, t), [t]);

  return (
    // An app shell: header and notice stay in view, the menu and the page scroll on their own.
    <Layout style={{ height: '100vh' }}>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 24,
          height: 56,
          padding: '0 24px',
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
        <Flex flex={1} justify="flex-end" align="center" gap={20}>
          <TownSwitcher />
          <LanguageSwitch />
        </Flex>
      </Layout.Header>
      <Alert banner type="warning" title={t('app.authNotice')} data-testid="auth-notice" />
      <Layout style={{ flex: 1, minHeight: 0 }}>
        <Layout.Sider
          width={208}
          theme="light"
          breakpoint="lg"
          collapsible
          style={{ borderRight: `1px solid ${token.colorBorderSecondary}`, overflowY: 'auto' }}
        >
          <Menu
            mode="inline"
            items={items}
            selectedKeys={[pathname]}
            defaultOpenKeys={NAV.filter((i) => i.children).map((i) => i.label)}
            onClick={({ key }) => void navigate(key)}
            style={{ borderInlineEnd: 'none' }}
          />
        </Layout.Sider>
        <Layout.Content style={{ padding: '12px 24px 24px', minWidth: 0, overflowY: 'auto' }}>
          {trail.length > 0 && (
            <Breadcrumb
              style={{ marginBottom: 12 }}
              items={trail.map((item, i) => ({
                title: item.path && i < trail.length - 1 ? <Link to={item.path}>{t(item.label)}</Link> : t(item.label),
              }))}
            />
          )}
          <TownGate>
            <Outlet key={town?.id} />
          </TownGate>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
