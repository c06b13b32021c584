import { Alert, Button, Descriptions, Modal, Typography } from 'antd';
import type { UserWithPassword } from '../../../api/identity';
import { useI18n } from '../../../i18n';

export interface OneTimePassword extends UserWithPassword {
  /** Why it was issued: a new account or a reset. */
  reason: 'created' | 'reset';
}

/**
 * The one-time password, shown once: the server keeps only its hash. Closed only with the button,
 * so a stray click on the mask does not lose it.
 */
export function OneTimePasswordModal({ value, onClose }: { value: OneTimePassword | undefined; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal
      open={value !== undefined}
      title={t(value?.reason === 'reset' ? 'otp.titleReset' : 'otp.titleCreated')}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      width={520}
      footer={
        <Button type="primary" onClick={onClose} data-testid="otp-done">
          {t('otp.done')}
        </Button>
      }
    >
      {value && (
        <div data-testid="one-time-password">
          <Alert type="warning" showIcon title={t('otp.once')} description={t('otp.handOver')} style={{ marginBottom: 16 }} />
          <Descriptions
            bordered
            size="small"
            column={1}
            styles={{ label: { width: 120 } }}
            items={[
              { key: 'user', label: t('users.username'), children: `${value.user.username}（${value.user.displayName}）` },
              {
                key: 'password',
                label: t('otp.password'),
                children: (
                  <Typography.Text
                    code
                    copyable={{ tooltips: [t('otp.copy'), t('otp.copied')] }}
                    style={{ fontSize: 18, letterSpacing: 1 }}
                    data-testid="otp-value"
                  >
                    {value.oneTimePassword}
                  </Typography.Text>
                ),
              },
            ]}
          />
        </div>
      )}
    </Modal>
  );
}
