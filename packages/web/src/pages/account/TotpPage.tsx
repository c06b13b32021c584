import { CheckCircleFilled, SafetyOutlined } from '@ant-design/icons';
import type { TotpSetup } from '@gongyi/domain';
import { Alert, App, Button, Flex, Form, Input, Steps, Typography } from 'antd';
import { useState } from 'react';
import { disableTotp, enableTotp, setupTotp } from '../../api/auth';
import { showOnField } from '../../components/formErrors';
import { useReportError } from '../../hooks/useReportError';
import { useI18n } from '../../i18n';
import { useSession, useSessionControls } from '../../session/SessionContext';
import { AccountPage, CODE_PATTERN, codeOf, useAfterForcedStep } from './AccountPage';

interface CodeValues {
  code: string;
}

function CodeField() {
  const { t } = useI18n();
  return (
    <Form.Item
      name="code"
      label={t('totp.code')}
      rules={[
        { required: true, message: t('login.totpRequired') },
        { pattern: CODE_PATTERN, message: t('login.totpInvalid') },
      ]}
    >
      <Input inputMode="numeric" autoComplete="one-time-code" maxLength={7} placeholder="000000" style={{ width: 160 }} />
    </Form.Item>
  );
}

/** 动态码（两步验证）: enrol with the QR code, or turn it off with a current code. */
export function TotpPage() {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const session = useSession();
  const { setSession } = useSessionControls();
  const reportError = useReportError();
  const afterForced = useAfterForcedStep();
  const [setup, setSetup] = useState<TotpSetup>();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<CodeValues>();
  const forced = session.restriction === 'enrol_totp';

  const start = async () => {
    setBusy(true);
    try {
      setSetup(await setupTotp());
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(false);
    }
  };

  const enable = async ({ code }: CodeValues) => {
    setBusy(true);
    try {
      const next = await enableTotp(codeOf(code));
      setSetup(undefined);
      form.resetFields();
      void message.success(t('totp.enabled'));
      if (forced) afterForced(next);
      setSession(next);
    } catch (error) {
      if (!showOnField(form, error)) reportError(error);
    } finally {
      setBusy(false);
    }
  };

  const disable = ({ code }: CodeValues) =>
    modal.confirm({
      title: t('totp.disableConfirm'),
      content: t('totp.disableConfirmHint'),
      okText: t('totp.disable'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          setSession(await disableTotp(codeOf(code)));
          form.resetFields();
          void message.success(t('totp.disabled'));
        } catch (error) {
          if (!showOnField(form, error)) reportError(error);
        }
      },
    });

  if (session.user.totpEnabled) {
    return (
      <AccountPage title={t('totp.title')}>
        <Flex gap={12} align="center" style={{ marginBottom: 16 }}>
          <CheckCircleFilled style={{ color: '#52c41a', fontSize: 24 }} />
          <Typography.Text strong style={{ fontSize: 16 }} data-testid="totp-status">
            {t('totp.isOn')}
          </Typography.Text>
        </Flex>
        <Typography.Paragraph type="secondary">{t('totp.isOnHint')}</Typography.Paragraph>
        <Form<CodeValues> form={form} layout="vertical" onFinish={disable}>
          <CodeField />
          <Button danger htmlType="submit">
            {t('totp.disable')}
          </Button>
        </Form>
      </AccountPage>
    );
  }

  return (
    <AccountPage title={t('totp.title')}>
      {forced && (
        <Alert type="warning" showIcon style={{ marginBottom: 20 }} title={t('totp.forced')} data-testid="totp-forced" />
      )}
      <Typography.Paragraph>{t('totp.intro')}</Typography.Paragraph>
      <Steps
        orientation="vertical"
        size="small"
        current={setup ? 1 : 0}
        items={[
          {
            title: t('totp.step1'),
            content: (
              <>
                <Typography.Paragraph type="secondary">{t('totp.step1Hint')}</Typography.Paragraph>
                {!setup && (
                  <Button type="primary" icon={<SafetyOutlined />} loading={busy} onClick={() => void start()}>
                    {t('totp.start')}
                  </Button>
                )}
                {setup && (
                  <Flex gap={24} align="center" wrap style={{ marginBottom: 8 }}>
                    <img
                      src={setup.qrDataUrl}
                      alt={t('totp.qrAlt')}
                      width={180}
                      height={180}
                      style={{ border: '1px solid #f0f0f0', borderRadius: 6 }}
                      data-testid="totp-qr"
                    />
                    <div style={{ maxWidth: 280 }}>
                      <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
                        {t('totp.manual')}
                      </Typography.Paragraph>
                      <Typography.Text code copyable style={{ wordBreak: 'break-all' }} data-testid="totp-secret">
                        {setup.secret}
                      </Typography.Text>
                    </div>
                  </Flex>
                )}
              </>
            ),
          },
          {
            title: t('totp.step2'),
            content: setup && (
              <Form<CodeValues> form={form} layout="vertical" onFinish={(v) => void enable(v)}>
                <Typography.Paragraph type="secondary">{t('totp.step2Hint')}</Typography.Paragraph>
                <CodeField />
                <Button type="primary" htmlType="submit" loading={busy}>
                  {t('totp.enable')}
                </Button>
              </Form>
            ),
          },
        ]}
      />
    </AccountPage>
  );
}
