import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { DEFAULT_COMMUNITY_SHARE_PERCENT, type Department } from '@gongyi/domain';
import { Button, Col, Flex, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import { SEARCHABLE, departmentOptions } from '../../features/org/useOrgLookups';
import { useI18n } from '../../i18n';

interface Props {
  /** Where the assignment sits in the form: ['assignment'] when creating a team, [] on its own. */
  prefix: string[];
  departments: Department[];
}

/** Supervising department, daily-managing units with their duties, and the community score share. */
export function AssignmentFields({ prefix, departments }: Props) {
  const { t } = useI18n();
  const options = departmentOptions(departments);
  const name = (field: string) => [...prefix, field];

  return (
    <>
      <Form.Item
        name={name('supervisingDepartmentId')}
        label={t('assignment.supervising')}
        extra={t('assignment.supervisingHelp')}
        rules={[{ required: true, message: t('common.requiredSelect', { label: t('assignment.supervising') }) }]}
      >
        <Select showSearch={SEARCHABLE} options={options} />
      </Form.Item>

      <Form.Item label={t('assignment.units')} extra={t('assignment.unitsHelp')} required>
        <Form.List
          name={name('managingUnits')}
          rules={[
            {
              validator: async (_rule, units: { departmentId?: string }[] | undefined) => {
                if (!units?.length) throw new Error(t('assignment.unitsRequired'));
                const ids = units.map((u) => u.departmentId).filter(Boolean);
                if (new Set(ids).size !== ids.length) throw new Error(t('assignment.unitDuplicate'));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field) => (
                <Flex key={field.key} gap={8} align="start">
                  <Form.Item
                    name={[field.name, 'departmentId']}
                    style={{ width: 180, flex: 'none', marginBottom: 8 }}
                    rules={[{ required: true, message: t('common.requiredSelect', { label: t('assignment.unit') }) }]}
                  >
                    <Select
                      showSearch={SEARCHABLE}
                      options={options}
                      placeholder={t('assignment.unit')}
                      aria-label={t('assignment.unit')}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'duties']} style={{ flex: 1, marginBottom: 8 }}>
                    <Input maxLength={200} placeholder={t('assignment.unitDuties')} aria-label={t('assignment.unitDuties')} />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<MinusCircleOutlined />}
                    aria-label={t('assignment.removeUnit')}
                    title={t('assignment.removeUnit')}
                    disabled={fields.length <= 1}
                    onClick={() => remove(field.name)}
                  />
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} disabled={fields.length >= 10} block>
                {t('assignment.addUnit')}
              </Button>
              <Form.ErrorList errors={errors} />
            </>
          )}
        </Form.List>
      </Form.Item>

      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            name={name('communityScoreShare')}
            label={t('assignment.share')}
            extra={t('assignment.shareHelp')}
            valuePropName="checked"
          >
            <Switch checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item noStyle dependencies={[name('communityScoreShare')]}>
            {({ getFieldValue }) =>
              getFieldValue(name('communityScoreShare')) === true && (
                <Form.Item
                  name={name('communitySharePercent')}
                  label={t('assignment.sharePercent')}
                  extra={t('assignment.sharePercentHelp', { percent: DEFAULT_COMMUNITY_SHARE_PERCENT })}
                  rules={[{ required: true, message: t('common.required', { label: t('assignment.sharePercent') }) }]}
                >
                  <InputNumber min={1} max={99} precision={0} suffix="%" style={{ width: 140 }} />
                </Form.Item>
              )
            }
          </Form.Item>
        </Col>
      </Row>

      <Form.Item name={name('note')} label={t('common.note')} extra={t('assignment.noteHelp')}>
        <Input maxLength={500} />
      </Form.Item>
    </>
  );
}
