import type { EntryInput, Sheet } from '@gongyi/domain';
import { Alert, App, Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { ApiError } from '../../api/client';
import { correctSheet } from '../../api/assessment';
import { FormModal } from '../../components/FormModal';
import { useI18n } from '../../i18n';
import { useTown } from '../../session/SessionContext';

interface Values {
  row: { personId?: string; daysWorked?: number | null; absenceDays?: number | null; peopleServed?: number | null; scores?: Record<string, number | null> };
  reason: string;
}

/** 更正: after lock a row changes only with a reason, recorded with the approver (#6 part 4). */
export function CorrectionModal({ sheet, onClose, onSheet }: { sheet: Sheet; onClose: () => void; onSheet: (sheet: Sheet) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const town = useTown();
  const entryOf = (personId: string | undefined) => sheet.entries.find((e) => e.personId === personId);

  const submit = async (v: Values) => {
    const entry = entryOf(v.row.personId);
    if (!entry) throw new ApiError(0, 'required', t('common.requiredSelect', { label: t('assessment.correction.worker') }));
    const row: EntryInput = { personId: entry.personId };
    if (v.row.daysWorked !== entry.daysWorked) row.daysWorked = v.row.daysWorked ?? null;
    if ((v.row.absenceDays ?? 0) !== entry.absenceDays) row.absenceDays = v.row.absenceDays ?? 0;
    if (entry.perPersonServed && v.row.peopleServed !== entry.peopleServed) row.peopleServed = v.row.peopleServed ?? null;
    const scores = Object.fromEntries(Object.entries(v.row.scores ?? {}).filter(([id, value]) => (value ?? null) !== (entry.scores[id] ?? null)));
    if (Object.keys(scores).length > 0) row.scores = scores;
    if (Object.keys(row).length === 1) throw new ApiError(0, 'no_change', t('assessment.correction.noChange'));
    onSheet(await correctSheet(town.id, sheet.id, { row, reason: v.reason.trim() }));
    void message.success(t('assessment.correction.saved', { name: entry.name }));
    onClose();
  };

  return (
    <FormModal<Values>
      open
      width={640}
      title={t('assessment.correction.title')}
      okText={t('assessment.correction.ok')}
      onCancel={onClose}
      onSubmit={submit}
      testId="sheet-correction-form"
      onValuesChange={(changed, form) => {
        const entry = changed.row?.personId ? entryOf(changed.row.personId) : undefined;
        if (entry) {
          form.setFieldsValue({
            row: { personId: entry.personId, daysWorked: entry.daysWorked, absenceDays: entry.absenceDays, peopleServed: entry.peopleServed, scores: { ...entry.scores } },
          });
        }
      }}
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('assessment.correction.intro')} />
      <Form.Item name={['row', 'personId']} label={t('assessment.correction.worker')} rules={[{ required: true, message: t('common.requiredSelect', { label: t('assessment.correction.worker') }) }]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          options={sheet.entries.map((e) => ({ value: e.personId, label: e.communityName ? `${e.name}（${e.communityName}）` : e.name }))}
        />
      </Form.Item>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name={['row', 'daysWorked']} label={t('assessment.grid.daysWorked')}>
            <InputNumber<number> min={0} step={0.5} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name={['row', 'absenceDays']} label={t('assessment.grid.absenceDays')}>
            <InputNumber<number> min={0} step={0.5} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        {sheet.entries.some((e) => e.perPersonServed) && (
          <Col span={8}>
            <Form.Item name={['row', 'peopleServed']} label={t('assessment.grid.peopleServed')}>
              <InputNumber<number> min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        )}
      </Row>
      <Row gutter={16}>
        {sheet.template.indicators.map((i) => (
          <Col span={12} key={i.id}>
            <Form.Item name={['row', 'scores', i.id]} label={`${i.name}${t('assessment.grid.points', { points: i.pointsTenths / 10 })}`}>
              <InputNumber<number> min={0} max={i.pointsTenths / 10} step={0.5} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        ))}
      </Row>
      <Form.Item name="reason" label={t('assessment.correction.reason')} extra={t('assessment.correction.reasonHelp')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('assessment.correction.reason') }) }]}>
        <Input.TextArea rows={2} maxLength={500} showCount />
      </Form.Item>
    </FormModal>
  );
}
