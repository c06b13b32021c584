import { App, Alert, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { changePassword } from '../../api/auth';
import { showOnField } from '../../components/formErrors';
import { useReportError } from '../../hooks/useReportError';
import { useI18n } from '../../i18n';
import { todayIso } from '../../lib/dates';
import { useSession, useSessionControls } from '../../session/SessionContext';
import { AccountPage, useAfterForcedStep } from './AccountPage';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}


/** 修改密码: the user's own page, and the only page of a session that must change its password. */
export function PasswordPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const session = useSession();
  const { setSession } = useSessionControls();
  const reportError = useReportError();
  const afterForced = useAfterForcedStep();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const forced = session.restriction === 'change_password';
  const expiresOn = session.user.passwordExpiresOn;
  const expired = expiresOn !== null && expiresOn <= todayIso();
  const policy = session.passwordPolicy;

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      const next = await changePassword({ currentPassword: v.currentPassword, newPassword: v.newPassword });
      form.resetFields();
      void message.success(t('password.changed'));
      if (forced) afterForced(next);
      setSession(next);
    } catch (error) {
      if (!showOnField(form, error)) reportError(error);
    } finally {
      setSaving(false);
    }
  };

  const rules = [
    t('password.ruleLength', { n: policy.minLength }),
    t('password.ruleClasses', { n: policy.minClasses }),
    t('password.ruleCommon'),
    t('password.ruleNoName'),
    t('password.ruleHistory'),
    // A one-time password's expiry means nothing to its holder: it is replaced now.
    ...(forced ? [] : [expiresOn ? t('password.ruleExpiresOn', { date: expiresOn }) : t('password.ruleNoExpiry')]),
  ];

  return (
    <AccountPage title={t('password.title')}>
      {forced && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 20 }}
          title={expired ? t('password.forcedExpired', { date: expiresOn ?? '' }) : t('password.forcedFirst')}
          description={t('password.forcedHint')}
          data-testid="password-forced"
        />
      )}
      <Typography.Text strong>{t('password.policy')}</Typography.Text>
      <ul style={{ marginTop: 4, paddingLeft: 20, color: 'rgba(0,0,0,0.65)' }} data-testid="password-policy">
        {rules.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        style={{ maxWidth: 400 }}
        data-testid="password-form"
      >
        {/* Lets the browser's password manager offer to save the new password for this account. */}
        <input type="text" name="username" value={session.user.username} autoComplete="username" readOnly hidden />
        <Form.Item
          name="currentPassword"
          label={t('password.current')}
          extra={forced && !expired ? t('password.currentHelpFirst') : undefined}
          rules={[{ required: true, message: t('common.required', { label: t('password.current') }) }]}
        >
          <Input.Password autoComplete="current-password" maxLength={200} />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('password.new')}
          rules={[{ required: true, message: t('common.required', { label: t('password.new') }) }]}
        >
          <Input.Password autoComplete="new-password" maxLength={200} />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('password.confirmRequired') },
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) =>
                !value || value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={200} />
        </Form.Item>
        <Form.Item style={{ marginBottom: 0 }}>
          <Button type="primary" htmlType="submit" loading={saving}>
            {t('password.submit')}
          </Button>
        </Form.Item>
      </Form>
    </AccountPage>
  );
}
