import { PlusOutlined } from '@ant-design/icons';
import { ADMIN_ROLES, ROLE_LABELS, type Grant, type User } from '@gongyi/domain';
import { Alert, App, Button, Divider, Empty, Flex, Form, Modal, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../../api/client';
import { addGrant, removeGrant } from '../../../api/identity';
import { errorMessage, useReportError } from '../../../hooks/useReportError';
import { useI18n } from '../../../i18n';
import { useTown } from '../../../session/SessionContext';
import { adminRolesIn, GrantFields, grantInput, type GrantValues } from './GrantFields';
import { GrantTag } from './display';
import type { ScopeLookups } from './scopeLookups';

interface Props {
  /** The user whose grants are managed; undefined when closed. Key the modal by the user's id. */
  user: User | undefined;
  lookups: ScopeLookups | undefined;
  lookupsLoading: boolean;
  onClose: () => void;
  /** A grant was added or removed: the list shows it. */
  onChanged: () => void;
}

/** 授权: a user's grants, each removable, and a form to add one. Changes apply at once. */
export function GrantsModal({ user, lookups, lookupsLoading, onClose, onChanged }: Props) {
  const { t, lang } = useI18n();
  const { message, modal } = App.useApp();
  const town = useTown();
  const reportError = useReportError();
  const [current, setCurrent] = useState(user);
  const [form] = Form.useForm<GrantValues>();
  const [adding, setAdding] = useState(false);

  const shown = current ?? user;
  const held = adminRolesIn(shown?.grants.map((g) => g.role) ?? []);
  // 三权分立: an account holding one admin role cannot be given another.
  const disabledRoles = held.length > 0 ? ADMIN_ROLES.filter((r) => !held.includes(r)) : [];

  const add = async (v: GrantValues) => {
    if (!shown) return;
    setAdding(true);
    try {
      const next = await addGrant(town.id, shown.id, grantInput(v));
      setCurrent(next);
      form.resetFields();
      void message.success(t('users.grantAdded'));
      onChanged();
    } catch (error) {
      // The server names fields of its grants list ("grants.0.scopeId"); this form has one grant.
      const field = error instanceof ApiError ? error.field : undefined;
      if (field?.endsWith('scopeId')) form.setFields([{ name: 'scopeId', errors: [errorMessage(error)] }]);
      else if (field?.startsWith('grants')) form.setFields([{ name: 'role', errors: [errorMessage(error)] }]);
      else reportError(error);
    } finally {
      setAdding(false);
    }
  };

  const remove = (grant: Grant) =>
    modal.confirm({
      title: t('users.grantRemoveConfirm'),
      content: (
        <Flex vertical gap={8}>
          <div>
            <GrantTag grant={grant} />
          </div>
          <span>{t('users.grantRemoveHint')}</span>
        </Flex>
      ),
      okText: t('users.grantRemove'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        if (!shown) return;
        try {
          setCurrent(await removeGrant(town.id, shown.id, grant.id));
          void message.success(t('users.grantRemoved'));
          onChanged();
        } catch (error) {
          reportError(error);
        }
      },
    });

  return (
    <Modal
      open={user !== undefined}
      title={shown ? t('users.grantsTitle', { username: shown.username, name: shown.displayName }) : ''}
      width={680}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      footer={<Button onClick={onClose}>{t('common.close')}</Button>}
    >
      <div data-testid="grants-modal">
        <Typography.Text strong>{t('users.grantsCurrent')}</Typography.Text>
        {shown && shown.grants.length > 0 ? (
          <Flex vertical style={{ margin: '8px 0' }} data-testid="grant-list">
            {shown.grants.map((g) => (
              <Flex
                key={g.id}
                justify="space-between"
                align="center"
                gap={12}
                style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}
              >
                <Flex gap={12} align="center" wrap>
                  <GrantTag grant={g} />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('users.grantSince', { date: g.createdAt.slice(0, 10) })}
                  </Typography.Text>
                </Flex>
                <Button type="link" danger size="small" onClick={() => remove(g)}>
                  {t('users.grantRemove')}
                </Button>
              </Flex>
            ))}
          </Flex>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('users.noGrantsHint')} />
        )}
        <Divider style={{ margin: '12px 0 16px' }} />
        <Typography.Text strong>{t('users.grantAdd')}</Typography.Text>
        <Alert
          type="info"
          showIcon
          style={{ margin: '8px 0 12px' }}
          title={
            held.length > 0
              ? t('users.separationHeld', { role: held.map((r) => ROLE_LABELS[r][lang]).join('、') })
              : t('users.separation')
          }
        />
        <Form<GrantValues> form={form} layout="vertical" onFinish={(v) => void add(v)} data-testid="grant-add-form">
          <Flex gap={8} align="flex-end" wrap>
            <GrantFields name={[]} path={[]} lookups={lookups} loading={lookupsLoading} disabledRoles={disabledRoles} labels />
            <Form.Item>
              <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={adding}>
                {t('users.grantAddOk')}
              </Button>
            </Form.Item>
          </Flex>
        </Form>
      </div>
    </Modal>
  );
}
