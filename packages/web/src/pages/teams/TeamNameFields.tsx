import { Col, Form, Input, InputNumber, Row } from 'antd';
import { useI18n } from '../../i18n';

/** The team's name and sort order: the first row of both the create and the edit form. */
export function TeamNameFields() {
  const { t } = useI18n();
  return (
    <Row gutter={16}>
      <Col span={16}>
        <Form.Item
          name="name"
          label={t('teams.name')}
          extra={t('teams.nameHelp')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('teams.name') }) }]}
        >
          <Input maxLength={100} />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item name="sortOrder" label={t('teams.sortOrder')} extra={t('teams.sortOrderHelp')}>
          <InputNumber min={0} max={9999} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
    </Row>
  );
}
