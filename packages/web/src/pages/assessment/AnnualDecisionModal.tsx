import { annualAssessment, ANNUAL_OUTCOME_LABELS, ruleValue, type AnnualRow } from '@gongyi/domain';
import { Alert, App, Form, Input, Radio } from 'antd';
import { decideAnnual } from '../../api/assessment';
import { FormModal } from '../../components/FormModal';
import { tenthsText } from '../../features/assessment/sheetGrid';
import { useI18n, vocab } from '../../i18n';
import { useTown } from '../../session/SessionContext';

interface Values {
  step: -1 | 0 | 1;
  reason?: string;
  districtRating?: string;
}

/** 确定等次: the leadership group may move the computed grade one step, with a written reason (R25). */
export function AnnualDecisionModal({ row, onClose, onSaved }: { row: AnnualRow; onClose: () => void; onSaved: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const town = useTown();
  const bands = ruleValue('assessment.gradeBands', `${row.year}-12-31`);
  const finalOf = (step: -1 | 0 | 1) => annualAssessment(row.meanTenths === null ? [] : [row.meanTenths], bands, { step, reason: '' }).final;

  const submit = async (v: Values) => {
    await decideAnnual(town.id, row.personId, { year: row.year, step: v.step, reason: v.reason?.trim() ?? '', districtRating: v.districtRating?.trim() ?? '' });
    void message.success(t('assessment.annual.decided', { name: row.name }));
    onSaved();
    onClose();
  };

  const label = (step: -1 | 0 | 1) => {
    const final = finalOf(step);
    return `${t(step === 0 ? 'assessment.annual.keep' : step > 0 ? 'assessment.annual.up' : 'assessment.annual.down')}${final ? `（${vocab(ANNUAL_OUTCOME_LABELS, final, lang)}）` : ''}`;
  };

  return (
    <FormModal<Values>
      open
      title={t('assessment.annual.decideTitle', { name: row.name, year: row.year })}
      onCancel={onClose}
      onSubmit={submit}
      testId="annual-decision-form"
      initialValues={{ step: row.decisionStep as -1 | 0 | 1, reason: row.decisionReason, districtRating: row.districtRating }}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('assessment.annual.decideIntro', { months: row.months ?? 0, mean: tenthsText(row.meanTenths), grade: row.computed ? vocab(ANNUAL_OUTCOME_LABELS, row.computed, lang) : '—' })}
      />
      <Form.Item name="step" label={t('assessment.annual.decision')}>
        <Radio.Group options={([-1, 0, 1] as const).map((s) => ({ value: s, label: label(s) }))} />
      </Form.Item>
      <Form.Item noStyle dependencies={['step']}>
        {({ getFieldValue }) => (
          <Form.Item
            name="reason"
            label={t('assessment.annual.reason')}
            extra={t('assessment.annual.reasonHelp')}
            rules={[{ required: getFieldValue('step') !== 0, whitespace: true, message: t('common.required', { label: t('assessment.annual.reason') }) }]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        )}
      </Form.Item>
      <Form.Item name="districtRating" label={t('assessment.annual.district')} extra={t('assessment.annual.districtHelp')}>
        <Input maxLength={40} />
      </Form.Item>
    </FormModal>
  );
}
