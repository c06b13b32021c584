import { ANNUAL_OUTCOMES, ANNUAL_OUTCOME_LABELS, type Agreement, type AnnualOutcome } from '@gongyi/domain';
import { Alert, App, Form, Input, Radio } from 'antd';
import { recordAnnualResult } from '../../api/staffing';
import { FormModal } from '../../components/FormModal';
import { useI18n, vocab } from '../../i18n';
import { useTown } from '../../session/SessionContext';

interface Values {
  outcome: AnnualOutcome;
  note?: string;
}

/**
 * 登记年度考核结果: the outcome R8 reads, entered by hand by town HR until the annual assessment
 * (#6) writes it.
 */
export function AnnualResultModal({ agreement, onClose, onSaved }: { agreement: Agreement; onClose: () => void; onSaved: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const town = useTown();
  const year = agreement.renewal.year;

  const submit = async (v: Values) => {
    await recordAnnualResult(town.id, { personId: agreement.personId, year, outcome: v.outcome, note: v.note?.trim() ?? '' });
    void message.success(t('agreements.annual.saved', { name: agreement.name, year }));
    onSaved();
    onClose();
  };

  return (
    <FormModal<Values>
      open
      title={t('agreements.annual.title', { name: agreement.name, year })}
      onCancel={onClose}
      onSubmit={submit}
      testId="annual-result-form"
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('agreements.annual.intro')} />
      <Form.Item
        name="outcome"
        label={t('agreements.annual.outcome')}
        rules={[{ required: true, message: t('common.requiredSelect', { label: t('agreements.annual.outcome') }) }]}
      >
        <Radio.Group options={ANNUAL_OUTCOMES.map((o) => ({ value: o, label: vocab(ANNUAL_OUTCOME_LABELS, o, lang) }))} />
      </Form.Item>
      <Form.Item name="note" label={t('common.note')} extra={t('agreements.annual.noteHelp')}>
        <Input maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}
