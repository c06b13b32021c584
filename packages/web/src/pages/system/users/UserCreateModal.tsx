import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { ROLE_LABELS } from '@gongyi/domain';
import { Alert, Button, Flex, Form, Input, Typography } from 'antd';
import { createUser, type UserWithPassword } from '../../../api/identity';
import { FormModal } from '../../../components/FormModal';
import { useI18n } from '../../../i18n';
import { useTown } from '../../../session/SessionContext';
import { adminRolesIn, GrantFields, grantInput, type GrantValues } from './GrantFields';
import type { ScopeLookups } from './scopeLookups';

interface Values {
  username: string;
  displayName: string;
  grants: GrantValues[];
}

interface Props {
  open: boolean;
  lookups: ScopeLookups | undefined;
  lookupsLoading: boolean;
  onClose: () => void;
  /** The new account and its one-time password, to be shown once. */
  onCreated: (result: UserWithPassword) => void;
}

const USERNAME = /^[a-zA-Z0-9._-]{3,40}$/;

export function UserCreateModal({ open, lookups, lookupsLoading, onClose, onCreated }: Props) {
  const { t, lang } = useI18n();
  const town = useTown();

  const submit = async (v: Values) => {
    const result = await createUser(town.id, {
      username: v.username.trim(),
      displayName: v.displayName.trim(),
      grants: v.grants.map(grantInput),
    });
    onCreated(result);
  };

  return (
    <FormModal<Values>
      open={open}
      title={t('users.create')}
      okText={t('users.createOk')}
      width={680}
      initialValues={{ grants: [{}] }}
      onCancel={onClose}
      onSubmit={submit}
      testId="user-create-form"
    >
      <Flex gap={16}>
        <Form.Item
          name="username"
          label={t('users.username')}
          extra={t('users.usernameHelp')}
          style={{ flex: 1 }}
          rules={[
            { required: true, whitespace: true, message: t('common.required', { label: t('users.username') }) },
            { pattern: USERNAME, message: t('users.usernameInvalid') },
          ]}
        >
          <Input maxLength={40} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          extra={t('users.displayNameHelp')}
          style={{ flex: 1 }}
          rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('users.displayName') }) }]}
        >
          <Input maxLength={100} autoComplete="off" />
        </Form.Item>
      </Flex>
      <Typography.Text strong>{t('users.grants')}</Typography.Text>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('users.grantsHelp')}
      </Typography.Paragraph>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('users.separation')} />
      <Form.List
        name="grants"
        rules={[
          {
            validator: async (_, grants: GrantValues[] | undefined) => {
              if (!grants?.length) throw new Error(t('users.grantsRequired'));
              const admins = adminRolesIn(grants.map((g) => g?.role));
              if (admins.length > 1) {
                throw new Error(t('users.separationViolated', { roles: admins.map((r) => ROLE_LABELS[r][lang]).join('、') }));
              }
            },
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field) => (
              <Flex key={field.key} gap={8} align="flex-start" data-testid="grant-row">
                <GrantFields name={[field.name]} path={['grants', field.name]} lookups={lookups} loading={lookupsLoading} />
                <Button
                  type="text"
                  icon={<MinusCircleOutlined />}
                  disabled={fields.length === 1}
                  onClick={() => remove(field.name)}
                  aria-label={t('users.removeRow')}
                  title={t('users.removeRow')}
                />
              </Flex>
            ))}
            <Form.Item>
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block>
                {t('users.addRow')}
              </Button>
              <Form.ErrorList errors={errors} />
            </Form.Item>
          </>
        )}
      </Form.List>
    </FormModal>
  );
}
