import { DownOutlined, PlusOutlined } from '@ant-design/icons';
import { ROLES, ROLE_LABELS, type User } from '@gongyi/domain';
import { App, Button, Card, Dropdown, Empty, Flex, Table, Tag, Typography, type MenuProps, type TableColumnsType } from 'antd';
import { useCallback, useState } from 'react';
import { listUsers, resetPassword, updateUser } from '../../../api/identity';
import { FilterBar, SearchFilter, SelectFilter } from '../../../components/filters';
import { LoadError } from '../../../components/LoadError';
import { PageHeader } from '../../../components/PageHeader';
import { usePagedList, type PageRequest } from '../../../hooks/usePagedList';
import { useReportError } from '../../../hooks/useReportError';
import { useI18n } from '../../../i18n';
import { timestampText } from '../../../lib/dates';
import { oneOf } from '../../../lib/oneOf';
import { useCan, useSession, useTown } from '../../../session/SessionContext';
import { GrantsModal } from './GrantsModal';
import { GrantTags, isLocked, UserStatus } from './display';
import { OneTimePasswordModal, type OneTimePassword } from './OneTimePasswordModal';
import { useScopeLookups } from './scopeLookups';
import { UserCreateModal } from './UserCreateModal';
import { UserEditModal } from './UserEditModal';

const FILTERS = ['q', 'role'] as const;
type Filter = (typeof FILTERS)[number];

/** 系统管理 › 用户与授权 (security_admin manages; supervision reads). */
export function UsersPage() {
  const { t, lang } = useI18n();
  const { message, modal } = App.useApp();
  const town = useTown();
  const me = useSession().user;
  const can = useCan();
  const manage = can('user.manage');
  const reportError = useReportError();
  const lookups = useScopeLookups(manage);

  const fetchPage = useCallback(
    (r: PageRequest<Filter>, signal: AbortSignal) => listUsers(town.id, { ...r, role: oneOf(ROLES, r.role) }, signal),
    [town.id],
  );
  const list = usePagedList(FILTERS, fetchPage);

  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User>();
  const [granting, setGranting] = useState<User>();
  const [password, setPassword] = useState<OneTimePassword>();

  const run = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      void message.success(done);
      list.reload();
    } catch (error) {
      reportError(error);
    }
  };

  const confirmDisable = (u: User) =>
    modal.confirm({
      title: t('users.disableConfirm', { name: u.displayName }),
      content: t('users.disableHint'),
      okText: t('users.disable'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => run(() => updateUser(town.id, u.id, { disabled: true }), t('users.disabled')),
    });

  const confirmReset = (u: User) =>
    modal.confirm({
      title: t('users.resetConfirm', { name: u.displayName }),
      content: t('users.resetHint'),
      okText: t('users.reset'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const result = await resetPassword(town.id, u.id);
          setPassword({ ...result, reason: 'reset' });
          list.reload();
        } catch (error) {
          reportError(error);
        }
      },
    });

  const moreItems = (u: User): MenuProps['items'] => [
    u.disabled
      ? { key: 'enable', label: t('users.enable') }
      : { key: 'disable', label: t('users.disable'), danger: true, disabled: u.id === me.id, title: u.id === me.id ? t('users.disableSelf') : undefined },
    ...(isLocked(u) ? [{ key: 'unlock', label: t('users.unlock') }] : []),
    { key: 'reset', label: t('users.reset'), danger: true },
  ];

  const onMore = (u: User, key: string) => {
    if (key === 'disable') confirmDisable(u);
    else if (key === 'enable') void run(() => updateUser(town.id, u.id, { disabled: false }), t('users.enabled'));
    else if (key === 'unlock') void run(() => updateUser(town.id, u.id, { unlock: true }), t('users.unlocked'));
    else if (key === 'reset') confirmReset(u);
  };

  const columns: TableColumnsType<User> = [
    {
      title: t('users.username'),
      dataIndex: 'username',
      width: 130,
      render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
    },
    { title: t('users.displayName'), dataIndex: 'displayName', width: 140, ellipsis: { showTitle: true } },
    { title: t('users.grants'), key: 'grants', render: (_, u) => <GrantTags grants={u.grants} /> },
    { title: t('users.status'), key: 'status', width: 130, render: (_, u) => <UserStatus user={u} /> },
    {
      title: t('users.totp'),
      dataIndex: 'totpEnabled',
      width: 90,
      render: (on: boolean) => (on ? <Tag color="green">{t('users.totpOn')}</Tag> : <Tag>{t('users.totpOff')}</Tag>),
    },
    {
      title: t('users.lastLogin'),
      dataIndex: 'lastLoginAt',
      width: 150,
      render: (v: string | null) =>
        v ? timestampText(v) : <Typography.Text type="secondary">{t('users.neverLoggedIn')}</Typography.Text>,
    },
    ...(manage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 170,
            fixed: 'right' as const,
            render: (_: unknown, u: User) => (
              <Flex gap={0} wrap={false}>
                <Button type="link" size="small" onClick={() => setEditing(u)}>
                  {t('common.edit')}
                </Button>
                <Button type="link" size="small" onClick={() => setGranting(u)}>
                  {t('users.grantsAction')}
                </Button>
                <Dropdown menu={{ items: moreItems(u), onClick: ({ key }) => onMore(u, key) }} trigger={['click']}>
                  <Button type="link" size="small">
                    {t('common.more')} <DownOutlined style={{ fontSize: 10 }} />
                  </Button>
                </Dropdown>
              </Flex>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t('users.title')}
        subTitle={t('users.subtitle')}
        extra={
          manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('users.create')}
            </Button>
          )
        }
      />
      <Card>
        <FilterBar onReset={list.resetFilters} canReset={list.hasFilters}>
          <SearchFilter value={list.filters.q} onChange={(q) => list.setFilters({ q })} placeholder={t('users.search')} />
          <SelectFilter
            value={list.filters.role}
            onChange={(role) => list.setFilters({ role })}
            placeholder={t('users.role')}
            options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r][lang] }))}
            width={200}
          />
        </FilterBar>
        <LoadError error={list.error} onRetry={list.reload} />
        <Table<User>
          rowKey="id"
          size="middle"
          columns={columns}
          {...list.tableProps}
          scroll={{ x: 1000 }}
          locale={{ emptyText: <Empty description={t(list.hasFilters ? 'users.emptyFiltered' : 'users.empty')} /> }}
          data-testid="users-table"
        />
      </Card>
      {manage && (
        <>
          <UserCreateModal
            open={creating}
            lookups={lookups.data}
            lookupsLoading={lookups.loading}
            onClose={() => setCreating(false)}
            onCreated={(result) => {
              setCreating(false);
              setPassword({ ...result, reason: 'created' });
              list.reload();
            }}
          />
          <UserEditModal user={editing} onClose={() => setEditing(undefined)} onSaved={list.reload} />
          <GrantsModal
            key={granting?.id}
            user={granting}
            lookups={lookups.data}
            lookupsLoading={lookups.loading}
            onClose={() => setGranting(undefined)}
            onChanged={list.reload}
          />
          <OneTimePasswordModal value={password} onClose={() => setPassword(undefined)} />
        </>
      )}
    </>
  );
}
