import type { User } from '@gongyi/domain';
import { App, Form, Input } from 'antd';
import { updateUser } from '../../../api/identity';
import { FormModal } from '../../../components/FormModal';
import { useI18n } from '../../../i18n';
import { useTown } from '../../../session/SessionContext';

interface Values {
  displayName: string;
}

/** Renames a user (the username never changes: the audit log refers to it). */
export function UserEditModal({ user, onClose, onSaved }: { user: User | undefined; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const town = useTown();

  const submit = async (v: Values) => {
    await updateUser(town.id, user!.id, { displayName: v.displayName.trim() });
    void message.success(t('common.saved'));
    onSaved();
    onClose();
  };

  return (
    <FormModal<Values>
      open={user !== undefined}
      title={t('users.edit', { username: user?.username ?? '' })}
      initialValues={{ displayName: user?.displayName }}
      onCancel={onClose}
      onSubmit={submit}
      width={480}
      testId="user-edit-form"
    >
      <Form.Item
        name="displayName"
        label={t('users.displayName')}
        extra={t('users.displayNameHelp')}
        rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('users.displayName') }) }]}
      >
        <Input maxLength={100} />
      </Form.Item>
    </FormModal>
  );
}
