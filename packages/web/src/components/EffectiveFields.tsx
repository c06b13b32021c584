import { Col, DatePicker, Form, Row } from 'antd';
import type { Dayjs } from 'dayjs';
import { useI18n, type MessageKey } from '../i18n';
import { DATE_FORMAT } from '../lib/dates';

interface Props {
  fromLabel?: MessageKey;
  fromHelp?: MessageKey;
  toLabel?: MessageKey;
  toHelp?: MessageKey;
  /** Edit forms of teams change only the end date. */
  showFrom?: boolean;
}

/** validFrom / validTo pickers side by side; the end may not precede the start. */
export function EffectiveFields({
  fromLabel = 'common.validFrom',
  fromHelp = 'common.validFromHelp',
  toLabel = 'common.validTo',
  toHelp = 'common.validToHelp',
  showFrom = true,
}: Props) {
  const { t } = useI18n();
  return (
    <Row gutter={16}>
      {showFrom && (
        <Col span={12}>
          <Form.Item
            name="validFrom"
            label={t(fromLabel)}
            extra={t(fromHelp)}
            rules={[{ required: true, message: t('common.requiredSelect', { label: t(fromLabel) }) }]}
          >
            <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      )}
      <Col span={12}>
        <Form.Item
          name="validTo"
          label={t(toLabel)}
          extra={t(toHelp)}
          dependencies={showFrom ? ['validFrom'] : []}
          rules={[
            ({ getFieldValue }) => ({
              validator(_rule, value: Dayjs | null | undefined) {
                const from = getFieldValue('validFrom') as Dayjs | undefined;
                if (!value || !from || !value.isBefore(from, 'day')) return Promise.resolve();
                return Promise.reject(new Error(t('common.validToBeforeFrom')));
              },
            }),
          ]}
        >
          <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} allowClear />
        </Form.Item>
      </Col>
    </Row>
  );
}
