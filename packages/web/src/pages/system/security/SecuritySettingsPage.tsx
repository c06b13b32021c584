import { PASSWORD_FLOOR, type SecuritySettings } from '@gongyi/domain';
import { App, Button, Card, Col, Form, InputNumber, Row, Skeleton, Switch, Typography } from 'antd';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { getSecuritySettings, saveSecuritySettings } from '../../../api/identity';
import { showOnField } from '../../../components/formErrors';
import { LoadError } from '../../../components/LoadError';
import { PageHeader } from '../../../components/PageHeader';
import { useApi } from '../../../hooks/useApi';
import { useReportError } from '../../../hooks/useReportError';
import { useI18n, type MessageKey } from '../../../i18n';
import { useSessionControls, useTown } from '../../../session/SessionContext';

type Key = keyof SecuritySettings;
type NumberKey = Exclude<Key, 'totpRequiredForAdmins'>;

interface NumberField {
  key: NumberKey;
  min: number;
  max: number;
  unit?: MessageKey;
}

// Limits as SecuritySettingsSchema sets them (packages/domain/src/api/identity.ts).
const SECTIONS: { title: MessageKey; fields: NumberField[] }[] = [
  {
    title: 'security.sectionPassword',
    fields: [
      { key: 'passwordMinLength', min: PASSWORD_FLOOR.minLength, max: 64, unit: 'security.unitChars' },
      { key: 'passwordMinClasses', min: PASSWORD_FLOOR.minClasses, max: 4, unit: 'security.unitClasses' },
      { key: 'passwordExpiryDays', min: 0, max: 3650, unit: 'security.unitDays' },
    ],
  },
  {
    title: 'security.sectionLockout',
    fields: [
      { key: 'lockoutThreshold', min: 3, max: 20, unit: 'security.unitTimes' },
      { key: 'lockoutMinutes', min: 1, max: 1440, unit: 'security.unitMinutes' },
    ],
  },
  {
    title: 'security.sectionSession',
    fields: [
      { key: 'sessionIdleMinutes', min: 1, max: 240, unit: 'security.unitMinutes' },
      { key: 'sessionAbsoluteHours', min: 1, max: 72, unit: 'security.unitHours' },
      { key: 'maxSessionsPerUser', min: 1, max: 10, unit: 'security.unitSessions' },
    ],
  },
  {
    title: 'security.sectionAudit',
    fields: [
      { key: 'auditRetentionDays', min: 184, max: 36500, unit: 'security.unitDays' },
      { key: 'revealsPerHour', min: 1, max: 500, unit: 'security.unitTimes' },
    ],
  },
];

const label = (key: Key) => `security.${key}` as MessageKey;
const help = (key: Key) => `security.${key}Help` as MessageKey;

/** 系统管理 › 安全设置: the town's password, lockout, session, TOTP and audit-retention rules (等保 2.0). */
export function SecuritySettingsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const town = useTown();
  const { refresh } = useSessionControls();
  const reportError = useReportError();
  const load = useCallback((signal: AbortSignal) => getSecuritySettings(town.id, signal), [town.id]);
  const { data, error, loading, reload } = useApi(load);
  const [form] = Form.useForm<SecuritySettings>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (data) form.setFieldsValue(data);
  }, [data, form]);

  const save = async (values: SecuritySettings) => {
    setSaving(true);
    try {
      form.setFieldsValue(await saveSecuritySettings(town.id, values));
      void message.success(t('security.saved'));
      // The idle timeout of this very session may have changed.
      void refresh().catch(() => undefined);
    } catch (e) {
      if (!showOnField(form, e)) reportError(e);
    } finally {
      setSaving(false);
    }
  };

  const item = (f: NumberField): ReactNode => (
    <Form.Item
      key={f.key}
      name={f.key}
      label={t(label(f.key))}
      extra={t(help(f.key))}
      rules={[{ required: true, message: t('common.required', { label: t(label(f.key)) }) }]}
    >
      <InputNumber
        min={f.min}
        max={f.max}
        precision={0}
        style={{ width: 180 }}
        suffix={f.unit ? t(f.unit) : undefined}
        aria-label={t(label(f.key))}
      />
    </Form.Item>
  );

  return (
    <>
      <PageHeader
        title={t('security.title')}
        subTitle={t('security.subtitle')}
        extra={
          <Button type="primary" loading={saving} disabled={!data} onClick={() => form.submit()}>
            {t('common.save')}
          </Button>
        }
      />
      <LoadError error={error} onRetry={reload} />
      {loading && !data ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : (
        <Form<SecuritySettings>
          form={form}
          layout="vertical"
          onFinish={(v) => void save(v)}
          disabled={!data}
          data-testid="security-form"
        >
          <Row gutter={[16, 16]}>
            {SECTIONS.map((section) => (
              <Col key={section.title} xs={24} xl={12}>
                <Card title={t(section.title)} size="small" style={{ height: '100%' }}>
                  {section.fields.map(item)}
                  {section.title === 'security.sectionLockout' && (
                    <Form.Item
                      name="totpRequiredForAdmins"
                      label={t(label('totpRequiredForAdmins'))}
                      extra={t(help('totpRequiredForAdmins'))}
                      valuePropName="checked"
                    >
                      <Switch checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} />
                    </Form.Item>
                  )}
                </Card>
              </Col>
            ))}
          </Row>
          <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
            {t('security.footnote')}
          </Typography.Paragraph>
        </Form>
      )}
    </>
  );
}
