import { Alert, Form, Input } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n';
import { FormModal } from './FormModal';

interface Props {
  open: boolean;
  title: ReactNode;
  okText?: string;
  /** What happens, shown above the box. */
  intro?: ReactNode;
  label: string;
  help?: string;
  onCancel: () => void;
  onSubmit: (reason: string) => Promise<void>;
  testId?: string;
}

/** A refusal, cancellation or other step that must say why: one required reason. */
export function ReasonModal({ open, title, okText, intro, label, help, onCancel, onSubmit, testId }: Props) {
  const { t } = useI18n();
  return (
    <FormModal<{ reason: string }>
      open={open}
      title={title}
      okText={okText}
      onCancel={onCancel}
      onSubmit={(v) => onSubmit(v.reason.trim())}
      testId={testId}
    >
      {intro && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={intro} />}
      <Form.Item name="reason" label={label} extra={help} rules={[{ required: true, whitespace: true, message: t('common.required', { label }) }]}>
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
    </FormModal>
  );
}
