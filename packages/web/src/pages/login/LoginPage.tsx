import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Select, Typography, theme, type InputRef } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Navigate, useSearchParams } from 'react-router-dom';
import { listLoginTowns, login } from '../../api/auth';
import { ApiError } from '../../api/client';
import { showOnField } from '../../components/formErrors';
import { useApi } from '../../hooks/useApi';
import { errorMessage } from '../../hooks/useReportError';
import { useI18n, type MessageKey } from '../../i18n';
import { LanguageSwitch } from '../../layout/LanguageSwitch';
import { safeNext } from '../../session/next';
import { useSessionControls, type SignOutReason } from '../../session/SessionContext';
import { FullPageSpin } from '../../session/SessionGate';

interface Values {
  townCode: string;
  username: string;
  password: string;
  totpCode?: string;
}

const TOWN_KEY = 'gongyi.townCode';

function storedTownCode(): string | null {
  try {
    return localStorage.getItem(TOWN_KEY);
  } catch {
    return null;
  }
}

function storeTownCode(code: string): void {
  try {
    localStorage.setItem(TOWN_KEY, code);
  } catch {
    // Storage disabled: the town is chosen again next time.
  }
}

const REASONS: Record<SignOutReason, { type: 'info' | 'warning'; text: MessageKey }> = {
  expired: { type: 'warning', text: 'login.reasonExpired' },
  idle: { type: 'warning', text: 'login.reasonIdle' },
  loggedOut: { type: 'info', text: 'login.reasonLoggedOut' },
};

/** 登录: town, username, password, and the 6-digit code when the account has TOTP on. */
export function LoginPage() {
  const { t } = useI18n();
  const { token } = theme.useToken();
  const { state, setSession } = useSessionControls();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [form] = Form.useForm<Values>();
  const [needTotp, setNeedTotp] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [submitting, setSubmitting] = useState(false);
  const totpRef = useRef<InputRef>(null);

  const loadTowns = useCallback((signal: AbortSignal) => listLoginTowns(signal), []);
  const towns = useApi(loadTowns);
  const townItems = towns.data?.items;

  useEffect(() => {
    document.title = `${t('login.title')} - ${t('app.name')}`;
  }, [t]);

  // One town: chosen already. Several: the one this browser signed in to last.
  useEffect(() => {
    if (!townItems || form.getFieldValue('townCode')) return;
    const last = storedTownCode();
    const preset = townItems.length === 1 ? townItems[0] : townItems.find((x) => x.code === last);
    if (preset) form.setFieldValue('townCode', preset.code);
  }, [townItems, form]);

  useEffect(() => {
    if (needTotp) totpRef.current?.focus();
  }, [needTotp]);

  if (state.status === 'signedIn') return <Navigate to={next} replace />;
  if (state.status === 'loading') return <FullPageSpin />;
  const reason = state.status === 'signedOut' && state.reason ? REASONS[state.reason] : undefined;

  const submit = async (values: Values) => {
    setFailure(undefined);
    setSubmitting(true);
    try {
      const session = await login({
        townCode: values.townCode,
        username: values.username.trim(),
        password: values.password,
        totpCode: needTotp ? values.totpCode?.trim() : undefined,
      });
      storeTownCode(values.townCode);
      setSession(session); // this page then redirects to `next`
    } catch (error) {
      if (error instanceof ApiError && error.code === 'totp_required') {
        setNeedTotp(true);
        return;
      }
      if (!showOnField(form, error)) setFailure(error);
      // A wrong password or code is typed again, never kept in the box.
      if (error instanceof ApiError && error.status === 401) form.setFieldsValue({ password: '', totpCode: '' });
    } finally {
      setSubmitting(false);
    }
  };

  // A different account or town asks for its own code (or none).
  const onValuesChange = (changed: Partial<Values>) => {
    if ('username' in changed || 'townCode' in changed) setNeedTotp(false);
  };

  return (
    <Flex
      vertical
      align="center"
      justify="center"
      style={{
        minHeight: '100vh',
        padding: 24,
        background: `linear-gradient(180deg, ${token.colorPrimaryBg} 0%, ${token.colorBgLayout} 55%)`,
      }}
    >
      <div style={{ position: 'absolute', top: 16, right: 24 }}>
        <LanguageSwitch />
      </div>
      <Flex vertical align="center" gap={8} style={{ marginBottom: 24 }}>
        <span
          aria-hidden
          style={{
            width: 48,
            height: 48,
            borderRadius: 10,
            background: token.colorPrimary,
            color: '#fff',
            display: 'grid',
            placeItems: 'center',
            fontSize: 26,
            fontWeight: 600,
            lineHeight: 1,
          }}
        >
          公
        </span>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('app.name')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('login.subtitle')}</Typography.Text>
      </Flex>
      <Card style={{ width: 400, maxWidth: '100%' }} styles={{ body: { padding: '28px 32px 20px' } }}>
        <Typography.Title level={4} style={{ marginTop: 0, marginBottom: 20 }}>
          {t('login.title')}
        </Typography.Title>
        {reason && failure === undefined && (
          <Alert type={reason.type} showIcon title={t(reason.text)} style={{ marginBottom: 16 }} data-testid="login-reason" />
        )}
        {towns.error ? (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('login.townsFailed')}
            description={errorMessage(towns.error)}
            action={
              <Button size="small" onClick={towns.reload}>
                {t('common.retry')}
              </Button>
            }
          />
        ) : (
          townItems?.length === 0 && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('login.noTowns')} />
        )}
        <Form<Values>
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={(v) => void submit(v)}
          onValuesChange={onValuesChange}
          data-testid="login-form"
        >
          <Form.Item
            name="townCode"
            label={t('login.town')}
            rules={[{ required: true, message: t('login.townRequired') }]}
          >
            <Select
              size="large"
              loading={towns.loading}
              options={(townItems ?? []).map((x) => ({ value: x.code, label: x.name }))}
              placeholder={t('login.townPlaceholder')}
              aria-label={t('login.town')}
              showSearch={{ optionFilterProp: ['label'] }}
            />
          </Form.Item>
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
          >
            <Input size="large" prefix={<UserOutlined />} autoComplete="username" maxLength={40} autoFocus />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password size="large" prefix={<LockOutlined />} autoComplete="current-password" maxLength={200} />
          </Form.Item>
          {needTotp && (
            <Form.Item
              name="totpCode"
              label={t('login.totp')}
              extra={t('login.totpHelp')}
              rules={[
                { required: true, message: t('login.totpRequired') },
                { pattern: /^\s*\d{6}\s*$/, message: t('login.totpInvalid') },
              ]}
            >
              <Input
                ref={totpRef}
                size="large"
                prefix={<SafetyOutlined />}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                placeholder="000000"
              />
            </Form.Item>
          )}
          {failure !== undefined && (
            <Alert
              type={failure instanceof ApiError && failure.status === 429 ? 'warning' : 'error'}
              showIcon
              title={errorMessage(failure)}
              style={{ marginBottom: 16 }}
              data-testid="login-error"
            />
          )}
          <Form.Item style={{ marginBottom: 12 }}>
            <Button type="primary" htmlType="submit" size="large" block loading={submitting}>
              {t('login.submit')}
            </Button>
          </Form.Item>
        </Form>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 0, textAlign: 'center' }}>
          {t('login.help')}
        </Typography.Paragraph>
      </Card>
    </Flex>
  );
}
