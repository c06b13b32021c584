import { DownOutlined, KeyOutlined, LogoutOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Dropdown, type MenuProps } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../i18n';
import { useSession, useSessionControls } from '../session/SessionContext';

/** The signed-in user's name in the header, with their own pages and 退出登录. */
export function UserMenu({ restricted }: { restricted: boolean }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { user } = useSession();
  const { signOut } = useSessionControls();

  const items: MenuProps['items'] = [
    // A restricted session has one page to finish; it may only leave.
    ...(restricted
      ? []
      : [
          { key: '/account/password', icon: <KeyOutlined />, label: t('account.changePassword') },
          { key: '/account/totp', icon: <SafetyOutlined />, label: t('account.totp') },
          { type: 'divider' as const },
        ]),
    { key: 'logout', icon: <LogoutOutlined />, label: t('account.logout'), danger: true },
  ];

  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'logout') void signOut('loggedOut');
    else void navigate(key);
  };

  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
      <Button type="text" icon={<UserOutlined />} data-testid="user-menu" title={user.username}>
        {user.displayName}
        <DownOutlined style={{ fontSize: 10 }} />
      </Button>
    </Dropdown>
  );
}
